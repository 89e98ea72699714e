package dev.authbridge.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authbridge.testing.DemoApp;
import dev.authbridge.testing.HttpTestClient;
import dev.authbridge.testing.HttpTestClient.Response;
import dev.authbridge.testing.RawHttp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /auth/v3/ops/clients} on the shipped demo configuration (ops user {@code ops}, demo
 * password): a client created through it signs in at once, changes take effect at once, a
 * deleted client's tokens stop working, config.yaml's clients are read-only, and every hostile
 * body or header is the envelope's 400/401/415, never a 500.
 */
class OpsClientHttpTest {
    static final String PATH = "/auth/v3/ops/clients";
    static final String OPS = HttpTestClient.basic("ops", "demo-ops-password");
    static final String JSON = "application/json";

    @RegisterExtension
    static final DemoApp app = new DemoApp();

    static Response create(String body) {
        return app.http().post(PATH, body, "Authorization", OPS, "Content-Type", JSON);
    }

    static Response token(String clientId, String secret, String... kv) {
        return app.http().post("/auth/v3/oauth/token", HttpTestClient.form(HttpTestClient.fields(kv)),
                "Content-Type", "application/x-www-form-urlencoded", "Authorization", HttpTestClient.basic(clientId, secret));
    }

    static void assertOk(Response r, String path) {
        assertEquals(200, r.status(), r.body());
        assertEquals(0, r.json().path("status").path("code").asInt());
        assertEquals(path, r.json().path("path").asText());
        assertEquals("no-store", r.header("Cache-Control"));
    }

    static void assertEnvelope(Response r, int status) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.contentType().startsWith(JSON), r.contentType());
        assertEquals(status, r.json().path("status").path("code").asInt(), r.body());
        assertFalse(r.json().path("errors").isEmpty(), r.body());
    }

    static List<String> problems(Response r) {
        List<String> out = new ArrayList<>();
        r.json().path("errors").forEach(e -> out.add(e.path("status").path("message").asText()));
        return out;
    }

    @Test
    void createWhenConfidentialWithoutSecretThenSecretShownOnceAndClientSignsInAtOnce() {
        Response created = create("""
                {"data": {"client_id": "wwe-new", "name": "Workspace", "clientType": "CONFIDENTIAL",
                  "authorizedGrantTypes": ["password", "refresh_token"], "redirectURIs": ["https://wwe.example.com"],
                  "accessTokenExpirationTimeout": 600, "scope": ["*"]}}""");

        assertOk(created, PATH + "/wwe-new");
        JsonNode data = created.json().path("data");
        String secret = data.path("client_secret").asText();
        assertTrue(secret.length() >= 40, "a generated secret of 256 bits: " + secret);
        assertEquals("wwe-new", data.path("client_id").asText());
        assertEquals(600, data.path("accessTokenExpirationTimeout").asInt());
        assertEquals(2592000, data.path("refreshTokenExpirationTimeout").asInt());
        assertFalse(data.path("readOnly").asBoolean());

        Response signedIn = token("wwe-new", secret, "grant_type", "password", "username", "agent1", "password", "agent1-Secret!");
        assertEquals(200, signedIn.status(), signedIn.body());
        assertTrue(signedIn.json().path("expires_in").asInt() <= 600);
        assertEquals(401, token("wwe-new", secret + "x", "grant_type", "password", "username", "agent1",
                "password", "agent1-Secret!").status(), "a wrong secret is refused");

        Response shown = app.http().get(PATH + "/wwe-new", "Authorization", OPS);
        assertOk(shown, PATH + "/wwe-new");
        assertTrue(shown.json().path("data").path("client_secret").isMissingNode(), "never shown again: " + shown.body());
        assertFalse(shown.body().contains("$2"), "nor its hash: " + shown.body());
    }

    @Test
    void createWhenSecretGivenThenNotEchoedAndItAuthenticates() {
        Response created = create("""
                {"data": {"client_id": "svc-given", "client_secret": "given-Secret-123",
                  "authorizedGrantTypes": ["client_credentials"], "contactCenterIds": ["f91397f1-6bf6-4fcd-8623-4c4efd81e152"]}}""");

        assertOk(created, PATH + "/svc-given");
        assertTrue(created.json().path("data").path("client_secret").isMissingNode(), created.body());
        assertEquals(200, token("svc-given", "given-Secret-123", "grant_type", "client_credentials").status());
    }

    @Test
    void createWhenPublicThenNoSecretAndPasswordGrantWithClientIdOnly() {
        Response created = create("""
                {"data": {"client_id": "spa-new", "clientType": "PUBLIC", "authorizedGrantTypes": ["password"]}}""");

        assertOk(created, PATH + "/spa-new");
        assertTrue(created.json().path("data").path("client_secret").isMissingNode());
        Response r = app.http().post("/auth/v3/oauth/token", HttpTestClient.form(HttpTestClient.fields("grant_type", "password",
                "client_id", "spa-new", "username", "agent1", "password", "agent1-Secret!")),
                "Content-Type", "application/x-www-form-urlencoded");
        assertEquals(200, r.status(), r.body());
    }

    @Test
    void listWhenCalledThenConfigClientsReadOnlyThenStoreClients() {
        create("""
                {"data": {"client_id": "listed", "authorizedGrantTypes": ["client_credentials"]}}""");

        Response r = app.http().get(PATH, "Authorization", OPS, "Content-Type", JSON);

        assertOk(r, PATH);
        JsonNode demo = null;
        JsonNode listed = null;
        for (JsonNode c : r.json().path("data")) {
            if (c.path("client_id").asText().equals("demo-client")) {
                demo = c;
            } else if (c.path("client_id").asText().equals("listed")) {
                listed = c;
            }
            assertTrue(c.path("client_secret").isMissingNode(), "no secret in a list: " + c);
        }
        assertNotNull(demo, r.body());
        assertTrue(demo.path("readOnly").asBoolean());
        assertEquals("CONFIDENTIAL", demo.path("clientType").asText());
        assertEquals("http://127.0.0.1:8095/callback", demo.path("redirectURIs").path(0).asText());
        assertNotNull(listed, r.body());
        assertFalse(listed.path("readOnly").asBoolean());
    }

    @Test
    void updateWhenOnlyRedirectUrisThenTheyChangeAtOnceAndTheRestStays() {
        String secret = create("""
                {"data": {"client_id": "moving", "name": "Moving app", "authorizedGrantTypes": ["authorization_code", "password"],
                  "redirectURIs": ["https://old.example.com/cb"]}}""").json().path("data").path("client_secret").asText();
        String authorize = "/auth/v3/oauth/authorize?client_id=moving&response_type=code&redirect_uri=";

        Response updated = app.http().put(PATH + "/moving", """
                {"data": {"redirectURIs": ["https://new.example.com/cb"]}}""", "Authorization", OPS, "Content-Type", JSON);

        assertOk(updated, PATH + "/moving");
        JsonNode data = updated.json().path("data");
        assertEquals(List.of("https://new.example.com/cb"), List.of(data.path("redirectURIs").path(0).asText()));
        assertEquals(1, data.path("redirectURIs").size());
        assertEquals("Moving app", data.path("name").asText());
        assertEquals(2, data.path("authorizedGrantTypes").size());
        assertEquals(200, app.http().get(authorize + "https%3A%2F%2Fnew.example.com%2Fcb"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256").status());
        assertEquals(400, app.http().get(authorize + "https%3A%2F%2Fold.example.com%2Fcb").status(),
                "the old URI is refused at once");
        assertEquals(200, token("moving", secret, "grant_type", "password", "username", "agent1",
                "password", "agent1-Secret!").status(), "the secret is kept");
    }

    @Test
    void deleteWhenClientHasTokensThenTheyStopWorkingAndItCannotSignIn() {
        String secret = create("""
                {"data": {"client_id": "doomed", "authorizedGrantTypes": ["password", "refresh_token"]}}""")
                .json().path("data").path("client_secret").asText();
        JsonNode tokens = token("doomed", secret, "grant_type", "password", "username", "agent1",
                "password", "agent1-Secret!").json();
        String access = tokens.path("access_token").asText();
        assertEquals(200, app.http().getWithBearer("/auth/v3/userinfo", access).status());

        Response deleted = app.http().method("DELETE", PATH + "/doomed", "Authorization", OPS);

        assertOk(deleted, PATH + "/doomed");
        assertEquals(2, deleted.json().path("data").path("revokedTokens").asInt(), deleted.body());
        assertEquals(401, app.http().getWithBearer("/auth/v3/userinfo", access).status());
        assertEquals(401, token("doomed", secret, "grant_type", "refresh_token",
                "refresh_token", tokens.path("refresh_token").asText()).status());
        assertEquals(401, token("doomed", secret, "grant_type", "password", "username", "agent1",
                "password", "agent1-Secret!").status());
        assertEnvelope(app.http().get(PATH + "/doomed", "Authorization", OPS), 404);
        assertEnvelope(app.http().method("DELETE", PATH + "/doomed", "Authorization", OPS), 404);
    }

    @Test
    void signOutWhenRedirectUriRegisteredForAStoreClientThenRedirectedThere() {
        String secret = create("""
                {"data": {"client_id": "leaving", "authorizedGrantTypes": ["password"],
                  "redirectURIs": ["https://leaving.example.com/bye"]}}""").json().path("data").path("client_secret").asText();
        String access = token("leaving", secret, "grant_type", "password", "username", "agent1",
                "password", "agent1-Secret!").json().path("access_token").asText();

        Response r = app.http().get("/auth/v3/sign-out?redirectUri=https%3A%2F%2Fleaving.example.com%2Fbye",
                "Authorization", "Bearer " + access);

        assertEquals(302, r.status(), r.body());
        assertEquals("https://leaving.example.com/bye", r.header("Location"));
    }

    @Test
    void configClientWhenChangedOrDeletedOrIdTakenThen409ReadOnly() {
        Response put = app.http().put(PATH + "/demo-client", "{\"data\": {\"name\": \"x\"}}", "Authorization", OPS,
                "Content-Type", JSON);
        assertEnvelope(put, 409);
        assertEquals("CLIENT_READ_ONLY", put.json().path("status").path("detail").path("reason").asText());
        assertEnvelope(app.http().method("DELETE", PATH + "/demo-client", "Authorization", OPS), 409);
        Response taken = create("{\"data\": {\"client_id\": \"demo-client\", \"authorizedGrantTypes\": [\"password\"]}}");
        assertEnvelope(taken, 409);
        assertEquals("CLIENT_EXISTS", taken.json().path("status").path("detail").path("reason").asText());
        assertTrue(app.http().signIn("agent1", "agent1-Secret!").has("access_token"), "demo-client as it was");
    }

    @Test
    void createWhenIdTakenInTheStoreThen409() {
        create("{\"data\": {\"client_id\": \"twice\", \"authorizedGrantTypes\": [\"password\"]}}");
        assertEnvelope(create("{\"data\": {\"client_id\": \"twice\", \"authorizedGrantTypes\": [\"password\"]}}"), 409);
    }

    @Test
    void createWhenEveryFieldWrongThen400ListingEachProblem() {
        Response r = create("""
                {"data": {"client_id": "bad id/..", "client_secret": "short", "clientType": "SECRET",
                  "authorizedGrantTypes": ["password", "magic"], "redirectURIs": ["https://a.example.com/#frag", "javascript:alert(1)"],
                  "accessTokenExpirationTimeout": 0, "refreshTokenExpirationTimeout": -5, "contactCenterIds": ["not-a-uuid"],
                  "scope": ["read write"]}}""");

        assertEnvelope(r, 400);
        List<String> problems = problems(r);
        for (String field : List.of("client_id", "client_secret", "clientType", "authorizedGrantTypes", "redirectURIs[0]",
                "redirectURIs[1]", "accessTokenExpirationTimeout", "refreshTokenExpirationTimeout", "contactCenterIds[0]",
                "scope")) {
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(field + ":")), field + " in " + problems);
        }
        assertFalse(r.body().contains("short"), "a secret is never quoted: " + r.body());
        assertEnvelope(app.http().get(PATH + "/bad%20id", "Authorization", OPS), 404);
    }

    @Test
    void createWhenPublicClientAsksForClientCredentialsThen400() {
        Response r = create("""
                {"data": {"client_id": "pub-cc", "clientType": "PUBLIC", "client_secret": "some-Secret-1",
                  "authorizedGrantTypes": ["client_credentials"]}}""");

        assertEnvelope(r, 400);
        assertEquals(2, problems(r).size(), r.body());
    }

    @Test
    void createWhenFieldsOfWrongTypesThen400ListingEach() {
        Response r = create("""
                {"data": {"client_id": 7, "authorizedGrantTypes": "password", "redirectURIs": [1, "https://x.example.com"],
                  "accessTokenExpirationTimeout": "600", "refreshTokenExpirationTimeout": 1.5}}""");

        assertEnvelope(r, 400);
        assertEquals(List.of("client_id: must be a string", "authorizedGrantTypes: must be a list of strings",
                "redirectURIs[0]: must be a string", "accessTokenExpirationTimeout: must be a whole number of seconds",
                "refreshTokenExpirationTimeout: must be a whole number of seconds"), problems(r));
    }

    @Test
    void createWhenStringsNotValidUnicodeOrNumbersHugeThen400() {
        Response r = create("""
                {"data": {"client_id": "uni", "name": "\\ud800", "authorizedGrantTypes": ["password", "\\udfff"],
                  "accessTokenExpirationTimeout": 99999999999999999999999, "refreshTokenExpirationTimeout": 1e400}}""");

        assertEnvelope(r, 400);
        assertEquals(List.of("name: is not valid Unicode", "authorizedGrantTypes[1]: is not valid Unicode",
                "accessTokenExpirationTimeout: must be a whole number of seconds",
                "refreshTokenExpirationTimeout: must be a whole number of seconds"), problems(r));
    }

    /** Raw bytes in a JSON body, as a script with a broken encoding sends them. */
    private static RawHttp.Response createRaw(byte[] body, String contentType) {
        int port = Integer.parseInt(app.http().baseUrl().replaceAll(".*:", ""));
        String head = "POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + OPS + "\r\nContent-Type: "
                + contentType + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        try (RawHttp raw = RawHttp.connect(port)) {
            return raw.send(head.getBytes(StandardCharsets.US_ASCII)).send(body).read(Duration.ofSeconds(10));
        }
    }

    @Test
    void createWhenBodyNotValidUtf8Then400AndNothingStored() {
        byte[] body = ("{\"data\": {\"client_id\": \"bytes\", \"authorizedGrantTypes\": [\"client_credentials\"], "
                + "\"name\": \"caf\u00e9\"}}").getBytes(StandardCharsets.ISO_8859_1); // é as one byte: not UTF-8

        RawHttp.Response r = createRaw(body, JSON);

        assertEquals(400, r.status(), r.body());
        assertEquals("The body is not valid UTF-8 text", r.json().path("status").path("message").asText(), r.body());
        assertEquals(404, app.http().get(PATH + "/bytes", "Authorization", OPS).status(), "nothing was stored");
        byte[] utf8 = new String(body, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.UTF_8);
        RawHttp.Response right = createRaw(utf8, JSON);
        assertEquals(200, right.status(), right.body());
        assertEquals("caf\u00e9", right.json().path("data").path("name").asText());
    }

    @Test
    void createWhenUnknownFieldsThenIgnored() {
        Response r = create("""
                {"data": {"client_id": "extra", "authorizedGrantTypes": ["password"], "autoApprove": true,
                  "additionalInformation": {"x": 1}}, "operationId": "op-1"}""");

        assertOk(r, PATH + "/extra");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "{}", "{\"data\": 1}", "{\"data\": null}", "{\"data\": []}", "{\"data\": {",
            "{\"data\": {\"client_id\": \"a\", \"client_id\": \"b\"}}", "\"\\ud800\"", "{\"data\": {\"client_id\": \"\\u0000\"}}"})
    void createWhenBodyHostileThen400Envelope(String body) {
        assertEnvelope(create(body), 400);
    }

    @Test
    void createWhenBodyHugeThen413Envelope() {
        String uris = "\"https://x.example.com/" + "a".repeat(1000) + "\",";
        assertEnvelope(create("{\"data\": {\"redirectURIs\": [" + uris.repeat(80) + "\"https://x.example.com\"]}}"), 413);
    }

    @Test
    void createWhenNotJsonContentTypeThen415() {
        String body = "{\"data\": {\"client_id\": \"formy\", \"authorizedGrantTypes\": [\"password\"]}}";
        assertEnvelope(app.http().post(PATH, body, "Authorization", OPS, "Content-Type", "text/plain"), 415);
        assertEnvelope(app.http().post(PATH, body, "Authorization", OPS,
                "Content-Type", "application/x-www-form-urlencoded"), 415);
        assertEnvelope(app.http().post(PATH, body, "Authorization", OPS), 415);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer abc", "Basic", "Basic !!!", "Basic b3Bz", "Basic OmRlbW8tb3BzLXBhc3N3b3Jk",
            "Basic b3BzOndyb25n", "Basic b3Bzc3M6ZGVtby1vcHMtcGFzc3dvcmQ="})
    void anyCallWhenCredentialsMissingOrWrongThen401BasicChallenge(String authorization) {
        String[] headers = authorization.isEmpty() ? new String[0] : new String[] {"Authorization", authorization};
        for (Response r : List.of(app.http().get(PATH, headers), app.http().get(PATH + "/demo-client", headers),
                app.http().method("DELETE", PATH + "/demo-client", headers))) {
            assertEnvelope(r, 401);
            assertTrue(r.header("WWW-Authenticate").startsWith("Basic "), r.header("WWW-Authenticate"));
            assertTrue(r.json().path("data").isEmpty(), "nothing shown: " + r.body());
        }
    }

    @Test
    void anyPathWhenMethodUnsupportedThen405() {
        assertEnvelope(app.http().method("PATCH", PATH + "/demo-client", "Authorization", OPS), 405);
        assertEnvelope(app.http().method("DELETE", PATH, "Authorization", OPS), 405);
    }
}
