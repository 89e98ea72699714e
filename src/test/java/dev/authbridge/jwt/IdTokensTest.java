package dev.authbridge.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.authbridge.api.PublicUrl;
import dev.authbridge.config.JwtConfig;
import dev.authbridge.config.SigningAlgorithm;
import dev.authbridge.config.StoreConfig;
import dev.authbridge.store.Database;
import dev.authbridge.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/**
 * Id tokens as the authorization-code flow needs them (nonce carried from /oauth/authorize),
 * checked by the Nimbus SDK's {@link IDTokenValidator} against the published keys.
 */
class IdTokensTest {
    private static final String ISSUER = "https://sso.example.com/auth/v3";

    @TempDir
    Path dir;

    private Database db;
    private KeyRing keys;
    private IdTokens idTokens;
    private final MutableClock clock = MutableClock.now();

    @BeforeEach
    void open() {
        db = Database.open(new StoreConfig(dir.resolve("store.db"), Duration.ofSeconds(5), Duration.ofMinutes(10)));
        keys = KeyRing.open(new SqlSigningKeyStore(db),
                new JwtConfig(SigningAlgorithm.RS256, Duration.ofMinutes(5), Duration.ofMinutes(10)), clock);
        idTokens = new IdTokens(keys, PublicUrl.of("https://sso.example.com"), Duration.ofMinutes(10), clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private IDTokenValidator validator(String clientId) {
        return new IDTokenValidator(new Issuer(ISSUER), new ClientID(clientId), JWSAlgorithm.RS256, keys.publishedKeys());
    }

    @Test
    void issueWhenNonceThenSdkValidatesNonceAuthTimeAndAtHash() throws Exception {
        Instant authTime = clock.instant().minusSeconds(90);
        String jwt = idTokens.issue("user-1", "wwe", authTime, "n-0S6_WzA2Mj", "a4b5da75-a584-4053-9227-0f0ab23ff06e");

        IDTokenClaimsSet claims = validator("wwe").validate(JWTParser.parse(jwt), new Nonce("n-0S6_WzA2Mj"));

        assertEquals("user-1", claims.getSubject().getValue());
        assertEquals(Date.from(Instant.ofEpochSecond(authTime.getEpochSecond())), claims.getAuthenticationTime());
        assertEquals(AccessTokenHash.compute(new BearerAccessToken("a4b5da75-a584-4053-9227-0f0ab23ff06e"),
                JWSAlgorithm.RS256, null), claims.getAccessTokenHash());
        assertEquals(600, (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000);
    }

    @Test
    void issueWhenNonceDiffersThenSdkRejects() {
        String jwt = idTokens.issue("user-1", "wwe", clock.instant(), "expected-nonce", "token");
        assertThrows(Exception.class, () -> validator("wwe").validate(JWTParser.parse(jwt), new Nonce("replayed")));
    }

    @Test
    void issueWhenNoNonceOrAuthTimeThenClaimsAbsent() throws Exception {
        SignedJWT jwt = SignedJWT.parse(idTokens.issue("user-1", "wwe", null, null, "token"));
        assertNull(jwt.getJWTClaimsSet().getClaim("nonce"));
        assertNull(jwt.getJWTClaimsSet().getClaim("auth_time"));
        assertEquals(ISSUER, jwt.getJWTClaimsSet().getIssuer());
    }
}
