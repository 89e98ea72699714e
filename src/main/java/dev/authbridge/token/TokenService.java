package dev.authbridge.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues, checks, rotates and revokes tokens over a {@link TokenStore}.
 *
 * <p>Invariants: tokens are opaque {@link UUID#randomUUID()} strings (122 random bits from
 * {@code SecureRandom}, UUID-shaped like the vendor's); only their SHA-256 reaches the store;
 * every token of one sign-in shares a family, and refreshes stay in it, so that revoking the
 * family ends the sign-in whatever was refreshed since. Times are truncated to milliseconds, the
 * store's precision, so a token read back equals the one issued.
 */
public final class TokenService {

    /** Longer input is refused unhashed: no token we issue comes near it. */
    static final int MAX_TOKEN_LENGTH = 512;

    private final TokenStore store;
    private final Clock clock;
    private final Consumer<String> signedOut;

    public TokenService(TokenStore store, Clock clock) {
        this(store, clock, subject -> { });
    }

    /**
     * @param signedOut told the subject (user id) whenever some of a user's tokens are revoked,
     *     so that what is cached about the user is dropped with them
     */
    public TokenService(TokenStore store, Clock clock, Consumer<String> signedOut) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signedOut = Objects.requireNonNull(signedOut, "signedOut");
    }

    /** The lowercase hex SHA-256 of the token's UTF-8 bytes: the store's key. */
    public static String hash(String rawToken) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(rawToken.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * Starts a new family (a sign-in): an access token and, when {@code refreshTtl} is not null,
     * a refresh token.
     */
    public IssuedTokens issue(
            TokenOwner owner, String clientId, String scope, Duration accessTtl, Duration refreshTtl) {
        TokenOwner stored = owner.authTime() == null ? owner : new TokenOwner(owner.subject(), owner.userDn(),
                owner.userName(), owner.tenantId(), owner.authTime().truncatedTo(ChronoUnit.MILLIS));
        return issueIn(UUID.randomUUID().toString(), stored, clientId, scope, accessTtl, refreshTtl, now());
    }

    /**
     * Token revocation (<a href="https://www.rfc-editor.org/rfc/rfc7009#section-2.1">RFC 7009
     * §2.1</a>) on behalf of {@code clientId}. A refresh token takes its whole family with it (the
     * access tokens issued from the same grant, §2.1: "SHOULD also invalidate all access tokens
     * based on the same authorization grant"); an access token only itself. A token that is
     * unknown, malformed or issued to another client is left alone, and the caller cannot tell
     * which happened: the answer is the same, so revocation is no oracle for other clients' tokens.
     *
     * @return the token revoked (for the audit log, never for the answer); empty when none was
     */
    public Optional<StoredToken> revoke(String rawToken, String clientId) {
        if (!plausible(rawToken)) {
            return Optional.empty();
        }
        Optional<StoredToken> found = store.find(hash(rawToken)).filter(t -> t.clientId().equals(clientId));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        StoredToken token = found.get();
        if (token.kind() == TokenKind.REFRESH) {
            store.revokeFamily(token.family(), now());
        } else {
            store.revoke(token.hash(), now());
        }
        signedOut.accept(token.owner().subject());
        return found;
    }

    /**
     * The live access token presented as a bearer token, or empty when it is missing, malformed,
     * unknown, a refresh token, expired or revoked.
     */
    public Optional<StoredToken> authenticate(String rawAccessToken) {
        if (!plausible(rawAccessToken)) {
            return Optional.empty();
        }
        Instant now = now();
        return store.find(hash(rawAccessToken))
                .filter(t -> t.kind() == TokenKind.ACCESS && t.isLive(now));
    }

    /**
     * First step of the refresh grant: may {@code clientId} redeem this refresh token? Between
     * this and {@link #rotate} the caller re-checks the user in the directory.
     *
     * <p>A refresh token that was already used is evidence that it leaked: the whole family is
     * revoked (<a href="https://www.rfc-editor.org/rfc/rfc6749#section-10.4">RFC 6749 §10.4</a>,
     * <a href="https://www.rfc-editor.org/rfc/rfc9700#section-4.14.2">RFC 9700 §4.14.2</a>). A
     * token presented by another client is refused without revoking anything, checked first, so
     * one client cannot end another client's sign-ins
     * (<a href="https://www.rfc-editor.org/rfc/rfc6749#section-6">RFC 6749 §6</a>).
     */
    public RefreshCheck checkRefresh(String rawRefreshToken, String clientId) {
        if (!plausible(rawRefreshToken)) {
            return RefreshCheck.Refused.UNKNOWN;
        }
        Optional<StoredToken> found = store.find(hash(rawRefreshToken));
        if (found.isEmpty() || found.get().kind() != TokenKind.REFRESH) {
            return RefreshCheck.Refused.UNKNOWN;
        }
        StoredToken refresh = found.get();
        Instant now = now();
        if (!refresh.clientId().equals(clientId)) {
            return RefreshCheck.Refused.OTHER_CLIENT;
        }
        if (refresh.revokedAt() != null) {
            return RefreshCheck.Refused.REVOKED;
        }
        if (refresh.usedAt() != null) {
            // Checked before expiry: a replay after expiry still means the token leaked.
            store.revokeFamily(refresh.family(), now);
            return RefreshCheck.Refused.REUSED;
        }
        if (!now.isBefore(refresh.expiresAt())) {
            return RefreshCheck.Refused.EXPIRED;
        }
        return new RefreshCheck.Valid(refresh);
    }

    /**
     * Second step of the refresh grant, for a token {@link #checkRefresh} found {@link
     * RefreshCheck.Valid}, keeping its scope. See {@link #rotate(StoredToken, String, Duration,
     * Duration, boolean, String)}.
     */
    public Optional<IssuedTokens> rotate(
            StoredToken refresh,
            Duration accessTtl,
            Duration refreshTtl,
            boolean rotateRefreshTokens,
            String rawRefreshToken) {
        return rotate(refresh, refresh.scope(), accessTtl, refreshTtl, rotateRefreshTokens, rawRefreshToken);
    }

    /**
     * Second step of the refresh grant, for a token {@link #checkRefresh} found {@link
     * RefreshCheck.Valid}. New tokens join the refresh token's family with its owner and client.
     * The new access token gets {@code accessScope} (the caller narrows it, never widens it); a
     * new refresh token keeps the old one's scope
     * (<a href="https://www.rfc-editor.org/rfc/rfc6749#section-6">RFC 6749 §6</a>).
     *
     * <p>Rotating (<a href="https://www.rfc-editor.org/rfc/rfc9700#section-4.14.2">RFC 9700
     * §4.14.2</a>): the old refresh token is marked used atomically; if another request got there
     * first this one is a reuse, the family is revoked and the result is empty. Otherwise a new
     * access and refresh token are issued. Not rotating (legacy clients that keep their first
     * refresh token, as the vendor's service allows): only a new access token is issued and
     * {@code rawRefreshToken} is handed back, its expiry unchanged.
     *
     * @param refreshTtl lifetime of the new refresh token; required when rotating
     * @return empty when the family was revoked (reuse or a concurrent sign-out)
     */
    public Optional<IssuedTokens> rotate(
            StoredToken refresh,
            String accessScope,
            Duration accessTtl,
            Duration refreshTtl,
            boolean rotateRefreshTokens,
            String rawRefreshToken) {
        if (refresh.kind() != TokenKind.REFRESH || !hash(rawRefreshToken).equals(refresh.hash())) {
            throw new IllegalArgumentException("rawRefreshToken does not match the checked refresh token");
        }
        Instant now = now();
        List<StoredToken> next = new ArrayList<>(2);
        String rawRefresh = rawRefreshToken;
        if (rotateRefreshTokens) {
            Objects.requireNonNull(refreshTtl, "refreshTtl is required when rotating");
            rawRefresh = UUID.randomUUID().toString();
            next.add(new StoredToken(hash(rawRefresh), TokenKind.REFRESH, refresh.family(), refresh.owner(),
                    refresh.clientId(), refresh.scope(), now, now.plus(refreshTtl), null, null));
        }
        String rawAccess = UUID.randomUUID().toString();
        StoredToken access = new StoredToken(hash(rawAccess), TokenKind.ACCESS, refresh.family(), refresh.owner(),
                refresh.clientId(), accessScope, now, now.plus(accessTtl), null, null);
        next.add(access);
        // One transaction: the old refresh token dies (or is proven live) and the new ones are
        // saved together, so a concurrent reuse or sign-out either wins outright or sees them.
        if (!store.exchange(refresh.hash(), rotateRefreshTokens, next, now)) {
            store.revokeFamily(refresh.family(), now);
            return Optional.empty();
        }
        return Optional.of(new IssuedTokens(rawAccess, rawRefresh, access.expiresAt(), accessScope, access));
    }

    /**
     * Token exchange (<a href="https://www.rfc-editor.org/rfc/rfc8693#section-2.1">RFC 8693
     * §2.1</a>) of a live access token: a new access token for the same owner, issued to
     * {@code clientId} (the target), joining the subject token's family, so that whatever ends
     * that sign-in (sign-out, revocation of its refresh token, reuse detection, {@code tokens
     * revoke}) ends this token too. It never outlives the subject token. Saved in one transaction
     * with the check that the subject token is still live ({@link TokenStore#exchange}, not
     * marking it), so a sign-out racing the exchange either comes first and nothing is saved, or
     * revokes what was saved.
     *
     * @param act who acts for the owner through the new token; null for none
     * @param exchangedBy the client asking for the exchange (recorded: its deletion revokes the token)
     * @return empty when the subject token was revoked meanwhile
     */
    public Optional<IssuedTokens> exchange(StoredToken subject, String clientId, String scope, Duration ttl,
            Actor act, String exchangedBy) {
        if (subject.kind() != TokenKind.ACCESS) {
            throw new IllegalArgumentException("only an access token is exchanged");
        }
        Instant now = now();
        Instant expiresAt = now.plus(ttl).isAfter(subject.expiresAt()) ? subject.expiresAt() : now.plus(ttl);
        String raw = UUID.randomUUID().toString();
        StoredToken access = new StoredToken(hash(raw), TokenKind.ACCESS, subject.family(), subject.owner(), clientId,
                scope, now, expiresAt, null, null, act, exchangedBy);
        if (!store.exchange(subject.hash(), false, List.of(access), now)) {
            return Optional.empty();
        }
        return Optional.of(new IssuedTokens(raw, null, expiresAt, scope, access));
    }

    /**
     * Token exchange of a token authbridge did not issue (a trusted issuer's JWT, resolved to a
     * directory user): a new sign-in of one access token for {@code clientId}, living
     * {@code ttl} but never past {@code notAfter} (the subject token's expiry).
     *
     * @param act who acts for the owner through the new token; null for none
     * @param exchangedBy the client asking for the exchange (recorded: its deletion revokes the token)
     */
    public IssuedTokens exchange(TokenOwner owner, String clientId, String scope, Duration ttl, Instant notAfter,
            Actor act, String exchangedBy) {
        Instant now = now();
        Instant expiresAt = now.plus(ttl).isAfter(notAfter) ? notAfter.truncatedTo(ChronoUnit.MILLIS) : now.plus(ttl);
        String raw = UUID.randomUUID().toString();
        StoredToken access = new StoredToken(hash(raw), TokenKind.ACCESS, UUID.randomUUID().toString(), owner,
                clientId, scope, now, expiresAt, null, null, act, exchangedBy);
        store.save(access);
        return new IssuedTokens(raw, null, access.expiresAt(), scope, access);
    }

    /** Revokes a whole sign-in, e.g. when its user has left the directory. */
    public void revokeFamily(String family) {
        store.revokeFamily(family, now());
    }

    /**
     * Ends sign-ins. Not global: the family of the presented access token (that sign-in's access
     * and refresh tokens). Global: every token of the user, across all clients; a
     * client_credentials token has no user, so its family is revoked instead.
     */
    public void signOut(StoredToken presentedAccess, boolean global) {
        Instant now = now();
        if (global && presentedAccess.owner().isUser()) {
            store.revokeSubject(presentedAccess.owner().subject(), now);
        } else {
            store.revokeFamily(presentedAccess.family(), now);
        }
        signedOut.accept(presentedAccess.owner().subject());
    }

    /**
     * Ends every sign-in of a user but one: after a password change, the other devices and
     * clients must sign in with the new password; {@code keepFamily} is the caller's sign-in.
     */
    public void revokeOtherSignIns(String subject, String keepFamily) {
        store.revokeSubjectExcept(subject, keepFamily, now());
        signedOut.accept(subject);
    }

    /** Ends every sign-in of a user, across all clients (a password changed without a token). */
    public void revokeAllSignIns(String subject) {
        store.revokeSubject(subject, now());
        signedOut.accept(subject);
    }

    private IssuedTokens issueIn(String family, TokenOwner owner, String clientId, String scope,
            Duration accessTtl, Duration refreshTtl, Instant now) {
        List<StoredToken> tokens = new ArrayList<>(2);
        String rawRefresh = null;
        if (refreshTtl != null) {
            rawRefresh = UUID.randomUUID().toString();
            tokens.add(new StoredToken(hash(rawRefresh), TokenKind.REFRESH, family, owner, clientId, scope,
                    now, now.plus(refreshTtl), null, null));
        }
        String rawAccess = UUID.randomUUID().toString();
        StoredToken access = new StoredToken(hash(rawAccess), TokenKind.ACCESS, family, owner, clientId, scope,
                now, now.plus(accessTtl), null, null);
        tokens.add(access);
        store.saveAll(tokens);
        return new IssuedTokens(rawAccess, rawRefresh, access.expiresAt(), scope, access);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static boolean plausible(String rawToken) {
        return rawToken != null && !rawToken.isBlank() && rawToken.length() <= MAX_TOKEN_LENGTH;
    }
}
