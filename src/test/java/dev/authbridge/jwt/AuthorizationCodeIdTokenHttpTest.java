package dev.authbridge.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.AccessTokenValidator;
import dev.authbridge.testing.DemoApp;
import dev.authbridge.testing.HttpTestClient;
import dev.authbridge.testing.HttpTestClient.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The authorization-code flow with {@code scope=openid}: the {@code nonce} sent to
 * {@code /oauth/authorize} comes back in the id token, validated by the Nimbus SDK's
 * {@code IDTokenValidator} (OIDC Core §3.1.3.7), with {@code auth_time} and {@code at_hash}.
 */
class AuthorizationCodeIdTokenHttpTest {
    private static final String REDIRECT = "http://127.0.0.1:8095/callback";

    @RegisterExtension
    static final DemoApp app = new DemoApp();

    private static ResourceServer rs;

    @BeforeAll
    static void discover() throws Exception {
        rs = ResourceServer.discover(app.http().baseUrl() + "/auth/v3");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** {@code /oauth/authorize} with the user's Basic credentials (no page), PKCE S256 and a nonce. */
    private static JsonNode codeFlow(Nonce nonce) throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        String challenge = com.nimbusds.oauth2.sdk.pkce.CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue();
        Response authorize = app.http().get("/auth/v3/oauth/authorize?response_type=code&client_id=demo-client"
                        + "&redirect_uri=" + enc(REDIRECT) + "&scope=openid&state=xyz&nonce=" + enc(nonce.getValue())
                        + "&code_challenge=" + challenge + "&code_challenge_method=S256",
                "Authorization", HttpTestClient.basic("demo\\agent1", "agent1-Secret!"));
        assertEquals(302, authorize.status(), authorize.body());
        AuthorizationResponse response = AuthorizationResponse.parse(URI.create(authorize.header("Location")));
        assertTrue(response.indicatesSuccess(), authorize.header("Location"));
        // RFC 9207, as discovery announces: the authorization response names the issuer.
        assertEquals(rs.issuer(), response.toSuccessResponse().getIssuer().getValue());
        String code = response.toSuccessResponse().getAuthorizationCode().getValue();
        Response token = app.http().token("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "code_verifier", verifier.getValue());
        assertEquals(200, token.status(), token.body());
        return token.json();
    }

    @Test
    void authorizationCodeWhenOpenidAndNonceThenIdTokenCarriesNonceAuthTimeAndAtHash() throws Exception {
        Nonce nonce = new Nonce();
        JsonNode tokens = codeFlow(nonce);
        assertNotNull(tokens.get("id_token"), tokens.toString());

        IDTokenClaimsSet id = rs.validateIdToken(tokens.get("id_token").asText(), "demo-client", nonce);

        assertEquals(nonce, id.getNonce());
        assertEquals(app.clock().instant().getEpochSecond(), id.getAuthenticationTime().toInstant().getEpochSecond(),
                "auth_time is the sign-in, by the server's clock");
        AccessTokenValidator.validate(new BearerAccessToken(tokens.get("access_token").asText()), rs.algorithm,
                id.getAccessTokenHash());
    }

    @Test
    void authorizationCodeWhenNonceOfAnotherRequestThenSdkRejects() throws Exception {
        JsonNode tokens = codeFlow(new Nonce());
        assertThrows(Exception.class,
                () -> rs.validateIdToken(tokens.get("id_token").asText(), "demo-client", new Nonce()));
    }
}
