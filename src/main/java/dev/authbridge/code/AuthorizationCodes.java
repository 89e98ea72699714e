package dev.authbridge.code;

import dev.authbridge.config.AuthorizeConfig;
import dev.authbridge.session.OpaqueIds;
import dev.authbridge.token.TokenOwner;
import dev.authbridge.token.TokenService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * Authorization codes: issued at the end of a sign-in, redeemed once at the token endpoint.
 *
 * <p>Invariants: a code is an {@link OpaqueIds} value (256 random bits) of which only the
 * SHA-256 is stored; it is bound to the client, the exact redirect URI, the user, the scope and
 * the PKCE challenge; it redeems at most once and only before it expires. A code presented
 * again after it was redeemed is evidence that it leaked: the tokens issued for it are revoked
 * (RFC 6749 §4.1.2, §10.5; RFC 9700 §4.5), including when the replay races the redemption.
 */
public final class AuthorizationCodes {
    private final AuthorizationCodeStore store;
    private final TokenService tokens;
    private final AuthorizeConfig config;
    private final Clock clock;

    public AuthorizationCodes(AuthorizationCodeStore store, TokenService tokens, AuthorizeConfig config, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Issues a code for a user who signed in; returns the raw code, which goes into the redirect
     * and nowhere else.
     *
     * @param owner the user, with {@code authTime} set
     */
    public String issue(String clientId, String redirectUri, TokenOwner owner, String scope, String codeChallenge,
            String nonce) {
        Objects.requireNonNull(owner.authTime(), "owner.authTime");
        Instant now = now();
        Instant expires = now.plus(config.codeTtl());
        String code = OpaqueIds.next();
        store.save(new AuthorizationCode(TokenService.hash(code), clientId, redirectUri, owner, scope, codeChallenge,
                nonce, owner.authTime(), now, expires, null, null, null, expires));
        return code;
    }

    /**
     * Checks a code presented at the token endpoint by {@code clientId}, in this order: known;
     * issued to this client (else refused without touching it, so one client cannot burn another
     * client's code); not redeemed before (else its tokens are revoked); not expired; the same
     * {@code redirect_uri}; PKCE (RFC 7636 §4.6; a verifier for a code without challenge is a
     * downgrade attempt, RFC 9700 §4.8.2); then marked used, atomically.
     */
    public CodeRedemption redeem(String rawCode, String clientId, String redirectUri, String codeVerifier) {
        if (!OpaqueIds.plausible(rawCode)) {
            return CodeRedemption.Refused.UNKNOWN;
        }
        Optional<AuthorizationCode> found = store.find(TokenService.hash(rawCode));
        if (found.isEmpty()) {
            return CodeRedemption.Refused.UNKNOWN;
        }
        AuthorizationCode code = found.get();
        Instant now = now();
        if (!code.clientId().equals(clientId)) {
            return CodeRedemption.Refused.OTHER_CLIENT;
        }
        if (code.usedAt() != null) {
            return replayed(code, now);
        }
        if (!now.isBefore(code.expiresAt())) {
            return CodeRedemption.Refused.EXPIRED;
        }
        if (!code.redirectUri().equals(redirectUri)) {
            return CodeRedemption.Refused.REDIRECT_MISMATCH;
        }
        if (code.codeChallenge() == null && codeVerifier != null) {
            return CodeRedemption.Refused.VERIFIER_UNEXPECTED;
        }
        if (code.codeChallenge() != null && codeVerifier == null) {
            return CodeRedemption.Refused.VERIFIER_MISSING;
        }
        if (code.codeChallenge() != null && !Pkce.matches(codeVerifier, code.codeChallenge())) {
            return CodeRedemption.Refused.VERIFIER_MISMATCH;
        }
        if (!store.markUsed(code.hash(), now)) {
            return replayed(code, now); // a concurrent redemption won
        }
        return new CodeRedemption.Redeemed(code);
    }

    /**
     * Ties the tokens just issued for a redeemed code to it, so a later replay revokes them.
     * Returns false — after revoking them — when a replay arrived while they were being issued.
     *
     * @param longestTtl the longest lifetime among the tokens issued (the row is kept that long)
     */
    public boolean bindTokens(AuthorizationCode code, String tokenFamily, Duration longestTtl) {
        Instant now = now();
        // One statement records the family and reads whether a replay came first; a replay
        // does the same the other way round, so one of the two always sees the other's write.
        if (!store.recordTokens(code.hash(), tokenFamily, now.plus(longestTtl))) {
            tokens.revokeFamily(tokenFamily);
            return false;
        }
        return true;
    }

    /** Deletes codes nobody can use or replay any more; returns how many. */
    public int purgeExpired() {
        return store.purgeExpired(now());
    }

    private CodeRedemption replayed(AuthorizationCode code, Instant now) {
        store.markReplayed(code.hash(), now).ifPresent(tokens::revokeFamily);
        return CodeRedemption.Refused.REPLAYED;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
