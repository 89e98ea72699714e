package dev.authbridge.testing;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import com.unboundid.util.ssl.cert.ManageCertificates;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private Samba Active Directory domain controller for tests: a real AD's LDAP server (its
 * {@code unicodePwd} rules, bind sub-codes, password settings), provisioned in a temporary
 * directory and run in a network namespace of its own.
 *
 * <p>Samba's LDAP server only listens on the standard ports (389, 636), so it runs in a new
 * network namespace ({@code unshare --net}) where those ports are free and no other test run can
 * collide with it. A relay on {@code 127.0.0.1:<free port>} carries each connection into the
 * namespace ({@code nsenter} + bash's {@code /dev/tcp}). The relay reaches port 636: LDAPS,
 * with a certificate made for this run naming 127.0.0.1 ({@link #trustStore()} trusts it), as
 * AD only changes passwords over TLS and Samba only accepts simple binds over TLS.
 *
 * <p>Needs root (network namespaces) and the Debian packages {@code samba-ad-dc},
 * {@code samba-ad-provision} and {@code ldb-tools}: {@code scripts/test} installs them.
 * Provisioning and start take a few seconds.
 */
public final class SambaDc implements AutoCloseable {

    public static final Path SAMBA = Path.of("/usr/sbin/samba");
    public static final Path SAMBA_TOOL = Path.of("/usr/bin/samba-tool");
    public static final Path LDBMODIFY = Path.of("/usr/bin/ldbmodify");

    public static final String REALM = "AD.AUTHBRIDGE.TEST";
    public static final String BASE_DN = "DC=ad,DC=authbridge,DC=test";
    public static final String ADMIN_DN = "CN=Administrator,CN=Users," + BASE_DN;
    public static final String ADMIN_PASSWORD = "Admin-Secret-4821!";
    public static final String TRUST_STORE_PASSWORD = "trust-Secret!";

    private static final String DIR_PREFIX = "authbridge-samba-";
    private static final int LDAPS_PORT = 636;

    private final Path dir;
    private final Process process;
    private final NetnsRelay relay;

    private SambaDc(Path dir, Process process, NetnsRelay relay) {
        this.dir = dir;
        this.process = process;
        this.relay = relay;
    }

    /**
     * Provisions a domain ({@link #REALM}) and starts its DC, with the domain password settings
     * given as {@code samba-tool domain passwordsettings set} options.
     */
    public static SambaDc start(String... passwordSettings) {
        requirePrerequisites();
        Processes.reapOrphans(DIR_PREFIX, "samba.pid");
        Path dir;
        try {
            dir = Files.createTempDirectory(DIR_PREFIX);
            Files.writeString(dir.resolve("owner.pid"), Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process process = null;
        try {
            Path tls = Files.createDirectories(dir.resolve("tls"));
            makeCertificate(tls);
            Path conf = dir.resolve("dc/etc/smb.conf");
            Processes.run(dir.resolve("provision.log"), 120, SAMBA_TOOL.toString(), "domain", "provision",
                    "--targetdir=" + dir.resolve("dc"), "--realm=" + REALM, "--domain=AUTHBRIDGE",
                    "--server-role=dc", "--dns-backend=NONE", "--host-name=dc1",
                    "--adminpass=" + ADMIN_PASSWORD,
                    "--option=interfaces=lo", "--option=bind interfaces only=yes",
                    "--option=server services=ldap",
                    "--option=log file=" + dir.resolve("samba.log"),
                    "--option=tls keyfile=" + tls.resolve("key.pem"),
                    "--option=tls certfile=" + tls.resolve("cert.pem"),
                    "--option=tls cafile=" + tls.resolve("cert.pem"));
            // Samba's default (60) lets the previous password sign in for an hour after a change,
            // as Windows does for NTLM network logons only; provisioning does not keep the option.
            String smbConf = Files.readString(conf, StandardCharsets.UTF_8);
            Files.writeString(conf, smbConf.replaceFirst("\\[global\\]\\s*\\n",
                    "[global]\n\told password allowed period = 0\n"), StandardCharsets.UTF_8);
            if (passwordSettings.length > 0) {
                List<String> command = new ArrayList<>(List.of(SAMBA_TOOL.toString(), "domain",
                        "passwordsettings", "set", "-s", conf.toString(),
                        "-H", dir.resolve("dc/private/sam.ldb").toString()));
                command.addAll(List.of(passwordSettings));
                Processes.run(dir.resolve("passwordsettings.log"), 60, command.toArray(String[]::new));
            }
            // unshare execs: the process we start becomes samba, inside the new namespace.
            process = new ProcessBuilder("unshare", "--net", "--", "/bin/sh", "-c",
                    "ip link set lo up && exec " + SAMBA + " -i -M single -s '" + conf + "' --debug-stdout -d 1")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("samba.out").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            Files.writeString(dir.resolve("samba.pid"), Long.toString(process.pid()));
            SambaDc dc = new SambaDc(dir, process, new NetnsRelay(process.pid(), LDAPS_PORT));
            dc.awaitReady();
            return dc;
        } catch (IOException | RuntimeException e) {
            if (process != null) {
                Slapd.stopProcess(process);
            }
            String log = Slapd.log(dir.resolve("samba.out"));
            if (!Boolean.getBoolean("authbridge.samba.keep")) {
                Slapd.deleteTree(dir);
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw new IllegalStateException("Samba AD DC did not start: " + e.getMessage() + "\n" + log, e);
        }
    }

    /** {@code ldaps://127.0.0.1:<relay port>} */
    public String url() {
        return "ldaps://127.0.0.1:" + relay.port();
    }

    /** A PKCS#12 trust store (password {@link #TRUST_STORE_PASSWORD}) holding the DC's certificate. */
    public Path trustStore() {
        return dir.resolve("tls/trust.p12");
    }

    /** A new LDAPS connection bound as the domain's Administrator; the caller closes it. */
    public LDAPConnection connectAdmin() throws LDAPException {
        return connect(ADMIN_DN, ADMIN_PASSWORD);
    }

    /** A new LDAPS connection bound as {@code dn}; the caller closes it. */
    public LDAPConnection connect(String dn, String password) throws LDAPException {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(5_000);
        options.setResponseTimeoutMillis(30_000);
        try {
            SSLUtil ssl = new SSLUtil(new TrustStoreTrustManager(trustStore().toFile(),
                    TRUST_STORE_PASSWORD.toCharArray(), "PKCS12", true));
            LDAPConnection connection = new LDAPConnection(ssl.createSSLSocketFactory(), options,
                    "127.0.0.1", relay.port());
            try {
                connection.bind(dn, password);
                return connection;
            } catch (LDAPException e) {
                connection.close();
                throw e;
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code samba-tool domain passwordsettings set <options>} on the running domain (e.g.
     * {@code --min-pwd-age=1}).
     */
    public void passwordSettings(String... options) {
        List<String> command = new ArrayList<>(List.of(SAMBA_TOOL.toString(), "domain", "passwordsettings",
                "set", "-s", dir.resolve("dc/etc/smb.conf").toString(),
                "-H", dir.resolve("dc/private/sam.ldb").toString()));
        command.addAll(List.of(options));
        Processes.run(dir.resolve("passwordsettings.log"), 60, command.toArray(String[]::new));
    }

    /**
     * Sets {@code pwdLastSet} (a Windows FILETIME) of an entry. Active Directory only lets LDAP
     * clients set it to 0 or -1, so this edits the domain partition's database file directly,
     * as if the password had been set that long ago.
     */
    public void setPwdLastSet(String dn, long fileTime) {
        Path ldif = dir.resolve("pwdlastset.ldif");
        try {
            Files.writeString(ldif, "dn: " + dn + "\nchangetype: modify\nreplace: pwdLastSet\npwdLastSet: "
                    + fileTime + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path partition = dir.resolve("dc/private/sam.ldb.d/" + BASE_DN.toUpperCase(java.util.Locale.ROOT) + ".ldb");
        Processes.run(dir.resolve("ldbmodify.log"), 30, LDBMODIFY.toString(), "-H", partition.toString(),
                ldif.toString());
    }

    /** Samba's output so far, for assertion messages. */
    public String log() {
        return Slapd.log(dir.resolve("samba.out"));
    }

    @Override
    public void close() {
        relay.close();
        Slapd.stopProcess(process);
        Slapd.deleteTree(dir);
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("samba exited with status " + process.exitValue());
            }
            try (LDAPConnection ignored = connectAdmin()) {
                return;
            } catch (LDAPException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no LDAPS answer within 60 s: " + notYet.getResultCode(), notYet);
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for samba", e);
            }
        }
    }

    /**
     * An RSA key and self-signed certificate for 127.0.0.1 in PEM for Samba (key file mode 0600,
     * as Samba insists), and a PKCS#12 trust store holding the certificate for clients.
     */
    private static void makeCertificate(Path tls) throws IOException {
        Path keyStore = tls.resolve("server.p12");
        certificates("generate-self-signed-certificate", "--keystore", keyStore.toString(),
                "--keystore-password", TRUST_STORE_PASSWORD, "--keystore-type", "PKCS12",
                "--alias", "server", "--subject-dn", "CN=dc1." + REALM.toLowerCase(java.util.Locale.ROOT),
                "--subject-alternative-name-ip-address", "127.0.0.1",
                "--subject-alternative-name-dns", "localhost", "--days-valid", "2",
                "--key-algorithm", "RSA", "--key-size-bits", "2048", "--signature-algorithm", "SHA256withRSA");
        certificates("export-certificate", "--keystore", keyStore.toString(),
                "--keystore-password", TRUST_STORE_PASSWORD, "--alias", "server",
                "--output-format", "PEM", "--output-file", tls.resolve("cert.pem").toString());
        Path key = tls.resolve("key.pem");
        certificates("export-private-key", "--keystore", keyStore.toString(),
                "--keystore-password", TRUST_STORE_PASSWORD, "--alias", "server",
                "--output-format", "PEM", "--output-file", key.toString());
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        try {
            KeyStore source = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                source.load(in, TRUST_STORE_PASSWORD.toCharArray());
            }
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("samba-dc", source.getCertificate("server"));
            try (OutputStream out = Files.newOutputStream(tls.resolve("trust.p12"))) {
                trust.store(out, TRUST_STORE_PASSWORD.toCharArray());
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void certificates(String... args) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        ResultCode result = ManageCertificates.main(new ByteArrayInputStream(new byte[0]), output, output, args);
        if (result != ResultCode.SUCCESS) {
            throw new IllegalStateException("manage-certificates " + args[0] + ": " + output);
        }
    }

    private static void requirePrerequisites() {
        for (Path binary : List.of(SAMBA, SAMBA_TOOL, LDBMODIFY)) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(binary + " not found: Samba's AD DC is not installed."
                        + " Run the tests with scripts/test (it installs samba-ad-dc, samba-ad-provision"
                        + " and ldb-tools)");
            }
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("the Samba AD DC tests run Samba in a network namespace of"
                    + " its own, which needs root: run scripts/test as root (CI does)");
        }
    }

    /** Runs Samba's tools, and reaps DCs left behind by a JVM killed hard. */
    static final class Processes {
        private Processes() {}

        static void run(Path log, int timeoutSeconds, String... command) {
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(command[0] + " " + command[1] + " timed out");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", List.of(command).subList(0, 3))
                            + " failed with status " + process.exitValue() + ":\n" + Slapd.log(log));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        /**
         * Stops the server of every instance directory whose owner JVM is gone (killed hard, no
         * shutdown hook ran), checking the process is still the one started there, and deletes
         * the directory.
         */
        static void reapOrphans(String prefix, String pidFile) {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            try (Stream<Path> dirs = Files.list(tmp)) {
                dirs.filter(d -> d.getFileName().toString().startsWith(prefix)).forEach(d -> {
                    try {
                        long owner = Long.parseLong(Files.readString(d.resolve("owner.pid")).strip());
                        if (ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
                            return;
                        }
                        if (Files.exists(d.resolve(pidFile))) {
                            long pid = Long.parseLong(Files.readString(d.resolve(pidFile)).strip());
                            ProcessHandle.of(pid)
                                    .filter(p -> p.info().commandLine().orElse("").contains(d.toString()))
                                    .ifPresent(ProcessHandle::destroyForcibly);
                        }
                        Slapd.deleteTree(d);
                    } catch (IOException | RuntimeException ignored) {
                        // best effort
                    }
                });
            } catch (IOException | UncheckedIOException ignored) {
                // best effort
            }
        }
    }
}
