package dev.authbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import dev.authbridge.config.Secret;
import dev.authbridge.config.TlsMode;
import dev.authbridge.testing.TestCertificates;
import dev.authbridge.testing.TestConfig;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code authbridge check} over LDAPS: with the directory's CA trusted, the TLS details; without,
 * one FAIL line that describes the certificate the server presented and says how to trust it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckTlsTest {
    @TempDir
    static Path dir;

    private InMemoryDirectoryServer server;
    private Path trustStore;

    @BeforeAll
    void startLdaps() throws Exception {
        Path keys = TestCertificates.localhost(dir, "ldap.p12");
        trustStore = TestCertificates.trustStore(dir, "trust.p12", keys);
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
        SSLUtil tls = new SSLUtil(new KeyStoreKeyManager(keys.toFile(), TestCertificates.PASSWORD.toCharArray(),
                "PKCS12", TestCertificates.ALIAS), null);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPSConfig("ldaps",
                InetAddress.getByName("127.0.0.1"), 0, tls.createSSLServerSocketFactory(), null));
        server = new InMemoryDirectoryServer(config);
        server.add("dn: dc=example,dc=com", "objectClass: top", "objectClass: domain", "dc: example");
        server.add("dn: ou=system,dc=example,dc=com", "objectClass: top", "objectClass: organizationalUnit", "ou: system");
        server.add("dn: cn=authbridge,ou=system,dc=example,dc=com", "objectClass: top", "objectClass: applicationProcess",
                "objectClass: simpleSecurityObject", "cn: authbridge", "userPassword: authbridge-service-Secret!");
        server.startListening();
    }

    @AfterAll
    void stop() {
        server.shutDown(true);
    }

    /** {@code check} over LDAPS, trusting {@code trust} (a trust store; {@code null}: the JVM's CAs). */
    private CliRunner.Result check(Path trust) {
        String url = "ldaps://localhost:" + server.getListenPort("ldaps");
        TestConfig config = TestConfig.shipped(dir)
                .externalDirectory(url, Duration.ofSeconds(2), Duration.ofSeconds(5))
                .withDirectory(d -> d.withTls(TlsMode.LDAPS, trust,
                        trust == null ? null : new Secret(TestCertificates.PASSWORD)));
        return CliRunner.run(null, "check", "--config", CliRunner.writeConfig(dir, config).toString());
    }

    @Test
    void checkWhenCertificateTrustedThenTlsDetailsAndBind() {
        CliRunner.Result r = check(trustStore);
        String url = "ldaps://localhost:" + server.getListenPort("ldaps");
        assertTrue(r.out().contains("ok    " + url + ": connected in "), r::toString);
        assertTrue(r.out().matches("(?s).*\\((TLSv1\\.3|TLSv1\\.2), TLS_[A-Z0-9_]+; certificate 'CN=localhost' issued by 'CN=localhost'.*"),
                r::toString);
        assertTrue(r.out().contains("ok    " + url + ": bound as cn=authbridge,ou=system,dc=example,dc=com"), r::toString);
    }

    @Test
    void checkWhenCertificateNotTrustedThenFailDescribesItWithFix() {
        CliRunner.Result r = check(null);
        assertEquals(1, r.exit(), r::toString);
        String fail = Arrays.stream(r.out().split("\n")).filter(l -> l.startsWith("FAIL")).findFirst().orElseThrow();
        assertTrue(fail.contains(": TLS failed ("), fail);
        assertTrue(fail.contains("the server presents subject 'CN=localhost', issuer 'CN=localhost', names [localhost, 127.0.0.1]"), fail);
        assertTrue(fail.contains("— fix: trust the directory's CA (directory.trustStore"), fail);
        assertTrue(!r.out().contains("bound as"), "nothing is sent over an untrusted connection: " + r);
    }
}
