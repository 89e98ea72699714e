package dev.authbridge.jwt;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.authbridge.api.PublicUrl;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/**
 * OpenID Connect id tokens (<a href="https://openid.net/specs/openid-connect-core-1_0.html#IDToken">OIDC
 * Core §2</a>), signed by the {@link KeyRing}: {@code iss}, {@code sub} (the user's stable id, the
 * same as {@code /openid/userinfo}'s), {@code aud} (the client), {@code iat}, {@code exp},
 * {@code auth_time}, {@code at_hash} and, when the authorization request carried one,
 * {@code nonce}; for a delegated token (RFC 8693 §4.1) the {@code act} claim.
 */
public final class IdTokens {
    private final KeyRing keys;
    private final PublicUrl publicUrl;
    private final Duration ttl;
    private final Clock clock;

    public IdTokens(KeyRing keys, PublicUrl publicUrl, Duration ttl, Clock clock) {
        this.keys = keys;
        this.publicUrl = publicUrl;
        this.ttl = ttl;
        this.clock = clock;
    }

    /**
     * @param authTime when the user authenticated (for a refresh: the original sign-in, OIDC Core
     *     §12.2); left out when unknown
     * @param nonce from the authorization request, or null
     * @param accessToken the access token issued with it, bound by {@code at_hash}
     */
    public String issue(String subject, String clientId, Instant authTime, String nonce, String accessToken) {
        return issue(subject, clientId, authTime, nonce, accessToken, null);
    }

    /** As {@link #issue(String, String, Instant, String, String)}, with the {@code act} claim unless null. */
    public String issue(String subject, String clientId, Instant authTime, String nonce, String accessToken,
            Map<String, Object> act) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(publicUrl.api())
                .subject(subject)
                .audience(clientId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .claim("azp", clientId)
                .claim("at_hash", accessTokenHash(accessToken));
        if (authTime != null) {
            claims.claim("auth_time", authTime.getEpochSecond());
        }
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        if (act != null) {
            claims.claim("act", act);
        }
        return keys.sign(claims.build());
    }

    /**
     * {@code at_hash} (<a href="https://openid.net/specs/openid-connect-core-1_0.html#CodeIDToken">OIDC
     * Core §3.1.3.6</a>): the left half of the hash of the token's ASCII octets, base64url. RS256
     * and ES256 both hash with SHA-256.
     */
    static String accessTokenHash(String accessToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64URL.encode(Arrays.copyOf(digest, digest.length / 2)).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
