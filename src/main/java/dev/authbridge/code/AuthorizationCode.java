package dev.authbridge.code;

import dev.authbridge.token.TokenOwner;
import java.time.Instant;

/**
 * One authorization code (RFC 6749 §4.1.2) as stored: only its SHA-256, never the code.
 *
 * @param redirectUri the exact {@code redirect_uri} of the authorization request; the token
 *     request must repeat it (RFC 6749 §4.1.3)
 * @param owner the user who signed in; {@code owner.authTime()} equals {@code authTime}
 * @param scope the granted scope
 * @param codeChallenge the PKCE S256 challenge, or null when the request had none
 * @param nonce the OpenID Connect {@code nonce} of the request, to go into the id token; null
 *     when there was none
 * @param authTime when the user typed the password this code rests on (the sign-in, or the
 *     browser sign-in a single sign-on reused): OpenID Connect's {@code auth_time}
 * @param usedAt when the code was redeemed; null while it may be
 * @param replayedAt when a second redemption was attempted; null if never
 * @param tokenFamily the family of the tokens issued for it, revoked on a replay
 * @param retainUntil the row is kept until then: the code's expiry, or once redeemed the end
 *     of the longest lifetime of the tokens issued for it
 */
public record AuthorizationCode(
        String hash,
        String clientId,
        String redirectUri,
        TokenOwner owner,
        String scope,
        String codeChallenge,
        String nonce,
        Instant authTime,
        Instant issuedAt,
        Instant expiresAt,
        Instant usedAt,
        Instant replayedAt,
        String tokenFamily,
        Instant retainUntil) {}
