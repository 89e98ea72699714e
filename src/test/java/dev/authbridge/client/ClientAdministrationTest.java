package dev.authbridge.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.audit.AuditEvent;
import dev.authbridge.audit.AuditEventType;
import dev.authbridge.audit.Origin;
import dev.authbridge.config.ClientConfig;
import dev.authbridge.config.Secret;
import dev.authbridge.config.StoreConfig;
import dev.authbridge.store.Database;
import dev.authbridge.testing.MutableClock;
import dev.authbridge.testing.TestClient;
import dev.authbridge.token.SqlTokenAdmin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one code path of client changes, on a real SQLite store: secrets only as hashes, updates
 * field by field, the configuration's clients untouchable, every change audited, and the
 * registry answering from the configuration first and the store at once.
 */
class ClientAdministrationTest {
    private static final ClientConfig CONFIGURED = TestClient.confidential("configured", "configured-secret")
            .grants("password").build();
    private static final ClientAdministration.Actor OPERATOR =
            ClientAdministration.Actor.opsApi("ops", new Origin("192.0.2.7", "req-1"));

    @TempDir
    Path dir;

    private Database db;
    private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
    private final MutableClock clock = MutableClock.now();
    private final ClientSecrets secrets = new ClientSecrets(4);
    private SqlClientStore store;
    private ClientAdministration clients;
    private ClientRegistry registry;

    @BeforeEach
    void open() {
        db = Database.open(new StoreConfig(dir.resolve("clients.db"), Duration.ofSeconds(5), Duration.ofMinutes(1)));
        store = new SqlClientStore(db);
        clients = new ClientAdministration(List.of(CONFIGURED), store, new SqlTokenAdmin(db), secrets, audit::add, clock, 100, false);
        registry = new StoreBackedClientRegistry(List.of(CONFIGURED), store, secrets);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static ClientDraft draft(String id, String secret, String type, String... grants) {
        return new ClientDraft(id, secret == null ? null : new Secret(secret), null, null, type, List.of(grants), null,
                null, null, null, null, null);
    }

    @Test
    void createWhenNoSecretThenGeneratedReturnedOnceAndOnlyItsHashStored() {
        ClientAdministration.Created created = clients.create(draft("app", null, null, "password"), OPERATOR);

        String secret = created.generatedSecret();
        assertEquals(43, secret.length(), "256 bits, base64url");
        String hash = store.find("app").orElseThrow().secretHash();
        assertTrue(hash.startsWith("$2a$04$"), hash);
        assertFalse(hash.contains(secret));
        ClientConfig resolved = registry.client("app").orElseThrow();
        assertTrue(resolved.secret().matches(secret));
        assertFalse(resolved.secret().matches(hash), "the hash is no secret");
        assertFalse(resolved.secret().matches(null));
        assertEquals("****", resolved.secret().toString());
        assertEquals(Duration.ofSeconds(43200), resolved.accessTokenTtl());
    }

    @Test
    void createWhenSecretGivenThenNothingReturnedAndItMatches() {
        ClientAdministration.Created created = clients.create(draft("given", "given-Secret-1", "CONFIDENTIAL", "password"),
                OPERATOR);

        assertNull(created.generatedSecret());
        assertTrue(registry.client("given").orElseThrow().secret().matches("given-Secret-1"));
    }

    @Test
    void createWhenPublicThenNoSecretAtAll() {
        ClientAdministration.Created created = clients.create(draft("spa", null, "PUBLIC", "authorization_code"), OPERATOR);

        assertNull(created.generatedSecret());
        assertTrue(registry.client("spa").orElseThrow().isPublic());
    }

    @Test
    void updateWhenOnlyOneFieldThenTheOthersKept() {
        clients.create(new ClientDraft("kept", new Secret("kept-Secret-1"), "Kept", "about", null, List.of("password"),
                List.of("ROLE_X"), List.of("*"), List.of("https://a.example.com/cb"), 60L, 120L, List.of()), OPERATOR);

        RegisteredClient updated = clients.update("kept", ClientDraft.EMPTY.withRedirectUris(List.of("https://b.example.com")),
                OPERATOR);

        assertEquals(List.of("https://b.example.com"), updated.redirectUris());
        assertEquals("Kept", updated.name());
        assertEquals(List.of("ROLE_X"), updated.authorities());
        assertEquals(Duration.ofSeconds(60), updated.accessTokenTtl());
        assertTrue(registry.client("kept").orElseThrow().secret().matches("kept-Secret-1"));
        assertTrue(registry.client("kept").orElseThrow().allowsRedirect("https://b.example.com/anything"));
    }

    @Test
    void updateWhenNewSecretThenOldOneNoLongerMatches() {
        clients.create(draft("rotated", "first-Secret-1", null, "password"), OPERATOR);

        clients.update("rotated", draft(null, "second-Secret-2", null, "password"), OPERATOR);

        ClientConfig c = registry.client("rotated").orElseThrow();
        assertTrue(c.secret().matches("second-Secret-2"));
        assertFalse(c.secret().matches("first-Secret-1"));
    }

    @Test
    void updateWhenPublicMadeConfidentialWithoutSecretThenRefused() {
        clients.create(draft("pub", null, "PUBLIC", "password"), OPERATOR);

        InvalidClientException e = assertThrows(InvalidClientException.class,
                () -> clients.update("pub", draft(null, null, "CONFIDENTIAL", "password"), OPERATOR));

        assertEquals(List.of("client_secret: is required to make a PUBLIC client CONFIDENTIAL"), e.messages());
        assertTrue(registry.client("pub").orElseThrow().isPublic(), "nothing changed");
    }

    @Test
    void updateWhenClientIdDiffersThenRefused() {
        clients.create(draft("named", null, null, "password"), OPERATOR);

        InvalidClientException e = assertThrows(InvalidClientException.class,
                () -> clients.update("named", draft("renamed", null, null, "password"), OPERATOR));

        assertTrue(e.messages().get(0).startsWith("client_id: cannot be changed"), e.messages()::toString);
    }

    @Test
    void changesWhenConfiguredClientThenReadOnlyAndIdCannotBeTaken() {
        assertThrows(ClientConflictException.class, () -> clients.update("configured", ClientDraft.EMPTY, OPERATOR));
        assertThrows(ClientConflictException.class, () -> clients.delete("configured", OPERATOR));
        assertThrows(ClientConflictException.class, () -> clients.create(draft("configured", null, null, "password"), OPERATOR));
        assertTrue(clients.get("configured").readOnly());
        assertTrue(registry.client("configured").orElseThrow().secret().matches("configured-secret"));
    }

    @Test
    void everyChangeWhenMadeOrRefusedThenAuditedWithTheOperator() {
        clients.create(draft("audited", null, null, "password"), OPERATOR);
        clients.update("audited", ClientDraft.EMPTY, OPERATOR);
        assertThrows(InvalidClientException.class, () -> clients.create(draft("bad", null, null, "magic"), OPERATOR));
        clients.delete("audited", OPERATOR);

        assertEquals(List.of(AuditEventType.CLIENT_CREATED, AuditEventType.CLIENT_UPDATED, AuditEventType.CLIENT_CREATED,
                AuditEventType.CLIENT_DELETED), audit.stream().map(AuditEvent::type).toList());
        AuditEvent created = audit.get(0);
        assertEquals(AuditEvent.Outcome.SUCCESS, created.outcome());
        assertEquals("audited", created.client());
        assertEquals("ops", created.user());
        assertEquals("192.0.2.7", created.sourceIp());
        assertEquals("ops_api", created.details().get("by"));
        AuditEvent refused = audit.get(2);
        assertEquals(AuditEvent.Outcome.FAILURE, refused.outcome());
        assertEquals("invalid_client", refused.reason());
        assertEquals(0, audit.get(3).details().get("revokedTokens"));
        assertTrue(audit.stream().noneMatch(e -> e.toString().contains("$2a$")), "no hash in the audit log");
    }

    @Test
    void registryWhenUnknownOrImplausibleIdThenEmptyWithoutAskingTheStoreForNonsense() {
        ClientStore refusing = new ClientStore() {
            @Override public List<RegisteredClient> list() { throw new AssertionError(); }
            @Override public Optional<RegisteredClient> find(String id) {
                if (!id.matches("[A-Za-z0-9._~-]+")) {
                    throw new AssertionError("asked for " + id);
                }
                return Optional.empty();
            }
            @Override public Insertion insert(RegisteredClient c, int max) { throw new AssertionError(); }
            @Override public boolean replace(RegisteredClient c) { throw new AssertionError(); }
            @Override public boolean delete(String id) { throw new AssertionError(); }
        };
        ClientRegistry lookups = new StoreBackedClientRegistry(List.of(CONFIGURED), refusing, secrets);

        assertTrue(lookups.client("unknown").isEmpty());
        assertTrue(lookups.client("*)(uid=*").isEmpty());
        assertTrue(lookups.client("x".repeat(10_000)).isEmpty());
        assertTrue(lookups.client(null).isEmpty());
        assertTrue(lookups.client("configured").isPresent(), "the configuration is asked first, the store not at all");
    }

    @Test
    void createWhenAssertionGrantWithoutTrustedIssuersThenRefusedAsTheLoaderWould() {
        InvalidClientException e = assertThrows(InvalidClientException.class,
                () -> clients.create(draft("asserting", null, null, "urn:ietf:params:oauth:grant-type:jwt-bearer"), OPERATOR));

        assertEquals(List.of("authorizedGrantTypes: urn:ietf:params:oauth:grant-type:jwt-bearer takes assertions of "
                + "trustedIssuers, and none is configured"), e.messages());
    }

    @Test
    void createWhenSecretLongerThanBcryptReadsThenRefused() {
        InvalidClientException e = assertThrows(InvalidClientException.class,
                () -> clients.create(draft("long", "é".repeat(40), null, "password"), OPERATOR));

        assertTrue(e.messages().get(0).startsWith("client_secret: must be at most 72 bytes"), e.messages()::toString);
    }
}
