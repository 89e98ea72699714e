package dev.authbridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authbridge.store.PostgresSchema;
import dev.authbridge.testing.AuthbridgeProcess;
import dev.authbridge.testing.PostgresStores;
import dev.authbridge.testing.Race;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Two authbridge processes started at once on one fresh PostgreSQL database: the schema is
 * migrated once, one pair of signing keys is made, and each serves what the other issued.
 */
class PostgresProcessesTest {

    @Test
    void startWhenTwoProcessesAtOnceOnAFreshDatabaseThenMigratedOnceOneKeyRingAndSharedTokens() throws Exception {
        PostgresStores pg = PostgresStores.create("two_processes");
        List<AuthbridgeProcess> nodes = Race.run(2, () -> {
            Path dir = Files.createTempDirectory("authbridge-node");
            return AuthbridgeProcess.start(pg.demoConfig(dir));
        });
        try {
            for (AuthbridgeProcess node : nodes) {
                node.awaitReady(Duration.ofSeconds(20));
            }
            try (Connection c = pg.server().connectAsSuperuser(pg.database()); Statement s = c.createStatement()) {
                var version = s.executeQuery("SELECT version FROM authbridge_schema");
                version.next();
                assertEquals(PostgresSchema.LATEST, version.getInt(1));
                var keys = s.executeQuery("SELECT COUNT(*) FROM signing_keys");
                keys.next();
                assertEquals(2, keys.getInt(1), "one active and one next key, made by one of the two");
            }
            assertEquals(kids(nodes.get(0)), kids(nodes.get(1)));
            JsonNode tokens = nodes.get(0).http().signIn("demo\\agent1", "agent1-Secret!");
            assertEquals(200, nodes.get(1).http().getWithBearer("/auth/v3/userinfo",
                    tokens.get("access_token").asText()).status());
        } finally {
            nodes.forEach(AuthbridgeProcess::close);
        }
    }

    private static List<String> kids(AuthbridgeProcess node) {
        JsonNode keys = node.http().get("/auth/v3/jwks").json().get("keys");
        return StreamSupport.stream(keys.spliterator(), false).map(k -> k.get("kid").asText()).sorted().toList();
    }
}
