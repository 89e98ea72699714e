package dev.authbridge.token;

import dev.authbridge.store.StoreUnavailableException;

import dev.authbridge.testing.MutableClock;
import static dev.authbridge.token.Tokens.ASMITH;
import static dev.authbridge.token.Tokens.JDOE;
import static dev.authbridge.token.Tokens.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.config.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenServiceTest {

    private static final Duration ACCESS_TTL = Duration.ofHours(12);
    private static final Duration REFRESH_TTL = Duration.ofDays(30);
    private static final String WWE = "wwe";
    private static final String PORTAL = "portal";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private TokenStore store;
    private TokenService tokens;

    @BeforeEach
    void openStore() {
        store = SqlTokenStore.open(new StoreConfig(dir.resolve("tokens.db"), Duration.ofSeconds(5),
                Duration.ofMinutes(1)));
        tokens = new TokenService(store, clock);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void hashWhenKnownInputThenLowercaseSha256Hex() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", TokenService.hash("abc"));
    }

    @Test
    void issueWhenUserThenUuidShapedTokensThatAuthenticate() {
        IssuedTokens issued = signIn(JDOE, WWE);

        assertEquals(issued.accessToken(), UUID.fromString(issued.accessToken()).toString());
        assertEquals(issued.refreshToken(), UUID.fromString(issued.refreshToken()).toString());
        assertEquals(T0.plus(ACCESS_TTL), issued.accessExpiresAt());
        StoredToken access = tokens.authenticate(issued.accessToken()).orElseThrow();
        assertEquals(issued.access(), access);
        assertEquals(JDOE, access.owner());
        assertEquals(TokenService.hash(issued.accessToken()), access.hash());
    }

    @Test
    void issueWhenNoRefreshTtlThenNoRefreshToken() {
        IssuedTokens issued = tokens.issue(TokenOwner.CLIENT, "reporting", "*", ACCESS_TTL, null);

        assertNull(issued.refreshToken());
        assertEquals(TokenOwner.CLIENT, tokens.authenticate(issued.accessToken()).orElseThrow().owner());
    }

    @Test
    void authenticateWhenAccessTokenExpiredThenEmpty() {
        IssuedTokens issued = signIn(JDOE, WWE);

        clock.advance(ACCESS_TTL.minusMillis(1));
        assertTrue(tokens.authenticate(issued.accessToken()).isPresent());
        clock.advance(Duration.ofMillis(1));
        assertEquals(Optional.empty(), tokens.authenticate(issued.accessToken()));
    }

    @Test
    void authenticateWhenRefreshTokenPresentedAsBearerThenEmpty() {
        IssuedTokens issued = signIn(JDOE, WWE);

        assertEquals(Optional.empty(), tokens.authenticate(issued.refreshToken()));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\t", "*", "*)(uid=*", "a4b5da75-a584-4053-9227-0f0ab23ff06e",
            "uid=jdoe,dc=example", "jdoe\u00e9\u4e2d\ud83d\ude00", "' OR 1=1 --"})
    void authenticateWhenHostileOrUnknownInputThenEmpty(String raw) {
        signIn(JDOE, WWE);

        assertEquals(Optional.empty(), tokens.authenticate(raw));
        assertEquals(RefreshCheck.Refused.UNKNOWN, tokens.checkRefresh(raw, WWE));
    }

    @Test
    void authenticateWhenOversizedThenEmptyWithoutLookup() {
        store.close(); // a lookup would now throw: oversized input must be refused before it

        assertEquals(Optional.empty(), tokens.authenticate("x".repeat(TokenService.MAX_TOKEN_LENGTH + 1)));
    }

    @Test
    void refreshWhenRotatingThenOldDeadNewWorksSameFamily() {
        IssuedTokens first = signIn(JDOE, WWE);
        clock.advance(Duration.ofHours(1));

        IssuedTokens second = refresh(first.refreshToken(), WWE, true).orElseThrow();

        assertNotEquals(first.refreshToken(), second.refreshToken());
        assertEquals(first.access().family(), second.access().family());
        assertEquals(JDOE, second.access().owner());
        assertEquals(clock.instant().plus(ACCESS_TTL), second.accessExpiresAt());
        assertTrue(tokens.authenticate(second.accessToken()).isPresent());
        assertInstanceOf(RefreshCheck.Valid.class, tokens.checkRefresh(second.refreshToken(), WWE));
        StoredToken old = store.find(TokenService.hash(first.refreshToken())).orElseThrow();
        assertEquals(clock.instant(), old.usedAt());
    }

    @Test
    void refreshWhenTokenReusedThenFamilyRevoked() {
        IssuedTokens first = signIn(JDOE, WWE);
        IssuedTokens second = refresh(first.refreshToken(), WWE, true).orElseThrow();
        IssuedTokens otherSignIn = signIn(JDOE, WWE);

        assertEquals(RefreshCheck.Refused.REUSED, tokens.checkRefresh(first.refreshToken(), WWE));

        assertEquals(Optional.empty(), tokens.authenticate(second.accessToken()));
        assertEquals(Optional.empty(), tokens.authenticate(first.accessToken()));
        assertEquals(RefreshCheck.Refused.REVOKED, tokens.checkRefresh(second.refreshToken(), WWE));
        assertTrue(tokens.authenticate(otherSignIn.accessToken()).isPresent());
    }

    @Test
    void rotateWhenConcurrentRequestUsedTokenFirstThenEmptyAndFamilyRevoked() {
        IssuedTokens first = signIn(JDOE, WWE);
        StoredToken checkedByA = valid(tokens.checkRefresh(first.refreshToken(), WWE));
        StoredToken checkedByB = valid(tokens.checkRefresh(first.refreshToken(), WWE));

        IssuedTokens winner = tokens.rotate(checkedByA, ACCESS_TTL, REFRESH_TTL, true, first.refreshToken())
                .orElseThrow();
        Optional<IssuedTokens> loser =
                tokens.rotate(checkedByB, ACCESS_TTL, REFRESH_TTL, true, first.refreshToken());

        assertEquals(Optional.empty(), loser);
        assertEquals(Optional.empty(), tokens.authenticate(winner.accessToken()));
    }

    @Test
    void rotateWhenFamilyRevokedBetweenCheckAndRotateThenEmptyAndNewTokensDead() {
        IssuedTokens first = signIn(JDOE, WWE);
        StoredToken checked = valid(tokens.checkRefresh(first.refreshToken(), WWE));
        tokens.signOut(first.access(), true);

        assertEquals(Optional.empty(), tokens.rotate(checked, ACCESS_TTL, REFRESH_TTL, false, first.refreshToken()));
    }

    @Test
    void rotateWhenScopeNarrowedThenAccessNarrowedAndRefreshKeepsOriginalScope() {
        IssuedTokens first = tokens.issue(JDOE, WWE, "openid", ACCESS_TTL, REFRESH_TTL);
        StoredToken checked = valid(tokens.checkRefresh(first.refreshToken(), WWE));

        IssuedTokens second = tokens.rotate(checked, "*", ACCESS_TTL, REFRESH_TTL, true, first.refreshToken())
                .orElseThrow();

        assertEquals("*", second.scope());
        assertEquals("*", tokens.authenticate(second.accessToken()).orElseThrow().scope());
        assertEquals("openid", valid(tokens.checkRefresh(second.refreshToken(), WWE)).scope());
    }

    @Test
    void rotateWhenRawTokenDoesNotMatchThenIllegalArgument() {
        IssuedTokens first = signIn(JDOE, WWE);
        StoredToken checked = valid(tokens.checkRefresh(first.refreshToken(), WWE));

        assertThrows(IllegalArgumentException.class,
                () -> tokens.rotate(checked, ACCESS_TTL, REFRESH_TTL, true, UUID.randomUUID().toString()));
    }

    @Test
    void refreshWhenOtherClientThenRefusedWithoutRevoking() {
        IssuedTokens first = signIn(JDOE, WWE);

        assertEquals(RefreshCheck.Refused.OTHER_CLIENT, tokens.checkRefresh(first.refreshToken(), PORTAL));

        assertTrue(tokens.authenticate(first.accessToken()).isPresent());
        assertTrue(refresh(first.refreshToken(), WWE, true).isPresent());
    }

    @Test
    void refreshWhenOtherClientPresentsUsedTokenThenRefusedWithoutRevoking() {
        IssuedTokens first = signIn(JDOE, WWE);
        IssuedTokens second = refresh(first.refreshToken(), WWE, true).orElseThrow();

        assertEquals(RefreshCheck.Refused.OTHER_CLIENT, tokens.checkRefresh(first.refreshToken(), PORTAL));

        assertTrue(tokens.authenticate(second.accessToken()).isPresent());
    }

    @Test
    void refreshWhenExpiredThenRefused() {
        IssuedTokens first = signIn(JDOE, WWE);

        clock.advance(REFRESH_TTL);

        assertEquals(RefreshCheck.Refused.EXPIRED, tokens.checkRefresh(first.refreshToken(), WWE));
    }

    @Test
    void refreshWhenAccessTokenPresentedThenUnknown() {
        IssuedTokens first = signIn(JDOE, WWE);

        assertEquals(RefreshCheck.Refused.UNKNOWN, tokens.checkRefresh(first.accessToken(), WWE));
    }

    @Test
    void refreshWhenNotRotatingThenSameRefreshTokenKeepsWorking() {
        IssuedTokens first = signIn(JDOE, WWE);
        StoredToken original = store.find(TokenService.hash(first.refreshToken())).orElseThrow();

        clock.advance(Duration.ofHours(13));
        IssuedTokens second = refresh(first.refreshToken(), WWE, false).orElseThrow();
        IssuedTokens third = refresh(first.refreshToken(), WWE, false).orElseThrow();

        assertEquals(first.refreshToken(), second.refreshToken());
        assertEquals(first.refreshToken(), third.refreshToken());
        assertEquals(first.access().family(), third.access().family());
        assertTrue(tokens.authenticate(second.accessToken()).isPresent());
        assertTrue(tokens.authenticate(third.accessToken()).isPresent());
        assertEquals(original, store.find(TokenService.hash(first.refreshToken())).orElseThrow(),
                "expiry unchanged, never marked used");
    }

    @Test
    void signOutWhenNotGlobalThenOnlyThatSignInEnds() {
        IssuedTokens laptop = signIn(JDOE, WWE);
        IssuedTokens phone = signIn(JDOE, WWE);

        tokens.signOut(tokens.authenticate(laptop.accessToken()).orElseThrow(), false);

        assertEquals(Optional.empty(), tokens.authenticate(laptop.accessToken()));
        assertEquals(RefreshCheck.Refused.REVOKED, tokens.checkRefresh(laptop.refreshToken(), WWE));
        assertTrue(tokens.authenticate(phone.accessToken()).isPresent());
        assertInstanceOf(RefreshCheck.Valid.class, tokens.checkRefresh(phone.refreshToken(), WWE));
    }

    @Test
    void revocationsWhenUserTokensEndThenListenerToldTheSubject() {
        java.util.List<String> told = new java.util.ArrayList<>();
        TokenService listening = new TokenService(store, clock, told::add);
        IssuedTokens first = listening.issue(JDOE, WWE, "*", Duration.ofHours(1), Duration.ofDays(1));
        IssuedTokens second = listening.issue(JDOE, WWE, "*", Duration.ofHours(1), Duration.ofDays(1));

        listening.signOut(listening.authenticate(first.accessToken()).orElseThrow(), false);
        listening.revoke(second.refreshToken(), WWE);
        listening.revokeOtherSignIns(JDOE.subject(), "keep");
        listening.revokeAllSignIns(JDOE.subject());

        assertEquals(java.util.List.of(JDOE.subject(), JDOE.subject(), JDOE.subject(), JDOE.subject()), told);
    }

    @Test
    void signOutWhenGlobalThenEveryTokenOfTheUserAcrossClientsEnds() {
        IssuedTokens wwe = signIn(JDOE, WWE);
        IssuedTokens portal = signIn(JDOE, PORTAL);
        IssuedTokens colleague = signIn(ASMITH, WWE);

        tokens.signOut(tokens.authenticate(wwe.accessToken()).orElseThrow(), true);

        assertEquals(Optional.empty(), tokens.authenticate(wwe.accessToken()));
        assertEquals(Optional.empty(), tokens.authenticate(portal.accessToken()));
        assertEquals(RefreshCheck.Refused.REVOKED, tokens.checkRefresh(portal.refreshToken(), PORTAL));
        assertTrue(tokens.authenticate(colleague.accessToken()).isPresent());
    }

    @Test
    void signOutWhenGlobalWithClientCredentialsTokenThenOnlyItsFamilyEnds() {
        IssuedTokens service = tokens.issue(TokenOwner.CLIENT, "reporting", "*", ACCESS_TTL, null);
        IssuedTokens otherService = tokens.issue(TokenOwner.CLIENT, "reporting", "*", ACCESS_TTL, null);
        IssuedTokens user = signIn(JDOE, WWE);

        tokens.signOut(service.access(), true);

        assertEquals(Optional.empty(), tokens.authenticate(service.accessToken()));
        assertTrue(tokens.authenticate(otherService.accessToken()).isPresent());
        assertTrue(tokens.authenticate(user.accessToken()).isPresent());
    }

    @Test
    void authenticateWhenStoreUnavailableThenUnavailableException() {
        IssuedTokens issued = signIn(JDOE, WWE);
        store.close();

        var e = assertThrows(StoreUnavailableException.class, () -> tokens.authenticate(issued.accessToken()));

        assertNotNull(e.getMessage());
        assertTrue(!e.getMessage().contains(issued.accessToken())
                && !e.getMessage().contains(TokenService.hash(issued.accessToken())), e.getMessage());
    }

    @Test
    void exchangeWhenLiveAccessTokenThenTargetsTokenInTheSameSignInNotOutlivingIt() {
        IssuedTokens signIn = signIn(JDOE, WWE);
        clock.advance(Duration.ofHours(11));
        Actor act = new Actor("gateway", "gateway", null);

        IssuedTokens exchanged = tokens.exchange(signIn.access(), PORTAL, "*", ACCESS_TTL, act, PORTAL).orElseThrow();

        StoredToken found = tokens.authenticate(exchanged.accessToken()).orElseThrow();
        assertEquals(PORTAL, found.clientId());
        assertEquals(signIn.access().family(), found.family());
        assertEquals(act, found.act());
        assertEquals(signIn.accessExpiresAt(), exchanged.accessExpiresAt(), "capped at the subject token's expiry");
        assertNull(exchanged.refreshToken());

        tokens.revoke(signIn.refreshToken(), WWE);
        assertEquals(Optional.empty(), tokens.authenticate(exchanged.accessToken()));
    }

    @Test
    void exchangeWhenSubjectRevokedMeanwhileThenEmpty() {
        IssuedTokens signIn = signIn(JDOE, WWE);
        tokens.revokeFamily(signIn.access().family());

        assertEquals(Optional.empty(), tokens.exchange(signIn.access(), PORTAL, "*", ACCESS_TTL, null, PORTAL));
    }

    private IssuedTokens signIn(TokenOwner owner, String clientId) {
        return tokens.issue(owner, clientId, "*", ACCESS_TTL, REFRESH_TTL);
    }

    private Optional<IssuedTokens> refresh(String rawRefresh, String clientId, boolean rotate) {
        StoredToken checked = valid(tokens.checkRefresh(rawRefresh, clientId));
        return tokens.rotate(checked, ACCESS_TTL, REFRESH_TTL, rotate, rawRefresh);
    }

    private static StoredToken valid(RefreshCheck check) {
        return assertInstanceOf(RefreshCheck.Valid.class, check).refresh();
    }
}
