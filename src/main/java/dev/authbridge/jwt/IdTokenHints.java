package dev.authbridge.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.authbridge.api.PublicUrl;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code id_token_hint} of an RP-initiated logout (<a
 * href="https://openid.net/specs/openid-connect-rpinitiated-1_0.html#RPLogout">OpenID Connect
 * RP-Initiated Logout 1.0 §2</a>): an id token authbridge issued, presented back by the client it
 * was issued to. It names the client ({@code aud}) and the user ({@code sub}) and the sign-in it
 * came from ({@code auth_time}).
 *
 * <p>Checked: the signature, by a key still published ({@link KeyRing#publishedKeys()}: a key
 * retired longer than any token lives is gone, and what it signed with it), the algorithm of that
 * key, {@code iss} = authbridge, one {@code aud} equal to {@code azp} and an {@code at_hash}, so
 * an {@code X-GWS-User} token (same keys, no {@code azp}) is no hint. Not checked: {@code exp} —
 * §2 asks the OP to accept an expired id token as a hint, since logging out usually comes after
 * the id token's short life.
 */
public final class IdTokenHints {
    /** Far above an id token of ours (about 1 KiB); longer is refused before parsing. */
    static final int MAX_LENGTH = 8192;

    private final KeyRing keys;
    private final PublicUrl publicUrl;

    public IdTokenHints(KeyRing keys, PublicUrl publicUrl) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.publicUrl = Objects.requireNonNull(publicUrl, "publicUrl");
    }

    /**
     * @param subject the user's stable id
     * @param clientId the client the id token was issued to
     * @param authTime when the user signed in (the browser session's start), null when absent
     */
    public record Hint(String subject, String clientId, Instant authTime) {}

    /** The hint's user and client, or empty for anything that is not an id token of ours. */
    public Optional<Hint> verify(String idToken) {
        if (idToken == null || idToken.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(idToken);
            JWK key = keys.publishedKeys().getKeyByKeyId(jwt.getHeader().getKeyID());
            if (key == null || !jwt.getHeader().getAlgorithm().equals(key.getAlgorithm())
                    || !jwt.verify(verifier(key))) {
                return Optional.empty();
            }
            return hint(jwt.getJWTClaimsSet());
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }

    private Optional<Hint> hint(JWTClaimsSet claims) throws ParseException {
        List<String> audience = claims.getAudience();
        if (!publicUrl.api().equals(claims.getIssuer()) || claims.getSubject() == null || audience.size() != 1
                || !audience.get(0).equals(claims.getStringClaim("azp")) || claims.getStringClaim("at_hash") == null) {
            return Optional.empty();
        }
        Long authTime = claims.getLongClaim("auth_time");
        return Optional.of(new Hint(claims.getSubject(), audience.get(0),
                authTime == null ? null : Instant.ofEpochSecond(authTime)));
    }

    private static JWSVerifier verifier(JWK key) throws JOSEException {
        if (key instanceof RSAKey rsa) {
            return new RSASSAVerifier(rsa);
        }
        if (key instanceof ECKey ec) {
            return new ECDSAVerifier(ec);
        }
        throw new JOSEException("key " + key.getKeyID() + " is neither RSA nor EC");
    }
}
