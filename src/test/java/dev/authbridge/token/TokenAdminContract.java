package dev.authbridge.token;

import static dev.authbridge.token.Tokens.ASMITH;
import static dev.authbridge.token.Tokens.JDOE;
import static dev.authbridge.token.Tokens.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TokenAdmin} must do, over tokens saved through the {@link TokenStore} of the
 * same store. An implementation's test extends this and says how to open both on a fresh, empty
 * store.
 */
abstract class TokenAdminContract {
    private static final Instant NOW = T0.plus(Duration.ofMinutes(1));
    private static final TokenOwner JDOE_OTHER_SPELLING = new TokenOwner(JDOE.subject(), JDOE.userDn(), "T100\\JDoe",
            JDOE.tenantId());

    /** A token store and the administrator's view of the same store. */
    protected record Stores(TokenStore tokens, TokenAdmin admin) {}

    protected TokenStore tokens;
    protected TokenAdmin admin;

    /** Both views of a fresh, empty store; the contract closes {@code tokens} after each test. */
    protected abstract Stores openStores();

    @BeforeEach
    void openFreshStores() {
        Stores stores = openStores();
        tokens = stores.tokens();
        admin = stores.admin();
    }

    @AfterEach
    void closeStores() {
        tokens.close();
    }

    private StoredToken save(StoredToken token) {
        tokens.save(token);
        return token;
    }

    private static StoredToken issuedAt(StoredToken t, Instant issuedAt) {
        return new StoredToken(t.hash(), t.kind(), t.family(), t.owner(), t.clientId(), t.scope(), issuedAt,
                t.expiresAt(), t.usedAt(), t.revokedAt());
    }

    private List<String> listed(TokenAdmin.Query query) {
        return admin.list(query, NOW).stream().map(TokenAdmin.TokenRow::id).toList();
    }

    private static String id(StoredToken token) {
        return token.hash().substring(0, 12);
    }

    @Test
    void listWhenNoFilterThenLiveTokensNewestFirstWithTheirFields() {
        StoredToken older = save(issuedAt(Tokens.access("fam-1", JDOE, "wwe"), T0));
        StoredToken newer = save(issuedAt(Tokens.refresh("fam-2", ASMITH, "portal"), T0.plusSeconds(5)));

        List<TokenAdmin.TokenRow> rows = admin.list(new TokenAdmin.Query(null, null, null, false, 100), NOW);

        assertEquals(List.of(id(newer), id(older)), rows.stream().map(TokenAdmin.TokenRow::id).toList());
        TokenAdmin.TokenRow row = rows.get(0);
        assertEquals(TokenKind.REFRESH, row.kind());
        assertEquals("fam-2", row.family());
        assertEquals(ASMITH.userName(), row.userName());
        assertEquals(ASMITH.tenantId(), row.tenantId());
        assertEquals("portal", row.clientId());
        assertEquals("*", row.scope());
        assertEquals(T0.plusSeconds(5), row.issuedAt());
        assertEquals(newer.expiresAt(), row.expiresAt());
        assertNull(row.usedAt());
        assertNull(row.revokedAt());
        assertEquals("live", row.state(NOW));
    }

    @Test
    void listWhenFilteredThenOnlyMatchingAndNamesWithoutCase() {
        StoredToken jdoe = save(Tokens.access("fam-1", JDOE, "wwe"));
        StoredToken jdoePortal = save(Tokens.access("fam-2", JDOE, "portal"));
        StoredToken asmith = save(Tokens.access("fam-3", ASMITH, "wwe"));
        StoredToken service = save(Tokens.access("fam-4", TokenOwner.CLIENT, "reporting"));

        assertEquals(List.of(id(jdoe), id(jdoePortal)).stream().sorted().toList(),
                listed(new TokenAdmin.Query("T100\\JDOE", null, null, false, 100)).stream().sorted().toList());
        assertEquals(List.of(id(jdoe), id(asmith)).stream().sorted().toList(),
                listed(new TokenAdmin.Query(null, "wwe", null, false, 100)).stream().sorted().toList());
        assertEquals(List.of(id(jdoe)), listed(new TokenAdmin.Query("t100\\jdoe", "wwe", null, false, 100)));
        assertEquals(3, listed(new TokenAdmin.Query(null, null, JDOE.tenantId().toUpperCase(java.util.Locale.ROOT), false, 100)).size());
        assertEquals(List.of(id(service)), listed(new TokenAdmin.Query(null, "reporting", null, false, 100)));
        assertTrue(listed(new TokenAdmin.Query("t100\\nobody", null, null, false, 100)).isEmpty());
    }

    @Test
    void listWhenInactiveThenOnlyWithIncludeInactiveAndStateSaysWhy() {
        StoredToken live = save(Tokens.access("fam-1", JDOE, "wwe"));
        StoredToken used = save(Tokens.refresh("fam-2", JDOE, "wwe"));
        tokens.markUsed(used.hash(), NOW);
        StoredToken revoked = save(Tokens.access("fam-3", JDOE, "wwe"));
        tokens.revoke(revoked.hash(), NOW);
        StoredToken expired = save(Tokens.token(TokenKind.ACCESS, "fam-4", JDOE, "wwe", NOW));

        assertEquals(List.of(id(live)), listed(new TokenAdmin.Query(null, null, null, false, 100)));
        List<TokenAdmin.TokenRow> all = admin.list(new TokenAdmin.Query(null, null, null, true, 100), NOW);
        assertEquals(4, all.size());
        for (TokenAdmin.TokenRow row : all) {
            String expected = row.id().equals(id(used)) ? "used" : row.id().equals(id(revoked)) ? "revoked"
                    : row.id().equals(id(expired)) ? "expired" : "live";
            assertEquals(expected, row.state(NOW), row.id());
        }
    }

    @Test
    void listWhenLimitedThenThatManyNewest() {
        for (int i = 0; i < 5; i++) {
            save(issuedAt(Tokens.access("fam-" + i, JDOE, "wwe"), T0.plusSeconds(i)));
        }

        List<TokenAdmin.TokenRow> rows = admin.list(new TokenAdmin.Query(null, null, null, false, 2), NOW);

        assertEquals(List.of(T0.plusSeconds(4), T0.plusSeconds(3)), rows.stream().map(TokenAdmin.TokenRow::issuedAt).toList());
    }

    @Test
    void revokeSignInWhenSubjectOfATokenExchangeThenTheExchangedTokenGoesWithIt() {
        StoredToken subject = save(Tokens.access("fam-1", JDOE, "wwe"));
        StoredToken exchanged = Tokens.access("fam-1", JDOE, "orders");
        assertTrue(tokens.exchange(subject.hash(), false, List.of(exchanged), T0));

        assertEquals(2, admin.revokeSignIn(id(subject), NOW));

        assertEquals(NOW, tokens.find(exchanged.hash()).orElseThrow().revokedAt());
    }

    @Test
    void revokeSignInWhenIdPrefixThenWholeFamilyRevokedAndNothingElse() {
        StoredToken access = save(Tokens.access("fam-1", JDOE, "wwe"));
        StoredToken refresh = save(Tokens.refresh("fam-1", JDOE, "wwe"));
        StoredToken other = save(Tokens.access("fam-2", JDOE, "wwe"));

        assertEquals(2, admin.revokeSignIn(access.hash().substring(0, 12).toUpperCase(), NOW));

        assertEquals(NOW, tokens.find(access.hash()).orElseThrow().revokedAt());
        assertEquals(NOW, tokens.find(refresh.hash()).orElseThrow().revokedAt());
        assertNull(tokens.find(other.hash()).orElseThrow().revokedAt());
        assertEquals(0, admin.revokeSignIn(refresh.hash().substring(0, 8), NOW), "already revoked");
    }

    @Test
    void revokeSignInWhenPrefixTooShortNotHexOrUnknownThenRefused() {
        StoredToken token = save(Tokens.access("fam-1", JDOE, "wwe"));

        assertThrows(IllegalArgumentException.class, () -> admin.revokeSignIn(token.hash().substring(0, 7), NOW));
        assertThrows(IllegalArgumentException.class, () -> admin.revokeSignIn("zzzzzzzzzzzz", NOW));
        assertThrows(IllegalArgumentException.class, () -> admin.revokeSignIn(null, NOW));
        String unknown = token.hash().startsWith("0") ? "1111111111" : "0000000000";
        assertThrows(IllegalArgumentException.class, () -> admin.revokeSignIn(unknown, NOW));
        assertNull(tokens.find(token.hash()).orElseThrow().revokedAt());
    }

    @Test
    void revokeSignInWhenPrefixNamesSeveralSignInsThenRefused() {
        String prefix = "abcdef01";
        save(withHash(Tokens.access("fam-1", JDOE, "wwe"), prefix + "1".repeat(56)));
        save(withHash(Tokens.access("fam-2", JDOE, "wwe"), prefix + "2".repeat(56)));

        var e = assertThrows(IllegalArgumentException.class, () -> admin.revokeSignIn(prefix, NOW));

        assertTrue(e.getMessage().contains("several sign-ins"), e.getMessage());
        assertEquals(1, admin.revokeSignIn(prefix + "1", NOW));
    }

    @Test
    void revokeUserWhenAnySpellingThenEveryTokenOfThatPersonAcrossClients() {
        StoredToken wwe = save(Tokens.access("fam-1", JDOE, "wwe"));
        StoredToken portal = save(Tokens.refresh("fam-2", JDOE_OTHER_SPELLING, "portal"));
        StoredToken colleague = save(Tokens.access("fam-3", ASMITH, "wwe"));

        assertEquals(2, admin.revokeUser("t100\\JDOE", NOW));

        assertEquals(NOW, tokens.find(wwe.hash()).orElseThrow().revokedAt());
        assertEquals(NOW, tokens.find(portal.hash()).orElseThrow().revokedAt(), "same subject, other spelling");
        assertNull(tokens.find(colleague.hash()).orElseThrow().revokedAt());
        assertEquals(0, admin.revokeUser("t100\\nobody", NOW));
    }

    @Test
    void revokeClientWhenCalledThenEveryTokenOfThatClientOnly() {
        StoredToken jdoe = save(Tokens.access("fam-1", JDOE, "wwe"));
        StoredToken asmith = save(Tokens.refresh("fam-2", ASMITH, "wwe"));
        StoredToken portal = save(Tokens.access("fam-3", JDOE, "portal"));

        assertEquals(2, admin.revokeClient("wwe", NOW));

        assertEquals(NOW, tokens.find(jdoe.hash()).orElseThrow().revokedAt());
        assertEquals(NOW, tokens.find(asmith.hash()).orElseThrow().revokedAt());
        assertNull(tokens.find(portal.hash()).orElseThrow().revokedAt());
        assertEquals(0, admin.revokeClient("wwe", NOW), "already revoked rows are not counted");
    }

    @Test
    void revokeClientWhenItExchangedTokensForOthersOrOthersExchangedFromItsSignInsThenThoseGoToo() {
        StoredToken own = save(Tokens.access("fam-1", JDOE, "kiosk"));
        StoredToken exchangedFromIt = exchangedBy(Tokens.access("fam-1", JDOE, "orders"), "gateway");
        assertTrue(tokens.exchange(own.hash(), false, List.of(exchangedFromIt), T0));
        StoredToken portal = save(Tokens.access("fam-2", ASMITH, "portal"));
        StoredToken obtainedByIt = exchangedBy(Tokens.access("fam-2", ASMITH, "orders"), "kiosk");
        assertTrue(tokens.exchange(portal.hash(), false, List.of(obtainedByIt), T0));
        StoredToken forIt = exchangedBy(Tokens.access("fam-3", JDOE, "kiosk"), "gateway");
        StoredToken gatewaySignIn = save(Tokens.access("fam-3", JDOE, "gateway"));
        save(forIt);

        assertEquals(4, admin.revokeClient("kiosk", NOW));

        assertEquals(NOW, tokens.find(own.hash()).orElseThrow().revokedAt());
        assertEquals(NOW, tokens.find(exchangedFromIt.hash()).orElseThrow().revokedAt(), "exchanged from its sign-in");
        assertEquals(NOW, tokens.find(obtainedByIt.hash()).orElseThrow().revokedAt(), "it asked for it, for orders");
        assertEquals(NOW, tokens.find(forIt.hash()).orElseThrow().revokedAt(), "issued to it by an exchange");
        assertNull(tokens.find(portal.hash()).orElseThrow().revokedAt(), "another client's sign-in it exchanged from");
        assertNull(tokens.find(gatewaySignIn.hash()).orElseThrow().revokedAt(), "another client's sign-in it got a token of");
        assertEquals("kiosk", tokens.find(obtainedByIt.hash()).orElseThrow().exchangedBy(), "read back as saved");
    }

    private static StoredToken exchangedBy(StoredToken t, String client) {
        return new StoredToken(t.hash(), t.kind(), t.family(), t.owner(), t.clientId(), t.scope(), t.issuedAt(),
                t.expiresAt(), t.usedAt(), t.revokedAt(), null, client);
    }

    private static StoredToken withHash(StoredToken t, String hash) {
        return new StoredToken(hash, t.kind(), t.family(), t.owner(), t.clientId(), t.scope(), t.issuedAt(),
                t.expiresAt(), t.usedAt(), t.revokedAt());
    }
}
