package dev.authbridge.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authbridge.client.ClientDraft;
import dev.authbridge.client.InvalidClientException;
import dev.authbridge.config.Secret;
import dev.authbridge.web.ApiException;
import dev.authbridge.web.JsonContent;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST} and {@code PUT /ops/clients}, parsed once at the edge:
 * <code>{"data": {"client_id": …, "client_secret": …, "name": …, "description": …, "clientType":
 * …, "authorizedGrantTypes": […], "authorities": […], "scope": […], "redirectURIs": […],
 * "accessTokenExpirationTimeout": 43200, "refreshTokenExpirationTimeout": 2592000,
 * "contactCenterIds": […]}}</code>. A field absent or JSON null is not given (an update keeps
 * it); unknown fields are ignored, as for every request of the API. A field of the wrong type
 * is a problem, all of them listed in one 400; a body that is not JSON, or not this shape, is a
 * 400 that never quotes it (it may hold a secret).
 */
public record OpsClientRequest(ClientDraft draft) {

    /**
     * @throws ApiException 400 when the body is not a JSON object with a {@code data} object
     * @throws InvalidClientException 400 listing every field of the wrong type
     */
    public static OpsClientRequest parse(String body) {
        JsonNode root = JsonContent.object(body, "{\"data\": {\"client_id\": …}}");
        JsonNode data = root.get("data");
        if (data == null || !data.isObject()) {
            throw ApiException.badRequest("data is required: an object with the client's fields");
        }
        Fields f = new Fields(data);
        String secret = f.text("client_secret");
        ClientDraft draft = new ClientDraft(f.text("client_id"), secret == null ? null : new Secret(secret),
                f.text("name"), f.text("description"), f.text("clientType"), f.strings("authorizedGrantTypes"),
                f.strings("authorities"), f.strings("scope"), f.strings("redirectURIs"),
                f.seconds("accessTokenExpirationTimeout"), f.seconds("refreshTokenExpirationTimeout"),
                f.strings("contactCenterIds"));
        if (!f.problems.isEmpty()) {
            throw new InvalidClientException(f.problems);
        }
        return new OpsClientRequest(draft);
    }

    /** The fields of {@code data}, read by type; each wrong one is a problem, never quoted. */
    private static final class Fields {
        private final JsonNode data;
        private final List<String> problems = new ArrayList<>();

        Fields(JsonNode data) {
            this.data = data;
        }

        String text(String field) {
            JsonNode node = value(field);
            if (node == null) {
                return null;
            }
            if (!node.isTextual()) {
                problems.add(field + ": must be a string");
                return null;
            }
            if (JsonContent.hasLoneSurrogate(node.textValue())) {
                problems.add(field + ": is not valid Unicode");
                return null;
            }
            return node.textValue();
        }

        List<String> strings(String field) {
            JsonNode node = value(field);
            if (node == null) {
                return null;
            }
            if (!node.isArray()) {
                problems.add(field + ": must be a list of strings");
                return null;
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                if (!node.get(i).isTextual()) {
                    problems.add(field + "[" + i + "]: must be a string");
                } else if (JsonContent.hasLoneSurrogate(node.get(i).textValue())) {
                    problems.add(field + "[" + i + "]: is not valid Unicode");
                } else {
                    out.add(node.get(i).textValue());
                }
            }
            return List.copyOf(out);
        }

        Long seconds(String field) {
            JsonNode node = value(field);
            if (node == null) {
                return null;
            }
            if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                problems.add(field + ": must be a whole number of seconds");
                return null;
            }
            return node.longValue();
        }

        private JsonNode value(String field) {
            JsonNode node = data.get(field);
            return node == null || node.isNull() ? null : node;
        }
    }
}
