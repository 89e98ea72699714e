package dev.authbridge.testing;

import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.config.AuditConfig;
import dev.authbridge.config.AuthbridgeConfig;
import dev.authbridge.config.AuthorizeConfig;
import dev.authbridge.config.ConfigLoader;
import dev.authbridge.config.CorsConfig;
import dev.authbridge.config.HttpLimits;
import dev.authbridge.config.JwtConfig;
import dev.authbridge.config.ManagementConfig;
import dev.authbridge.config.PasswordChangeStrategy;
import dev.authbridge.config.PasswordsConfig;
import dev.authbridge.config.Secret;
import dev.authbridge.config.SessionConfig;
import dev.authbridge.config.SigningAlgorithm;
import dev.authbridge.config.TlsMode;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ConfigYaml} is exact: the loader reads back what it wrote, value for value, for the
 * configuration most tests run on and for one in which every section differs from its default.
 */
class ConfigYamlTest {
    @TempDir
    Path dir;

    @Test
    void writeWhenShippedTestConfigThenLoaderReadsTheSameConfigBack() throws Exception {
        AuthbridgeConfig config = TestConfig.shipped(dir)
                .withEmbedded(e -> e.withAdministrators(List.of(DemoDirectory.ADMIN_DN)))
                .build();

        assertRoundTrip(config);
    }

    @Test
    void writeWhenEverySectionChangedThenLoaderReadsTheSameConfigBack() throws Exception {
        Path keys = TestCertificates.localhost(dir, "server.p12");
        Path trust = TestCertificates.trustStore(dir, "trust.p12", keys);
        TestConfig changed = TestConfig.shipped(dir)
                .withServer(s -> s.withLimits(new HttpLimits(16 * 1024, ofSeconds(40), ofSeconds(11), ofSeconds(21),
                        1024, 100, 10, 50)))
                .withPublicUrl("https://sso.example.com/idp")
                .withTrustedProxies("10.0.0.0/8", "::1")
                .withTls(keys, TestCertificates.PASSWORD, ofDays(180))
                .externalDirectory(List.of("ldaps://dc1.example.com:636", "ldaps://dc2.example.com:636"),
                        ofMillis(1500), ofSeconds(3))
                .withDirectory(d -> d.withTls(TlsMode.LDAPS, trust, new Secret(TestCertificates.PASSWORD))
                        .withPoolSize(3).withUserCacheTtl(ofSeconds(0)).withBindPassword(new Secret("other-Secret!")))
                .withTenant("acme", t -> t.withCorsAllowedOrigins(List.of("https://wwe.acme.example:8443")))
                .withStore(dir.resolve("elsewhere/store.db"))
                .addClients(TestClient.publicClient("spa").grants("authorization_code", "refresh_token")
                        .redirectUris("http://127.0.0.1:9/cb").accessTokenTtl(ofMinutes(5))
                        .refreshTokenTtl(ofHours(1)).build())
                .withJwt(new JwtConfig(SigningAlgorithm.ES256, ofMinutes(2), ofMinutes(30)))
                .withSession(new SessionConfig(ofMinutes(10), ofHours(2)))
                .withCors(new CorsConfig(List.of("https://every.example.com"), List.of("Authorization"), ofMinutes(15)))
                .withLockout(l -> l.withEnabled(false).withIpMaxFailures(5))
                .withAudit(new AuditConfig(dir.resolve("audit/lines.log"), true, true))
                .withManagement(new ManagementConfig(0, "127.0.0.2", "/status", null))
                .withPasswords(new PasswordsConfig(PasswordChangeStrategy.ACTIVE_DIRECTORY, false));
        AuthbridgeConfig config = TestConfig.of(changed.build().withAuthorize(new AuthorizeConfig(ofSeconds(90))))
                .withTenants(changed.build().tenants(), null)
                .build();
        assertNotEquals(TestConfig.shipped(dir).build().directory().urls(), config.directory().urls());

        assertRoundTrip(config);
    }

    @Test
    void withStoreWhenAuditLogAtItsDefaultThenItFollowsTheStore() {
        AuthbridgeConfig config = TestConfig.shipped(dir).build();

        assertEquals(dir.resolve("tokens.db"), config.store().path());
        assertEquals(dir.resolve("audit.log"), config.audit().file());
    }

    @Test
    void writeWhenValueHoldsAnEnvironmentReferenceThenRefused() {
        TestConfig config = TestConfig.shipped(dir).withDirectory(d -> d.withBindPassword(new Secret("${HOME}")));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, config::yaml);
        assertTrue(refused.getMessage().contains(".directory.bindPassword"), refused.getMessage());
    }

    private void assertRoundTrip(AuthbridgeConfig config) throws Exception {
        Path file = Files.createDirectories(dir.resolve("written")).resolve("config.yaml");
        Files.writeString(file, ConfigYaml.write(config));
        AuthbridgeConfig read = new ConfigLoader(Map.of()).load(file);
        assertSame(config, read, "config");
    }

    /** Records component by component; a {@link Secret} by its value, a key store by its entries. */
    private static void assertSame(Object expected, Object actual, String path) throws Exception {
        if (expected == null || actual == null) {
            assertEquals(expected, actual, path);
        } else if (expected instanceof Record record) {
            assertInstanceOf(record.getClass(), actual, path);
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                assertSame(component.getAccessor().invoke(expected), component.getAccessor().invoke(actual),
                        path + "." + component.getName());
            }
        } else if (expected instanceof byte[] bytes) {
            assertArrayEquals(bytes, (byte[]) actual, path);
        } else if (expected instanceof Secret secret) {
            assertEquals(secret.reveal(), ((Secret) actual).reveal(), path);
        } else if (expected instanceof KeyStore keys) {
            assertEquals(Collections.list(keys.aliases()), Collections.list(((KeyStore) actual).aliases()), path);
        } else if (expected instanceof List<?> list) {
            List<?> other = assertInstanceOf(List.class, actual, path);
            assertEquals(list.size(), other.size(), path + ": " + other);
            for (int i = 0; i < list.size(); i++) {
                assertSame(list.get(i), other.get(i), path + "[" + i + "]");
            }
        } else {
            assertEquals(expected, actual, path);
        }
    }
}
