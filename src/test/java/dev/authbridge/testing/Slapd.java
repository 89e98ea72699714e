package dev.authbridge.testing;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFChangeRecord;
import com.unboundid.ldif.LDIFException;
import com.unboundid.ldif.LDIFReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A private OpenLDAP {@code slapd} for tests: its own temporary directory, its own
 * {@code cn=config} (built offline with {@code slapadd -n0}), one {@code mdb} database, listening
 * on {@code ldap://127.0.0.1:<free port>} only. Never touches the distro's slapd service or
 * {@code /etc/ldap/slapd.d}. slapd must be told its port ({@code -h}): a port free a moment
 * before is probed, and a start that finds it taken ("Address already in use") is tried again on
 * another.
 *
 * <pre>{@code
 * try (Slapd slapd = Slapd.start(Slapd.options()
 *         .suffix("dc=example,dc=com")
 *         .schema(Path.of("ldif/00-authbridge-schema.ldif"))
 *         .module("ppolicy")
 *         .overlay("ppolicy", "objectClass: olcPPolicyConfig"))) {
 *     slapd.load(Path.of("ldif/10-demo.ldif"));
 *     ... slapd.url(), slapd.rootDn(), slapd.rootPassword() ...
 * }
 * }</pre>
 *
 * <p>Layout of {@link #dir()}: {@code config.ldif} (what slapadd got), {@code slapd.d/}
 * (cn=config), {@code data/} (mdb), {@code slapd.log} (slapd's stderr), {@code slapd.pid},
 * {@code owner.pid} (the JVM). The directory is deleted by {@link #stop()} and by a JVM shutdown
 * hook; an instance orphaned by a JVM killed hard is reaped by the next {@link #start}. Set {@code -Dauthbridge.slapd.keep=true} to keep it
 * for a post-mortem, {@code -Dauthbridge.slapd.debug=stats} (any slapd {@code -d} level) for a
 * verbose log.
 *
 * <p>The server runs as the invoking user (root in the sandbox; no {@code -u}/{@code -g}), in the
 * foreground ({@code -d}), as a child process of the JVM. The binaries come from the Debian
 * packages {@code slapd} and {@code ldap-utils}: run {@code scripts/test}, which installs them.
 */
public final class Slapd implements AutoCloseable {

    public static final Path SLAPD = Path.of("/usr/sbin/slapd");
    public static final Path SLAPADD = Path.of("/usr/sbin/slapadd");
    public static final Path SCHEMA_DIR = Path.of("/etc/ldap/schema");
    public static final Path MODULE_DIR = Path.of("/usr/lib/ldap");

    /** The DN of the mdb database's config entry: the parent of every overlay entry. */
    public static final String DATABASE_CONFIG_DN = "olcDatabase={1}mdb,cn=config";

    /** The rootDN of the {@code cn=config} database (see {@link #connectConfig()}). */
    public static final String CONFIG_ROOT_DN = "cn=admin,cn=config";

    private static final String DIR_PREFIX = "authbridge-slapd-";
    private static final String OWNER_FILE = "owner.pid";

    private static final Pattern CHANGETYPE_ADD =
            Pattern.compile("(?im)^changetype:[ \t]*add[ \t]*\r?\n");

    private final Options options;
    private final Path dir;
    private final int port;
    private volatile Process process;
    private final Thread shutdownHook;
    private volatile boolean stopped;

    private Slapd(Options options, Path dir, int port, Process process) {
        this.options = options;
        this.dir = dir;
        this.port = port;
        this.process = process;
        this.shutdownHook = new Thread(this::stopQuietly, "slapd-" + port + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A fresh options builder with the defaults (suffix {@code dc=example,dc=com}). */
    public static Options options() {
        return new Options();
    }

    /** Builds a cn=config, starts slapd and waits until it accepts LDAP connections. */
    public static Slapd start(Options options) {
        requireBinaries();
        reapOrphans();
        Path dir;
        try {
            dir = Files.createTempDirectory(DIR_PREFIX);
            Files.writeString(dir.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Path confDir = Files.createDirectories(dir.resolve("slapd.d"));
            Files.createDirectories(dir.resolve("data"));
            Path configLdif = dir.resolve("config.ldif");
            Files.writeString(configLdif, configLdif(options, dir), StandardCharsets.UTF_8);
            run(dir.resolve("slapadd.log"), SLAPADD.toString(), "-n0", "-F", confDir.toString(),
                    "-l", configLdif.toString());

            IllegalStateException last = null;
            for (int attempt = 0; attempt < 5; attempt++) {
                int port = ServerProcesses.freePort();
                Process process = launch(options, dir, confDir, port);
                try {
                    awaitReady(process, port, options.startTimeout, dir.resolve("slapd.log"));
                    return new Slapd(options, dir, port, process);
                } catch (IllegalStateException e) {
                    stopProcess(process);
                    last = e;
                    if (!log(dir.resolve("slapd.log")).contains("Address already in use")) {
                        throw e;
                    }
                }
            }
            throw last;
        } catch (IOException | RuntimeException e) {
            if (!keep()) {
                deleteTree(dir);
            } else {
                markKept(dir);
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
    }

    /** {@code ldap://127.0.0.1:<port>} */
    public String url() {
        return "ldap://127.0.0.1:" + port;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public String suffix() {
        return options.suffix;
    }

    /** {@code cn=admin,<suffix>}: the mdb database's rootDN (bypasses every ACL). */
    public String rootDn() {
        return "cn=admin," + options.suffix;
    }

    public String rootPassword() {
        return options.rootPassword;
    }

    /** Password of {@link #CONFIG_ROOT_DN}. */
    public String configPassword() {
        return options.configPassword;
    }

    /** The instance's temporary directory (config, data, log). */
    public Path dir() {
        return dir;
    }

    /** slapd's stderr so far (useful in assertion messages). */
    public String log() {
        return log(dir.resolve("slapd.log"));
    }

    /** A new connection bound as {@link #rootDn()}; the caller closes it. */
    public LDAPConnection connect() throws LDAPException {
        return connect(rootDn(), options.rootPassword);
    }

    /** A new connection bound as {@link #CONFIG_ROOT_DN}, to change cn=config at run time. */
    public LDAPConnection connectConfig() throws LDAPException {
        return connect(CONFIG_ROOT_DN, options.configPassword);
    }

    /** A new connection bound as {@code dn}; the caller closes it. */
    public LDAPConnection connect(String dn, String password) throws LDAPException {
        LDAPConnection connection = anonymous();
        try {
            connection.bind(dn, password);
            return connection;
        } catch (LDAPException e) {
            connection.close();
            throw e;
        }
    }

    /** A new unauthenticated connection; the caller closes it. */
    public LDAPConnection anonymous() throws LDAPException {
        LDAPConnectionOptions connectionOptions = new LDAPConnectionOptions();
        connectionOptions.setConnectTimeoutMillis(5_000);
        connectionOptions.setResponseTimeoutMillis(30_000);
        return new LDAPConnection(connectionOptions, host(), port);
    }

    /**
     * Adds LDIF files over LDAP as {@link #rootDn()}, in order, record by record. Records without a
     * {@code changetype} are adds; {@code changetype: modify/delete/moddn} records work too.
     *
     * @return the number of records applied
     * @throws IllegalStateException naming the file, line and DN of the first record the server
     *     refused, with the server's diagnostic message
     */
    public int load(Path... ldifFiles) {
        int count = 0;
        try (LDAPConnection connection = connect()) {
            for (Path file : ldifFiles) {
                try (LDIFReader reader = new LDIFReader(file.toFile())) {
                    for (int index = 1; ; index++) {
                        LDIFChangeRecord record;
                        try {
                            record = reader.readChangeRecord(true);
                        } catch (LDIFException e) {
                            throw new IllegalStateException(
                                    file + ": unparsable LDIF near line " + e.getLineNumber()
                                            + ": " + e.getMessage(), e);
                        }
                        if (record == null) {
                            break;
                        }
                        try {
                            record.processChange(connection);
                        } catch (LDAPException e) {
                            throw new IllegalStateException(
                                    file + " record #" + index + ": "
                                            + record.getChangeType().getName() + " '"
                                            + record.getDN() + "' refused by slapd: "
                                            + e.getResultCode() + " " + e.getDiagnosticMessage(),
                                    e);
                        }
                        count++;
                    }
                }
            }
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot bind to " + url() + " as " + rootDn(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count;
    }

    /** Whether the slapd process is running (false after {@link #stopServer()} or a crash). */
    public boolean isRunning() {
        return process.isAlive();
    }

    /**
     * Stops the slapd process but keeps its directory, data and port: connections are refused
     * until {@link #restartServer()}. For outage tests. Idempotent.
     */
    public synchronized void stopServer() {
        stopProcess(process);
    }

    /**
     * Starts slapd again on the same port with the same config and data (after
     * {@link #stopServer()}), retrying while the port is still held for a moment, and waits until
     * it accepts connections. Does nothing when it is running.
     */
    public synchronized void restartServer() {
        if (stopped) {
            throw new IllegalStateException("stopped for good: " + this);
        }
        if (process.isAlive()) {
            return;
        }
        Path log = dir.resolve("slapd.log");
        long deadline = System.nanoTime() + options.startTimeout.toNanos();
        while (true) {
            try {
                Process restarted = launch(options, dir, dir.resolve("slapd.d"), port);
                process = restarted;
                awaitReady(restarted, port, options.startTimeout, log);
                return;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (IllegalStateException e) {
                stopProcess(process);
                if (System.nanoTime() > deadline || !log(log).contains("Address already in use")) {
                    throw e;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while restarting slapd", e);
            }
        }
    }

    /** Stops slapd (SIGTERM, then SIGKILL after 10 s) and deletes {@link #dir()}. Idempotent. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        stopProcess(process);
        if (!keep()) {
            deleteTree(dir);
        } else {
            markKept(dir);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // called from the hook itself
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException ignored) {
            // JVM exit: best effort
        }
    }

    @Override
    public String toString() {
        return "Slapd[" + url() + ", " + options.suffix + ", " + dir + "]";
    }

    // ---------------------------------------------------------------- options

    /** How to build the instance. Fluent and mutable; {@link #start} copies nothing, so don't share. */
    public static final class Options {
        private String suffix = "dc=example,dc=com";
        private String rootPassword = "admin-secret";
        private String configPassword = "config-secret";
        private final List<String> baseSchemas =
                new ArrayList<>(List.of("core", "cosine", "inetorgperson", "nis"));
        private final List<Path> schemas = new ArrayList<>();
        private final List<String> modules = new ArrayList<>();
        private final List<String> indexes =
                new ArrayList<>(List.of("objectClass eq", "uid eq,pres", "cn eq", "entryUUID eq",
                        "member eq", "uniqueMember eq", "memberUid eq"));
        private final List<String> access = new ArrayList<>(List.of(
                "to attrs=userPassword by self write by anonymous auth by * none",
                "to * by * read"));
        private final List<String> configLdif = new ArrayList<>();
        private String logLevel = "none";
        private Duration startTimeout = Duration.ofSeconds(30);

        private Options() {}

        /** The mdb database's suffix; the rootDN is {@code cn=admin,<suffix>}. */
        public Options suffix(String suffix) {
            this.suffix = suffix;
            return this;
        }

        public Options rootPassword(String rootPassword) {
            this.rootPassword = rootPassword;
            return this;
        }

        public Options configPassword(String configPassword) {
            this.configPassword = configPassword;
            return this;
        }

        /**
         * Also loads {@code /etc/ldap/schema/<name>.ldif} (after core, cosine, inetorgperson, nis,
         * which are always there).
         */
        public Options systemSchema(String name) {
            baseSchemas.add(name);
            return this;
        }

        /**
         * Extra schema files in cn=config LDIF format ({@code dn: cn=x,cn=schema,cn=config}), in
         * order. A {@code changetype: add} line (ldapadd style) is tolerated.
         */
        public Options schema(Path... ldifFiles) {
            schemas.addAll(List.of(ldifFiles));
            return this;
        }

        /** {@code olcModuleLoad} (from {@code /usr/lib/ldap}), e.g. {@code ppolicy}, {@code memberof}. */
        public Options module(String... names) {
            modules.addAll(List.of(names));
            return this;
        }

        /**
         * An overlay on the mdb database: {@code dn: olcOverlay=<name>,olcDatabase={1}mdb,cn=config},
         * {@code objectClass: olcOverlayConfig}, {@code olcOverlay: <name>} plus the given LDIF
         * lines, e.g. {@code overlay("ppolicy", "objectClass: olcPPolicyConfig",
         * "olcPPolicyDefault: cn=default,ou=policies,dc=example,dc=com")}. Load its module too.
         */
        public Options overlay(String name, String... ldifLines) {
            StringBuilder ldif = new StringBuilder()
                    .append("dn: olcOverlay=").append(name).append(',').append(DATABASE_CONFIG_DN)
                    .append('\n')
                    .append("objectClass: olcOverlayConfig\n")
                    .append("olcOverlay: ").append(name).append('\n');
            for (String line : ldifLines) {
                ldif.append(line).append('\n');
            }
            configLdif.add(ldif.toString());
            return this;
        }

        /** Raw cn=config LDIF appended after the database entry (overlays, extra databases). */
        public Options configLdif(String ldif) {
            configLdif.add(ldif);
            return this;
        }

        /** Replaces the default index list ({@code olcDbIndex} values). */
        public Options indexes(String... values) {
            indexes.clear();
            indexes.addAll(List.of(values));
            return this;
        }

        /**
         * Replaces the default ACL ({@code olcAccess} values without the {@code {n}} prefix). The
         * default: userPassword is self-write/anonymous-auth only, everything else world-readable.
         */
        public Options access(String... values) {
            access.clear();
            access.addAll(List.of(values));
            return this;
        }

        /** slapd's {@code -d} level (default {@code none}); also {@code -Dauthbridge.slapd.debug}. */
        public Options logLevel(String logLevel) {
            this.logLevel = logLevel;
            return this;
        }

        public Options startTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }
    }

    // ---------------------------------------------------------------- internals

    private static void requireBinaries() {
        for (Path binary : List.of(SLAPD, SLAPADD)) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(binary + " not found: OpenLDAP is not installed."
                        + " Run the tests with scripts/test (it installs the Debian packages"
                        + " slapd and ldap-utils), or: apt-get install slapd ldap-utils");
            }
        }
    }

    static String configLdif(Options o, Path dir) throws IOException {
        StringBuilder ldif = new StringBuilder();

        Entry global = new Entry("cn=config");
        global.addAttribute("objectClass", "olcGlobal");
        global.addAttribute("cn", "config");
        global.addAttribute("olcPidFile", dir.resolve("slapd.pid").toString());
        global.addAttribute("olcArgsFile", dir.resolve("slapd.args").toString());
        global.addAttribute("olcLogLevel", "none");
        append(ldif, global);

        Entry modules = new Entry("cn=module{0},cn=config");
        modules.addAttribute("objectClass", "olcModuleList");
        modules.addAttribute("cn", "module{0}");
        modules.addAttribute("olcModulePath", MODULE_DIR.toString());
        modules.addAttribute("olcModuleLoad", "back_mdb");
        for (String module : o.modules) {
            modules.addAttribute("olcModuleLoad", module);
        }
        append(ldif, modules);

        Entry schema = new Entry("cn=schema,cn=config");
        schema.addAttribute("objectClass", "olcSchemaConfig");
        schema.addAttribute("cn", "schema");
        append(ldif, schema);
        for (String name : o.baseSchemas) {
            appendSchema(ldif, SCHEMA_DIR.resolve(name + ".ldif"));
        }
        for (Path file : o.schemas) {
            appendSchema(ldif, file);
        }

        Entry frontend = new Entry("olcDatabase={-1}frontend,cn=config");
        frontend.addAttribute("objectClass", "olcDatabaseConfig", "olcFrontendConfig");
        frontend.addAttribute("olcDatabase", "{-1}frontend");
        append(ldif, frontend);

        Entry config = new Entry("olcDatabase={0}config,cn=config");
        config.addAttribute("objectClass", "olcDatabaseConfig");
        config.addAttribute("olcDatabase", "{0}config");
        config.addAttribute("olcRootDN", CONFIG_ROOT_DN);
        config.addAttribute("olcRootPW", o.configPassword);
        config.addAttribute("olcAccess", "{0}to * by * none");
        append(ldif, config);

        Entry mdb = new Entry(DATABASE_CONFIG_DN);
        mdb.addAttribute("objectClass", "olcDatabaseConfig", "olcMdbConfig");
        mdb.addAttribute("olcDatabase", "{1}mdb");
        mdb.addAttribute("olcSuffix", o.suffix);
        mdb.addAttribute("olcRootDN", "cn=admin," + o.suffix);
        mdb.addAttribute("olcRootPW", o.rootPassword);
        mdb.addAttribute("olcDbDirectory", dir.resolve("data").toString());
        mdb.addAttribute("olcDbNoSync", "TRUE");
        mdb.addAttribute("olcDbMaxSize", Long.toString(256L * 1024 * 1024));
        for (String index : o.indexes) {
            mdb.addAttribute("olcDbIndex", index);
        }
        for (int i = 0; i < o.access.size(); i++) {
            mdb.addAttribute("olcAccess", "{" + i + "}" + o.access.get(i));
        }
        append(ldif, mdb);

        for (String extra : o.configLdif) {
            ldif.append(extra.strip()).append("\n\n");
        }
        return ldif.toString();
    }

    private static void append(StringBuilder ldif, Entry entry) {
        ldif.append(entry.toLDIFString(0)).append("\n\n");
    }

    private static void appendSchema(StringBuilder ldif, Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("schema file not found: " + file.toAbsolutePath());
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        text = CHANGETYPE_ADD.matcher(text).replaceAll("");
        ldif.append("# ---- ").append(file).append('\n').append(text.strip()).append("\n\n");
    }

    private static Process launch(Options o, Path dir, Path confDir, int port) throws IOException {
        String debug = System.getProperty("authbridge.slapd.debug", o.logLevel);
        ProcessBuilder builder = new ProcessBuilder(SLAPD.toString(),
                "-d", debug,
                "-h", "ldap://127.0.0.1:" + port + "/",
                "-F", confDir.toString());
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("slapd.log").toFile()));
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return builder.start();
    }

    private static void awaitReady(Process process, int port, Duration timeout, Path log) {
        long deadline = System.nanoTime() + timeout.toNanos();
        LDAPConnectionOptions connectionOptions = new LDAPConnectionOptions();
        connectionOptions.setConnectTimeoutMillis(500);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("slapd exited with status " + process.exitValue()
                        + " before accepting connections on port " + port + "; log:\n" + log(log));
            }
            try (LDAPConnection connection = new LDAPConnection(connectionOptions, "127.0.0.1", port)) {
                connection.getRootDSE();
                return;
            } catch (LDAPException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("slapd did not accept connections on port "
                            + port + " within " + timeout + "; log:\n" + log(log), notYet);
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for slapd", e);
            }
        }
    }

    private static void run(Path log, String... command) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " timed out");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with status "
                    + process.exitValue() + ":\n" + log(log));
        }
    }

    /** Stops a server process: TERM, then KILL after 10 s. Also used by {@link SambaDc}. */
    static void stopProcess(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of a log file, for assertion messages. Also used by {@link SambaDc}. */
    static String log(Path log) {
        try {
            if (!Files.exists(log)) {
                return "(no log)";
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return lines.subList(Math.max(0, lines.size() - 60), lines.size()).stream()
                    .collect(Collectors.joining("\n"));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /**
     * A JVM killed hard (SIGKILL, surefire fork timeout) runs no shutdown hook and leaves its
     * slapd running. Each start therefore stops the slapd of any instance directory whose owner
     * JVM ({@code owner.pid}) is gone, checking the slapd's command line names that directory,
     * and deletes the directory. Kept directories ({@code -Dauthbridge.slapd.keep}) stay.
     */
    private static void reapOrphans() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> dirs = Files.list(tmp)) {
            dirs.filter(d -> d.getFileName().toString().startsWith(DIR_PREFIX))
                    .filter(d -> Files.isRegularFile(d.resolve(OWNER_FILE)))
                    .filter(d -> !Files.exists(d.resolve("KEEP")))
                    .forEach(Slapd::reapIfOrphan);
        } catch (IOException | UncheckedIOException ignored) {
            // best effort
        }
    }

    private static void reapIfOrphan(Path dir) {
        try {
            long owner = Long.parseLong(Files.readString(dir.resolve(OWNER_FILE)).strip());
            if (ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
                return;
            }
            Path pidFile = dir.resolve("slapd.pid");
            if (Files.isRegularFile(pidFile)) {
                long pid = Long.parseLong(Files.readString(pidFile).strip());
                ProcessHandle.of(pid)
                        .filter(p -> p.info().commandLine().orElse("").contains(dir.toString()))
                        .ifPresent(p -> {
                            p.destroy();
                            try {
                                p.onExit().get(5, TimeUnit.SECONDS);
                            } catch (Exception e) {
                                p.destroyForcibly();
                            }
                        });
            }
            deleteTree(dir);
        } catch (IOException | RuntimeException ignored) {
            // best effort: a half-written instance of a live JVM is skipped next time round
        }
    }

    private static boolean keep() {
        return Boolean.getBoolean("authbridge.slapd.keep");
    }

    private static void markKept(Path dir) {
        try {
            Files.writeString(dir.resolve("KEEP"), "kept by -Dauthbridge.slapd.keep\n");
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** Deletes a directory tree, best effort. Also used by {@link SambaDc}. */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort
        }
    }
}
