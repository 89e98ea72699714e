package dev.authbridge.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.openid.connect.sdk.SubjectType;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.authbridge.testing.DemoApp;
import dev.authbridge.testing.HttpTestClient.Response;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /auth/v3/.well-known/openid-configuration}, read by the Nimbus OIDC SDK. */
class DiscoveryHttpTest {
    private static final String PATH = "/auth/v3/.well-known/openid-configuration";

    @RegisterExtension
    static final DemoApp app = new DemoApp();

    private static String issuer() {
        return app.http().baseUrl() + "/auth/v3";
    }

    @Test
    void resolveWhenIssuerKnownThenSdkParsesEverySupportedFeature() throws Exception {
        OIDCProviderMetadata m = OIDCProviderMetadata.resolve(new Issuer(issuer()));

        assertEquals(issuer(), m.getIssuer().getValue());
        assertEquals(URI.create(issuer() + "/oauth/authorize"), m.getAuthorizationEndpointURI());
        assertEquals(URI.create(issuer() + "/oauth/token"), m.getTokenEndpointURI());
        assertEquals(URI.create(issuer() + "/openid/userinfo"), m.getUserInfoEndpointURI());
        assertEquals(URI.create(issuer() + "/jwks"), m.getJWKSetURI());
        assertEquals(URI.create(issuer() + "/oauth/revoke"), m.getRevocationEndpointURI());
        assertEquals(URI.create(issuer() + "/oauth/introspect"), m.getIntrospectionEndpointURI());
        assertEquals(URI.create(issuer() + "/sign-out"), m.getEndSessionEndpointURI());
        assertEquals(new Scope("openid", "*"), m.getScopes());
        assertEquals(List.of(ResponseType.CODE, ResponseType.TOKEN), m.getResponseTypes());
        assertTrue(m.getGrantTypes().containsAll(List.of(GrantType.AUTHORIZATION_CODE, GrantType.IMPLICIT,
                GrantType.PASSWORD, GrantType.REFRESH_TOKEN, GrantType.CLIENT_CREDENTIALS)));
        assertEquals(List.of(SubjectType.PUBLIC), m.getSubjectTypes());
        assertEquals(List.of(com.nimbusds.jose.JWSAlgorithm.RS256), m.getIDTokenJWSAlgs());
        assertEquals(List.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC, ClientAuthenticationMethod.CLIENT_SECRET_POST,
                ClientAuthenticationMethod.NONE), m.getTokenEndpointAuthMethods());
        assertFalse(m.getIntrospectionEndpointAuthMethods().contains(ClientAuthenticationMethod.NONE));
        assertEquals(List.of(CodeChallengeMethod.S256), m.getCodeChallengeMethods());
        assertTrue(m.getClaims().containsAll(List.of("sub", "iss", "auth_time", "nonce", "at_hash", "email",
                "contact_center_id", "authorities")));
        assertFalse(m.supportsRequestURIParam(), "the default would be true: stated false");
        assertFalse(m.supportsRequestParam());
        assertTrue(m.supportsAuthorizationResponseIssuerParam());
    }

    @Test
    void discoveryWhenFetchedThenJsonAndCacheable() {
        Response r = app.http().get(PATH, "Accept", "*/*", "x-api-key", "k");
        assertEquals(200, r.status());
        assertTrue(r.contentType().startsWith("application/json"));
        assertTrue(r.header("Cache-Control").startsWith("public, max-age="));
    }

    @Test
    void discoveryEndpointsWhenCalledThenEveryOneIsMounted() {
        JsonNode m = app.http().get(PATH).json();
        for (String endpoint : List.of("token_endpoint", "revocation_endpoint", "introspection_endpoint")) {
            Response r = app.http().post(path(m, endpoint), "", "Content-Type", "application/x-www-form-urlencoded");
            assertNotEquals(404, r.status(), endpoint);
            assertEquals("invalid_client", r.json().get("error").asText(), endpoint);
        }
        assertEquals(401, app.http().get(path(m, "userinfo_endpoint")).status());
        assertEquals(200, app.http().get(path(m, "jwks_uri")).status());
    }

    private static String path(JsonNode metadata, String field) {
        return URI.create(metadata.get(field).asText()).getPath();
    }

    /** The issuer never comes from the request: a forged Host or X-Forwarded-Host changes nothing. */
    @Test
    void discoveryWhenHostHeadersForgedThenIssuerUnchanged() throws Exception {
        URI base = URI.create(app.http().baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + PATH + " HTTP/1.1\r\nHost: evil.example\r\nX-Forwarded-Host: evil.example\r\n"
                    + "X-Forwarded-Proto: https\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 200"), response);
            assertFalse(response.contains("evil.example"), response);
            assertTrue(response.contains("\"issuer\":\"" + issuer() + "\""), response);
        }
    }

    @Test
    void discoveryWhenPostThen405() {
        assertEquals(405, app.http().post(PATH, "").status());
    }
}
