package dev.authbridge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Map;

/**
 * The files {@link Postgres} writes around {@code initdb}: {@code pg_hba.conf}, the additions to
 * {@code postgresql.conf}, the PEM certificate and key made for the run, and their ownership by the
 * server's user.
 */
final class PostgresFiles {
    private PostgresFiles() {}

    /**
     * Trust on the unix socket (inside the instance's own 0700 directory: only its user reaches
     * it), scram-sha-256 over TCP on 127.0.0.1, TLS required over TCP when {@code tls}.
     */
    static void writeHba(Path dataDir, boolean tls) throws IOException {
        String host = tls ? "hostssl" : "host   ";
        Files.writeString(dataDir.resolve("pg_hba.conf"), """
                # written by dev.authbridge.testing.Postgres
                local    all          all                 trust
                local    replication  all                 trust
                %1$s  all          all   127.0.0.1/32  scram-sha-256
                %1$s  replication  all   127.0.0.1/32  scram-sha-256
                """.formatted(host), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Appends the test settings (later lines win in postgresql.conf) and the caller's own. */
    static void appendSettings(Path dataDir, boolean tls, Map<String, String> extra) throws IOException {
        StringBuilder conf = new StringBuilder("\n# ---- dev.authbridge.testing.Postgres\n");
        setting(conf, "listen_addresses", "127.0.0.1");
        // A test database: durability against an OS crash is not wanted, speed is. Commits stay
        // synchronous (written before the client hears of them), so an immediate shutdown or a
        // failover loses no committed row: tests of that rely on it.
        setting(conf, "fsync", "off");
        setting(conf, "shared_buffers", "32MB");
        setting(conf, "log_line_prefix", "%m [%p] %q%u@%d ");
        if (tls) {
            setting(conf, "ssl", "on");
            setting(conf, "ssl_cert_file", "server.crt"); // relative to the data directory, so
            setting(conf, "ssl_key_file", "server.key"); // pg_basebackup carries them to a standby
        }
        extra.forEach((name, value) -> setting(conf, name, value));
        Files.writeString(dataDir.resolve("postgresql.conf"), conf, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static void setting(StringBuilder conf, String name, String value) {
        conf.append(name).append(" = '").append(value.replace("'", "''")).append("'\n");
    }

    /**
     * Writes {@code server.crt} and {@code server.key} (PEM, the key PKCS#8 and 0600) into the data
     * directory from a PKCS#12 store made by {@link TestCertificates}, and the certificate again at
     * {@code caFile} for clients' {@code sslrootcert}.
     */
    static void writeCertificate(Path dataDir, Path keyStore, Path caFile) throws IOException {
        KeyStore store;
        PrivateKey key;
        try (InputStream in = Files.newInputStream(keyStore)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, TestCertificates.PASSWORD.toCharArray());
            key = (PrivateKey) store.getKey(TestCertificates.ALIAS, TestCertificates.PASSWORD.toCharArray());
            String certificate = pem("CERTIFICATE", store.getCertificate(TestCertificates.ALIAS).getEncoded());
            Files.writeString(dataDir.resolve("server.crt"), certificate);
            Files.writeString(caFile, certificate);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the test certificate " + keyStore, e);
        }
        Path keyFile = dataDir.resolve("server.key");
        Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Gives {@code path} to {@code user} (and that user's group of the same name). */
    static void chown(Path path, String user) throws IOException {
        UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal owner = lookup.lookupPrincipalByName(user);
        GroupPrincipal group = lookup.lookupPrincipalByGroupName(user);
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        view.setOwner(owner);
        view.setGroup(group);
    }
}
