package dev.authbridge.web;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.authbridge.api.Json;
import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** What a route that reads a JSON body accepts: its {@code Content-Type}, and the body's first reading. */
public final class JsonContent {
    /** Two values for one field would leave it to the parser which one counts: refused. */
    private static final ObjectReader READER = Json.MAPPER.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private JsonContent() {}

    /**
     * {@code application/json} or a {@code +json} type, or none at all when {@code optional}
     * (some clients send none); never a form a page could post.
     *
     * @throws ApiException 415 otherwise
     */
    public static void require(String contentType, boolean optional) {
        if (contentType == null && optional) {
            return;
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json") && !type.matches("application/[a-z0-9.+-]+\\+json.*")) {
            throw new ApiException(415, "Unsupported media type: send application/json");
        }
    }

    /**
     * The request's body as UTF-8 text (the only charset a body may name; others are refused
     * before the routes). Bytes that are not UTF-8 are refused, never replaced by U+FFFD: what is
     * stored must be what the caller sent.
     *
     * @throws ApiException 400 when the body is not valid UTF-8
     */
    public static String text(Context ctx) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(ctx.bodyAsBytes())).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("The body is not valid UTF-8 text");
        }
    }

    /**
     * The body as a JSON object, read once; a repeated field is refused.
     *
     * @param shape what the body should look like, for the 400's message
     * @throws ApiException 400 when it is empty, not JSON (the message never quotes the body:
     *     it may hold a secret) or not an object
     */
    public static JsonNode object(String body, String shape) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : READER.readTree(body);
        } catch (JacksonException e) {
            // Jackson's message quotes the input.
            throw ApiException.badRequest("The body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("The body must be a JSON object: " + shape);
        }
        return root;
    }

    /** Whether {@code value} holds a lone surrogate: not encodable as UTF-8, so never what was typed. */
    public static boolean hasLoneSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
