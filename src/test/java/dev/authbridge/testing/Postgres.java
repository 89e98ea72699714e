package dev.authbridge.testing;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A private PostgreSQL 15 for tests: {@code initdb} into its own temporary directory, {@code pg_ctl}
 * on a free port of 127.0.0.1 only, its unix socket inside that directory, one database owned by
 * one role with a password (scram-sha-256 over TCP), fsync off. Never touches a system cluster.
 *
 * <pre>{@code
 * try (Postgres pg = Postgres.start(Postgres.options().tls())) {
 *     ... pg.jdbcUrl(), pg.url(), pg.user(), pg.password(), pg.caFile() ...
 *     pg.stop(); pg.start();                  // an outage, same port and data
 *     try (Postgres standby = Postgres.standbyOf(pg)) {
 *         pg.kill(); standby.promote();       // a failover
 *         ... Postgres.multiHostJdbcUrl(pg, standby) ...
 *     }
 * }
 * }</pre>
 *
 * <p>The server never runs as root (PostgreSQL refuses to): when the JVM is root (CI), every
 * command runs as the Debian {@code postgres} system user through {@code setpriv}, and the instance
 * directory is that user's; otherwise as the current user. initdb runs once per JVM into a template
 * that each instance copies; instance directories live in {@code /dev/shm} when it has room (a
 * tenth of a second to copy and start instead of seconds on disk), else in {@code java.io.tmpdir}
 * ({@code -Dauthbridge.postgres.tmpdir} chooses). Layout of {@link #dir()}: {@code data/}
 * (the cluster), {@code sock/} (unix socket), {@code postgres.log} (the server's log),
 * {@code ca.crt} (with {@link Options#tls()}), {@code owner.pid} (the JVM). {@link #close()} and a
 * JVM shutdown hook stop the server and delete the directory; an instance whose JVM was killed hard
 * is reaped by the next {@link #start(Options)}. {@code -Dauthbridge.postgres.keep=true} keeps
 * directories for a post-mortem. The binaries come from Debian's {@code postgresql-15}: run
 * {@code scripts/test}, which installs it.
 */
public final class Postgres implements AutoCloseable {
    public static final Path BIN = PgCtl.BIN;
    public static final String HOST = "127.0.0.1";
    /** The cluster's superuser (trusted on the socket; a random password over TCP). */
    public static final String SUPERUSER = PgCtl.SUPERUSER;
    /** The system user the server runs as when the JVM is root. */
    public static final String SERVER_USER = PgCtl.SERVER_USER;

    private static final String DIR_PREFIX = "authbridge-pg-";
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static Postgres shared;

    private final Options options;
    private final Path dir;
    /** Probed free before the first start (PostgreSQL must be told it); kept for every restart. */
    private volatile int port;
    private final String superuserPassword;
    private final Thread shutdownHook;
    private volatile boolean closed;
    private boolean isShared;

    private Postgres(Options options, Path dir, int port, String superuserPassword) {
        this.options = options;
        this.dir = dir;
        this.port = port;
        this.superuserPassword = superuserPassword;
        this.shutdownHook = new Thread(this::closeQuietly, "postgres-" + port + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A fresh options builder: database and role {@code authbridge}, no TLS. */
    public static Options options() {
        return new Options();
    }

    /** Runs initdb, starts the server, creates the role and its database. A few seconds at most. */
    public static Postgres start(Options options) {
        requireBinaries();
        PgCtl.reapOrphans(DIR_PREFIX);
        Path dir = ServerProcesses.ownedTempDir(PgCtl.baseDir(), DIR_PREFIX);
        Postgres postgres = null;
        try {
            PgCtl.Template template = PgCtl.template(DIR_PREFIX + "template-");
            initCluster(options, dir, template);
            postgres = new Postgres(options, dir, ServerProcesses.freePort(), template.superuserPassword());
            postgres.startOnFreePort();
            postgres.createRoleAndDatabase();
            return postgres;
        } catch (IOException | SQLException | RuntimeException e) {
            if (postgres != null) {
                postgres.close();
            } else {
                ServerProcesses.deleteOrKeep(dir, keep());
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException("cannot start PostgreSQL", e);
        }
    }

    /**
     * One server for the whole JVM (the suite), started on first use and stopped at JVM exit. Not
     * yours to stop: {@link #stop()} and {@link #kill()} refuse, {@link #close()} does nothing. Give
     * each test class a database of its own with {@link #createDatabase(String)}.
     */
    public static synchronized Postgres shared() {
        if (shared == null) {
            shared = start(options());
            shared.isShared = true;
        }
        return shared;
    }

    /**
     * A streaming hot standby of {@code primary} ({@code pg_basebackup -R -X stream}) on another free
     * port, started and accepting read-only connections. Same role, password and TLS as the primary.
     */
    public static Postgres standbyOf(Postgres primary) {
        if (!primary.isRunning()) {
            throw new IllegalStateException("the primary is not running: " + primary);
        }
        Path dir = ServerProcesses.ownedTempDir(PgCtl.baseDir(), DIR_PREFIX);
        Postgres standby = null;
        try {
            PgCtl.ownByServerUser(dir);
            PgCtl.run(dir, "basebackup.log", Duration.ofSeconds(60), "pg_basebackup",
                    "-h", primary.socketDir().toString(), "-p", Integer.toString(primary.port), "-U", SUPERUSER,
                    "-D", dir.resolve("data").toString(), "-R", "-X", "stream", "-c", "fast", "--no-sync", "-w");
            if (primary.options.tls) {
                Files.copy(primary.caFile(), dir.resolve("ca.crt"));
            }
            makeSocketDir(dir);
            standby = new Postgres(primary.options, dir, ServerProcesses.freePort(), primary.superuserPassword);
            standby.startOnFreePort();
            return standby;
        } catch (IOException | RuntimeException e) {
            if (standby != null) {
                standby.close();
            } else {
                ServerProcesses.deleteOrKeep(dir, keep());
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException("cannot make a standby", e);
        }
    }

    /**
     * pgjdbc's multi-host form over {@code servers} in order, {@code targetServerType=primary}: a new
     * connection goes to whichever one is the primary now. With TLS when the first one has it.
     */
    public static String multiHostJdbcUrl(Postgres... servers) {
        String hosts = Arrays.stream(servers).map(s -> HOST + ":" + s.port).collect(Collectors.joining(","));
        return "jdbc:postgresql://" + hosts + "/" + servers[0].options.database + "?targetServerType=primary"
                + servers[0].tlsParameters("&");
    }

    // ---------------------------------------------------------------- where and who

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    public String database() {
        return options.database;
    }

    /** The role that owns {@link #database()}: a plain login role, not a superuser. */
    public String user() {
        return options.user;
    }

    public String password() {
        return options.password;
    }

    /** The random TCP password of {@link #SUPERUSER}. */
    public String superuserPassword() {
        return superuserPassword;
    }

    /** {@code postgresql://127.0.0.1:<port>/<database>}: the form of authbridge's {@code store.url}. */
    public String url() {
        return url(options.database);
    }

    public String url(String database) {
        return "postgresql://" + HOST + ":" + port + "/" + database;
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}, with {@code sslmode=verify-full} and the CA under TLS. */
    public String jdbcUrl() {
        return jdbcUrl(options.database);
    }

    public String jdbcUrl(String database) {
        return "jdbc:" + url(database) + tlsParameters("?");
    }

    /** Whether TCP connections must use TLS ({@link Options#tls()}). */
    public boolean tls() {
        return options.tls;
    }

    /** The PEM certificate that signed the server's (it is self-signed): a client's CA file. Null without TLS. */
    public Path caFile() {
        return options.tls ? dir.resolve("ca.crt") : null;
    }

    public Path dir() {
        return dir;
    }

    /** The last lines of the server's log (for assertion messages). */
    public String log() {
        return Slapd.log(dir.resolve("postgres.log"));
    }

    /** A new connection as {@link #user()} to {@link #database()} (5 s to connect); the caller closes it. */
    public Connection connect() throws SQLException {
        return connect(jdbcUrl(), options.user, options.password);
    }

    /** A new connection as {@link #SUPERUSER} to {@code database}; the caller closes it. */
    public Connection connectAsSuperuser(String database) throws SQLException {
        return connect(jdbcUrl(database), SUPERUSER, superuserPassword);
    }

    /** A new connection with these credentials (5 s to connect, 30 s per statement); the caller closes it. */
    public static Connection connect(String jdbcUrl, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("loginTimeout", "10");
        properties.setProperty("socketTimeout", "30");
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    /** Creates another database owned by {@link #user()} (e.g. one per test class on {@link #shared()}). */
    public String createDatabase(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection connection = connectAsSuperuser("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " OWNER \"" + options.user + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + "; log:\n" + log(), e);
        }
        return name;
    }

    // ---------------------------------------------------------------- lifecycle

    /** Whether the server process runs (false after {@link #stop()}, {@link #kill()} or a crash). */
    public boolean isRunning() {
        return PgCtl.postmasterAlive(dir);
    }

    /** Fast shutdown (sessions are ended, a checkpoint is written); data and port are kept. Idempotent. */
    public synchronized void stop() {
        refuseIfShared("stop");
        shutdown("fast");
    }

    /** Immediate shutdown: no checkpoint, crash recovery at the next {@link #start()}. Idempotent. */
    public synchronized void kill() {
        refuseIfShared("kill");
        shutdown("immediate");
    }

    /** Starts the server again on the same port with the same data. Does nothing while it runs. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("closed for good: " + this);
        }
        if (isRunning()) {
            return;
        }
        long deadline = System.nanoTime() + options.startTimeout.toNanos();
        while (!tryLaunch(port)) { // the port is still held a moment after a stop
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("PostgreSQL could not bind port " + port + " again; log:\n" + log());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while restarting PostgreSQL", e);
            }
        }
    }

    /** Promotes a standby to primary and waits until it accepts writes. */
    public synchronized void promote() {
        PgCtl.run(dir, "pg_ctl.log", options.startTimeout.plusSeconds(5), "pg_ctl", "promote",
                "-D", dataDir().toString(), "-w", "-t", seconds(options.startTimeout), "-s");
    }

    /** Immediate shutdown and deletes {@link #dir()}. Idempotent; does nothing on {@link #shared()}. */
    @Override
    public void close() {
        if (isShared) {
            return;
        }
        closeNow();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // called from the hook itself
        }
    }

    private synchronized void closeNow() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            shutdown("immediate");
        } finally {
            ServerProcesses.deleteOrKeep(dir, keep());
        }
    }

    private void closeQuietly() {
        try {
            closeNow();
        } catch (RuntimeException ignored) {
            // JVM exit: best effort
        }
    }

    @Override
    public String toString() {
        return "Postgres[" + url() + (options.tls ? ", tls" : "") + ", " + dir + "]";
    }

    // ---------------------------------------------------------------- internals

    /**
     * The cluster of a new instance: a copy of this JVM's template, then the instance's pg_hba,
     * settings and certificate.
     */
    private static void initCluster(Options options, Path dir, PgCtl.Template template) throws IOException {
        PgCtl.ownByServerUser(dir);
        Path data = dir.resolve("data");
        ServerProcesses.run(dir, PgCtl.env(dir), dir.resolve("initdb.log"), Duration.ofSeconds(60),
                PgCtl.command(Path.of("/bin/cp"), "-a", template.data().toString(), data.toString()));
        PostgresFiles.writeHba(data, options.tls);
        PostgresFiles.appendSettings(data, options.tls, options.settings);
        if (options.tls) {
            Path keyStore = TestCertificates.localhost(dir, "server.p12");
            PostgresFiles.writeCertificate(data, keyStore, dir.resolve("ca.crt"));
            Files.delete(keyStore);
            PgCtl.ownByServerUser(data.resolve("server.crt"));
            PgCtl.ownByServerUser(data.resolve("server.key"));
        }
        makeSocketDir(dir);
    }

    private void createRoleAndDatabase() throws SQLException {
        try (Connection connection = connectAsSuperuser("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE \"" + options.user + "\" LOGIN PASSWORD '"
                    + options.password.replace("'", "''") + "'");
            statement.execute("CREATE DATABASE \"" + options.database + "\" OWNER \"" + options.user + "\"");
        }
    }

    /**
     * The first start: on the probed port, or, when that was taken before PostgreSQL bound it, on
     * another one (five tries).
     */
    private void startOnFreePort() {
        for (int attempt = 1; !tryLaunch(port); attempt++) {
            if (attempt == 5) {
                throw new IllegalStateException("five free ports were taken before PostgreSQL bound them; log:\n"
                        + log());
            }
            port = ServerProcesses.freePort();
        }
    }

    /** pg_ctl start, waiting until the server accepts connections; false when the port was in use. */
    private boolean tryLaunch(int onPort) {
        Path log = dir.resolve("postgres.log");
        long logSize = size(log);
        int status = ServerProcesses.runForStatus(dir, PgCtl.env(dir), dir.resolve("pg_ctl.log"),
                options.startTimeout.plusSeconds(5), PgCtl.command(BIN.resolve("pg_ctl"), "start", "-D", dataDir().toString(),
                        "-l", log.toString(), "-w", "-t", seconds(options.startTimeout), "-s",
                        "-o", "-p " + onPort + " -k " + socketDir()));
        if (status == 0) {
            return true;
        }
        String newLog = tail(log, logSize);
        if (newLog.contains("Address already in use")) {
            return false;
        }
        throw new IllegalStateException("pg_ctl start failed with status " + status + "; pg_ctl.log:\n"
                + Slapd.log(dir.resolve("pg_ctl.log")) + "\npostgres.log:\n" + newLog);
    }

    private void shutdown(String mode) {
        PgCtl.shutdown(dir, mode);
    }

    private void refuseIfShared(String what) {
        if (isShared) {
            throw new IllegalStateException("the shared PostgreSQL is not yours to " + what
                    + ": start a private one with Postgres.start(...)");
        }
    }

    private Path dataDir() {
        return dir.resolve("data");
    }

    private Path socketDir() {
        return dir.resolve("sock");
    }

    private String tlsParameters(String first) {
        if (!options.tls) {
            return "";
        }
        return first + "sslmode=verify-full&sslrootcert="
                + URLEncoder.encode(caFile().toString(), StandardCharsets.UTF_8);
    }

    private static void makeSocketDir(Path dir) throws IOException {
        PgCtl.ownByServerUser(Files.createDirectories(dir.resolve("sock")));
    }

    private static String seconds(Duration duration) {
        return Long.toString(Math.max(1, duration.toSeconds()));
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String tail(Path file, long from) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            int start = (int) Math.min(from, bytes.length);
            return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void requireBinaries() {
        if (!Files.isExecutable(BIN.resolve("initdb")) || !Files.isExecutable(BIN.resolve("pg_basebackup"))) {
            throw new IllegalStateException(BIN + "/initdb not found: install Debian's postgresql-15 (scripts/test does)");
        }
    }

    private static boolean keep() {
        return Boolean.getBoolean("authbridge.postgres.keep");
    }

    // ---------------------------------------------------------------- options

    /** How to build the instance. Fluent and mutable; don't share one between instances. */
    public static final class Options {
        private String database = "authbridge";
        private String user = "authbridge";
        private String password = "authbridge-pg-Secret!";
        private boolean tls;
        private Duration startTimeout = Duration.ofSeconds(20);
        private final Map<String, String> settings = new LinkedHashMap<>();

        private Options() {}

        public Options database(String database) {
            this.database = requireName(database);
            return this;
        }

        public Options user(String user) {
            this.user = requireName(user);
            return this;
        }

        public Options password(String password) {
            this.password = password;
            return this;
        }

        /**
         * {@code ssl=on} with a self-signed certificate for 127.0.0.1 and localhost made for the run;
         * TCP connections without TLS are refused ({@code hostssl}); {@link #caFile()} verifies it.
         */
        public Options tls() {
            this.tls = true;
            return this;
        }

        /** How long {@code pg_ctl start} and {@code promote} may wait (default 20 s). */
        public Options startTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        /** Any {@code postgresql.conf} setting, e.g. {@code setting("max_connections", "50")}. */
        public Options setting(String name, String value) {
            settings.put(requireName(name), value);
            return this;
        }

        private static String requireName(String name) {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not a plain lower-case name: " + name);
            }
            return name;
        }
    }
}
