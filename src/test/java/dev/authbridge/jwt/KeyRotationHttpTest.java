package dev.authbridge.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.authbridge.config.AuthbridgeConfig;
import dev.authbridge.config.JwtConfig;
import dev.authbridge.config.SigningAlgorithm;
import dev.authbridge.testing.HttpTestClient.Response;
import dev.authbridge.testing.RunningApp;
import dev.authbridge.testing.TestClient;
import dev.authbridge.testing.TestConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys over a server's life: stable across restarts, rotated by the {@code keys rotate} command
 * while the server runs, ES256 by configuration, the issuer from {@code server.publicUrl}.
 */
class KeyRotationHttpTest {
    @TempDir
    Path dir;

    private static String signedUserInfo(RunningApp app, String accessToken) {
        Response r = app.http.getWithBearer("/auth/v3/jwt-userinfo", accessToken);
        assertEquals(200, r.status(), r.body());
        return r.header("X-GWS-User");
    }

    private static String signIn(RunningApp app) {
        return app.http.signIn("demo\\agent1", "agent1-Secret!").get("access_token").asText();
    }

    /** The signing keys' kids, in order (their Ed25519 companions, for the shipped demo-services, follow them). */
    private static List<String> publishedKids(RunningApp app) {
        List<String> kids = new ArrayList<>();
        app.http.get("/auth/v3/jwks").json().get("keys").forEach(k -> {
            if (!k.get("kty").asText().equals("OKP")) {
                kids.add(k.get("kid").asText());
            }
        });
        return kids;
    }

    private static long companions(RunningApp app) {
        List<String> kinds = new ArrayList<>();
        app.http.get("/auth/v3/jwks").json().get("keys").forEach(k -> kinds.add(k.get("kty").asText()));
        return kinds.stream().filter("OKP"::equals).count();
    }

    @Test
    void rotateWhileRunningThenOldTokensStillVerifyAndNewOnesUseThePrePublishedKey() throws Exception {
        AuthbridgeConfig config = TestConfig.shipped(dir).build();
        try (RunningApp app = RunningApp.start(config)) {
            ResourceServer rs = ResourceServer.discover(app.baseUrl() + "/auth/v3");
            String accessToken = signIn(app);
            String before = signedUserInfo(app, accessToken);
            rs.verify(before, "demo-client"); // the resource server has now cached the JWK set
            List<String> kidsBefore = publishedKids(app);
            String oldKid = SignedJWT.parse(before).getHeader().getKeyID();
            String nextKid = kidsBefore.get(1);
            assertEquals(oldKid, kidsBefore.get(0));

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = KeyRotationCommand.rotate(config, app.clock, new PrintStream(out, true, StandardCharsets.UTF_8),
                    System.err);
            assertEquals(0, code);
            assertTrue(out.toString(StandardCharsets.UTF_8).contains(nextKid), out.toString(StandardCharsets.UTF_8));

            app.clock.advance(KeyRing.RELOAD_INTERVAL); // the running server re-reads its keys
            String after = signedUserInfo(app, accessToken);
            assertEquals(nextKid, SignedJWT.parse(after).getHeader().getKeyID(),
                    "the key published a rotation ahead signs now");
            // Verified with the JWK set cached before the rotation: no verifier meets an unknown kid.
            rs.verify(after, "demo-client");
            List<String> kidsAfter = publishedKids(app);
            assertEquals(3, kidsAfter.size(), kidsAfter.toString());
            assertEquals(3, companions(app), "an Ed25519 companion for each signing key published");
            assertEquals(nextKid, kidsAfter.get(0));
            assertTrue(kidsAfter.contains(oldKid), "retired key still published");
            // A resource server that starts now still verifies what the retired key signed.
            JWTClaimsSet old = ResourceServer.discover(app.baseUrl() + "/auth/v3").verify(before, "demo-client");
            assertEquals(rs.verify(after, "demo-client").getSubject(), old.getSubject());

            app.clock.advance(Duration.ofHours(2)); // past the longest lifetime + reload + skew
            List<String> kidsLater = publishedKids(app);
            assertFalse(kidsLater.contains(oldKid), "retired key unpublished once all it signed expired");
            assertEquals(2, kidsLater.size());
            assertEquals(nextKid, kidsLater.get(0));
        }
    }

    @Test
    void restartWhenSameStoreThenSameKeysPublished() {
        AuthbridgeConfig config = TestConfig.shipped(dir).build();
        List<String> first;
        try (RunningApp app = RunningApp.start(config)) {
            first = publishedKids(app);
        }
        try (RunningApp app = RunningApp.start(config)) {
            assertEquals(first, publishedKids(app));
        }
    }

    @Test
    void configWhenEs256AndPublicUrlThenEcKeysAndIssuerFromConfigNotFromRequest() throws Exception {
        TestConfig config = TestConfig.shipped(dir)
                .withPublicUrl("https://sso.example.com/idp")
                .addClients(TestClient.confidential("short-lived", "short-secret").grants("password")
                        .accessTokenTtl(Duration.ofSeconds(60)).build())
                .withJwt(new JwtConfig(SigningAlgorithm.ES256, Duration.ofMinutes(2), Duration.ofHours(1)));
        try (RunningApp app = RunningApp.start(config)) {
            Response discovery = app.http.get("/auth/v3/.well-known/openid-configuration",
                    "X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "http");
            OIDCProviderMetadata metadata = OIDCProviderMetadata.parse(discovery.body());
            assertEquals("https://sso.example.com/idp/auth/v3", metadata.getIssuer().getValue());
            assertEquals(List.of(JWSAlgorithm.ES256), metadata.getIDTokenJWSAlgs());
            assertEquals(URI.create("https://sso.example.com/idp/auth/v3/jwks"), metadata.getJWKSetURI());

            // The public URL is not reachable from the test: fetch the JWK set from the listener.
            ResourceServer rs = ResourceServer.of(metadata, URI.create(app.baseUrl() + "/auth/v3/jwks").toURL());
            JsonNode keys = app.http.get("/auth/v3/jwks").json().get("keys");
            List<JsonNode> signing = new ArrayList<>();
            keys.forEach(k -> {
                if (!k.get("kty").asText().equals("OKP")) {
                    signing.add(k);
                }
            });
            assertEquals(keys.size(), 2 * signing.size(), "each signing key and its Ed25519 companion");
            signing.forEach(k -> assertEquals("EC", k.get("kty").asText()));
            signing.forEach(k -> assertEquals("P-256", k.get("crv").asText()));
            keys.forEach(k -> assertFalse(k.has("d"), "private EC parameter published"));

            JWTClaimsSet claims = rs.verify(signedUserInfo(app, signIn(app)), "demo-client");
            assertEquals("https://sso.example.com/idp/auth/v3", claims.getIssuer());
            assertEquals(120, (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000);

            Response shortLived = app.http.post("/auth/v3/oauth/token",
                    "grant_type=password&username=demo%5Cagent1&password=agent1-Secret%21",
                    "Content-Type", "application/x-www-form-urlencoded",
                    "Authorization", dev.authbridge.testing.HttpTestClient.basic("short-lived", "short-secret"));
            JWTClaimsSet capped = rs.verify(signedUserInfo(app, shortLived.json().get("access_token").asText()),
                    "short-lived");
            long lifetime = (capped.getExpirationTime().getTime() - capped.getIssueTime().getTime()) / 1000;
            assertTrue(lifetime <= 60, "never outlives its access token: " + lifetime);

            String idToken = app.http.token("grant_type", "password", "username", "demo\\agent1",
                    "password", "agent1-Secret!", "scope", "openid").json().get("id_token").asText();
            assertEquals(JWSAlgorithm.ES256, SignedJWT.parse(idToken).getHeader().getAlgorithm());
            assertNotEquals(null, rs.verify(idToken, "demo-client").getClaim("at_hash"));
        }
    }
}
