package dev.authbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.ldap.sdk.schema.Schema;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import com.unboundid.util.ssl.cert.ManageCertificates;
import dev.authbridge.config.DirectoryConfig;
import dev.authbridge.config.Secret;
import dev.authbridge.config.TlsMode;
import dev.authbridge.directory.AuthResult.Authenticated;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link LdapDirectory} over LDAPS and StartTLS: it signs users in only when the directory's
 * certificate is trusted and names the host dialled (RFC 4513 §3.1.3, RFC 6125), and answers
 * every other TLS failure as "directory unavailable", never as a wrong password.
 *
 * <p>The certificates are made for each run: one server certificate for {@code localhost} and
 * 127.0.0.1, one for another host name, and an unrelated one standing for a wrong CA. One
 * in-memory server with the demo directory listens with each on LDAPS and on plain LDAP with
 * StartTLS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LdapTlsTest {

    private static final String STORE_PASSWORD = "store-Secret!";
    private static final String USER_PASSWORD = "agent1-Secret!";
    private static final String LDAPS = "ldaps";
    private static final String STARTTLS = "starttls";
    private static final String LDAPS_OTHER_NAME = "ldaps-other-name";
    private static final String STARTTLS_OTHER_NAME = "starttls-other-name";

    @TempDir
    static Path dir;

    private InMemoryDirectoryServer server;
    /** Holds the certificates of both server key stores, not the unrelated one. */
    private Path trustStore;
    /** Holds only the unrelated certificate. */
    private Path wrongCaTrustStore;

    @BeforeAll
    void startServer() throws Exception {
        Path serverKeys = selfSigned("server.p12", "CN=localhost",
                "--subject-alternative-name-dns", "localhost",
                "--subject-alternative-name-ip-address", "127.0.0.1");
        Path otherNameKeys = selfSigned("other-name.p12", "CN=ldap.example.invalid",
                "--subject-alternative-name-dns", "ldap.example.invalid");
        Path unrelatedKeys = selfSigned("unrelated.p12", "CN=Unrelated Test CA",
                "--basic-constraints-is-ca", "true");
        trustStore = trustStore("trusted.p12", serverKeys, otherNameKeys);
        wrongCaTrustStore = trustStore("wrong-ca.p12", unrelatedKeys);

        SchemaLdif ldif = SchemaLdif.read(DemoFixtures.ldifFiles());
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(DemoFixtures.BASE_DN);
        config.setSchema(Schema.mergeSchemas(Schema.getDefaultStandardSchema(), ldif.schema()));
        InetAddress localhost = InetAddress.getByName("localhost");
        SSLUtil serverTls = serverTls(serverKeys);
        SSLUtil otherNameTls = serverTls(otherNameKeys);
        config.setListenerConfigs(
                InMemoryListenerConfig.createLDAPSConfig(LDAPS, localhost, 0,
                        serverTls.createSSLServerSocketFactory(), null),
                InMemoryListenerConfig.createLDAPConfig(STARTTLS, localhost, 0,
                        serverTls.createSSLSocketFactory()),
                InMemoryListenerConfig.createLDAPSConfig(LDAPS_OTHER_NAME, localhost, 0,
                        otherNameTls.createSSLServerSocketFactory(), null),
                InMemoryListenerConfig.createLDAPConfig(STARTTLS_OTHER_NAME, localhost, 0,
                        otherNameTls.createSSLSocketFactory()));
        server = new InMemoryDirectoryServer(config);
        for (Entry entry : ldif.entries()) {
            server.add(entry);
        }
        server.startListening();
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.shutDown(true);
        }
    }

    @Test
    void authenticateWhenLdapsTrustedThenUser() {
        assertSignsIn(config(TlsMode.LDAPS, url("ldaps", "localhost", LDAPS), trustStore));
    }

    @Test
    void authenticateWhenStartTlsTrustedThenUser() {
        assertSignsIn(config(TlsMode.STARTTLS, url("ldap", "localhost", STARTTLS), trustStore));
    }

    /** The certificate names 127.0.0.1 as an IP address, so a URL with the address matches. */
    @Test
    void authenticateWhenLdapsToIpAddressInCertificateThenUser() {
        assertSignsIn(config(TlsMode.LDAPS, url("ldaps", "127.0.0.1", LDAPS), trustStore));
    }

    @ParameterizedTest
    @EnumSource(value = TlsMode.class, names = {"LDAPS", "STARTTLS"})
    void authenticateWhenCertificateNotTrustedThenUnavailable(TlsMode mode) {
        String listener = mode == TlsMode.LDAPS ? LDAPS : STARTTLS;
        assertUnavailable(config(mode, url(scheme(mode), "localhost", listener), wrongCaTrustStore));
    }

    @ParameterizedTest
    @EnumSource(value = TlsMode.class, names = {"LDAPS", "STARTTLS"})
    void authenticateWhenCertificateNamesAnotherHostThenUnavailable(TlsMode mode) throws Exception {
        String listener = mode == TlsMode.LDAPS ? LDAPS_OTHER_NAME : STARTTLS_OTHER_NAME;
        assertTrustedWithoutNameCheck(mode, listener);

        assertUnavailable(config(mode, url(scheme(mode), "localhost", listener), trustStore));
    }

    /** No TLS against the LDAPS port: the server drops the connection, it does not hang. */
    @Test
    void authenticateWhenNoTlsAgainstLdapsPortThenUnavailable() {
        assertUnavailable(config(TlsMode.NONE, url("ldap", "localhost", LDAPS), null));
    }

    @Test
    void authenticateWhenStartTlsAgainstLdapsPortThenUnavailable() {
        assertUnavailable(config(TlsMode.STARTTLS, url("ldap", "localhost", LDAPS), trustStore));
    }

    @Test
    void authenticateWhenLdapsAgainstPlainPortThenUnavailable() {
        assertUnavailable(config(TlsMode.LDAPS, url("ldaps", "localhost", STARTTLS), trustStore));
    }

    private void assertSignsIn(DirectoryConfig config) {
        try (LdapDirectory directory = new LdapDirectory(config, DemoFixtures.TENANTS)) {
            AuthResult result = directory.authenticate(
                    DemoFixtures.NAMES.parse("demo\\agent1"), new Secret(USER_PASSWORD));
            DirectoryUser user = assertInstanceOf(Authenticated.class, result, result::toString).user();
            assertEquals("agent1", user.loginName());
            assertEquals(DirectoryContract.AGENT1_DN, user.dn().toLowerCase(Locale.ROOT));
            // the service account's searches go over the same protected connections
            assertTrue(directory.findByDn(DirectoryContract.AGENT1_DN).isPresent());
        }
    }

    /** Unavailable, quickly, for sign-in and lookup alike, and no secret in what is thrown. */
    private void assertUnavailable(DirectoryConfig config) {
        try (LdapDirectory directory = new LdapDirectory(config, DemoFixtures.TENANTS)) {
            long started = System.nanoTime();
            DirectoryUnavailableException signIn = assertThrows(DirectoryUnavailableException.class,
                    () -> directory.authenticate(
                            DemoFixtures.NAMES.parse("demo\\agent1"), new Secret(USER_PASSWORD)));
            DirectoryUnavailableException lookup = assertThrows(DirectoryUnavailableException.class,
                    () -> directory.findByDn(DirectoryContract.AGENT1_DN));
            assertWithinTimeouts(started, 2);
            assertNoSecretIn(signIn);
            assertNoSecretIn(lookup);
        }
    }

    /**
     * Control for the host name cases: trusting the same store, the SDK connects to this
     * listener when nobody checks the name. So only the name check can make authbridge fail.
     */
    private void assertTrustedWithoutNameCheck(TlsMode mode, String listener) throws Exception {
        SSLUtil trusting = new SSLUtil(new TrustStoreTrustManager(
                trustStore.toFile(), STORE_PASSWORD.toCharArray(), "PKCS12", true));
        int port = server.getListenPort(listener);
        if (mode == TlsMode.LDAPS) {
            try (LDAPConnection connection =
                    new LDAPConnection(trusting.createSSLSocketFactory(), "localhost", port)) {
                assertNotNull(connection.getRootDSE());
            }
        } else {
            try (LDAPConnection connection = new LDAPConnection("localhost", port)) {
                ResultCode started = connection.processExtendedOperation(
                        new StartTLSExtendedRequest(
                                trusting.createSSLContext())).getResultCode();
                assertEquals(ResultCode.SUCCESS, started);
                assertNotNull(connection.getRootDSE());
            }
        }
    }

    private static void assertNoSecretIn(Throwable thrown) {
        List<String> secrets = List.of(USER_PASSWORD, DemoFixtures.SERVICE_PASSWORD, STORE_PASSWORD);
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            for (String secret : secrets) {
                assertFalse(String.valueOf(t.getMessage()).contains(secret), t.toString());
                assertFalse(t.toString().contains(secret), t.toString());
            }
        }
    }

    private static void assertWithinTimeouts(long startedNanos, int calls) {
        Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
        Duration limit = DemoFixtures.CONNECT_TIMEOUT.plus(DemoFixtures.RESPONSE_TIMEOUT)
                .multipliedBy(calls).plusMillis(500);
        assertTrue(took.compareTo(limit) < 0, "took " + took + ", limit " + limit);
    }

    private String url(String scheme, String host, String listener) {
        return scheme + "://" + host + ":" + server.getListenPort(listener);
    }

    private static String scheme(TlsMode mode) {
        return mode == TlsMode.LDAPS ? "ldaps" : "ldap";
    }

    /** The demo config ({@link DemoFixtures#config}) with this TLS mode and trust store. */
    private static DirectoryConfig config(TlsMode mode, String url, Path trust) {
        DirectoryConfig base = DemoFixtures.config(url);
        return new DirectoryConfig(base.urls(), base.bindDn(), base.bindPassword(), mode, trust,
                trust == null ? null : new Secret(STORE_PASSWORD), base.connectTimeout(),
                base.responseTimeout(), base.poolSize(), base.maxConnectionAge(),
                base.healthCheckInterval(), base.users(), base.groups(), null, java.time.Duration.ZERO);
    }

    private static SSLUtil serverTls(Path keys) throws Exception {
        return new SSLUtil(new KeyStoreKeyManager(
                keys.toFile(), STORE_PASSWORD.toCharArray(), "PKCS12", "server"), null);
    }

    /** A new PKCS#12 key store holding one self-signed EC certificate under alias "server". */
    private static Path selfSigned(String file, String subject, String... extensions) {
        Path keyStore = dir.resolve(file);
        List<String> args = new ArrayList<>(List.of("generate-self-signed-certificate",
                "--keystore", keyStore.toString(), "--keystore-password", STORE_PASSWORD,
                "--keystore-type", "PKCS12", "--alias", "server", "--subject-dn", subject,
                "--days-valid", "2", "--key-algorithm", "EC", "--key-size-bits", "256",
                "--signature-algorithm", "SHA256withECDSA"));
        args.addAll(List.of(extensions));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        ResultCode result = ManageCertificates.main(new ByteArrayInputStream(new byte[0]),
                output, output, args.toArray(String[]::new));
        assertEquals(ResultCode.SUCCESS, result, output::toString);
        return keyStore;
    }

    /** A PKCS#12 trust store holding the certificate of each key store. */
    private static Path trustStore(String file, Path... keyStores) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (Path keys : keyStores) {
            KeyStore source = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keys)) {
                source.load(in, STORE_PASSWORD.toCharArray());
            }
            trust.setCertificateEntry(keys.getFileName().toString(), source.getCertificate("server"));
        }
        Path path = dir.resolve(file);
        try (OutputStream out = Files.newOutputStream(path)) {
            trust.store(out, STORE_PASSWORD.toCharArray());
        }
        return path;
    }
}
