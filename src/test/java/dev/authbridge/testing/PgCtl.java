package dev.authbridge.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * PostgreSQL's own tools as {@link Postgres} runs them: as {@link #SERVER_USER} through
 * {@code setpriv} when the JVM is root (the server refuses root), with HOME inside the instance
 * directory (no {@code ~/.pgpass} of root's) and C messages (logs are read for errors). Also the
 * per-JVM initdb template and stopping a server found by its {@code postmaster.pid}.
 */
final class PgCtl {
    static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    static final String SERVER_USER = "postgres";
    static final String SUPERUSER = "postgres";
    static final boolean ROOT = isRoot();

    /** A freshly initdb'd, never started data directory and its superuser's password. */
    record Template(Path data, String superuserPassword) {}

    private static Template template;

    private static final Path SHM = Path.of("/dev/shm");
    private static final long SHM_NEEDED = 1024L * 1024 * 1024;

    private PgCtl() {}

    /**
     * Where instance directories go: {@code /dev/shm} (memory) when it has 1 GiB free, since a
     * cluster on this machine's disk takes seconds to copy and to start and in memory a tenth of a
     * second; else {@code java.io.tmpdir}. {@code -Dauthbridge.postgres.tmpdir} decides instead.
     */
    static Path baseDir() {
        String chosen = System.getProperty("authbridge.postgres.tmpdir");
        if (chosen != null) {
            return Path.of(chosen);
        }
        try {
            if (Files.isDirectory(SHM) && Files.isWritable(SHM) && Files.getFileStore(SHM).getUsableSpace() > SHM_NEEDED) {
                return SHM;
            }
        } catch (IOException notUsable) {
            // fall through
        }
        return ServerProcesses.tmpDir();
    }

    /** Stops and deletes the instances (and templates) of JVMs that died without their shutdown hooks. */
    static void reapOrphans(String dirPrefix) {
        for (Path base : new LinkedHashSet<>(List.of(baseDir(), SHM, ServerProcesses.tmpDir()))) {
            if (Files.isDirectory(base)) {
                ServerProcesses.reapOrphans(base, dirPrefix, orphan -> shutdown(orphan, "immediate"));
            }
        }
    }

    /** One initdb per JVM (a second saved per instance, which copies it); deleted at JVM exit. */
    static synchronized Template template(String dirPrefix) throws IOException {
        if (template != null && Files.isDirectory(template.data())) {
            return template;
        }
        Path dir = ServerProcesses.ownedTempDir(baseDir(), dirPrefix);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Slapd.deleteTree(dir), "postgres-template-cleanup"));
        ownByServerUser(dir);
        String superuserPassword = UUID.randomUUID().toString();
        Path passwordFile = dir.resolve("superuser.pw");
        Files.writeString(passwordFile, superuserPassword + "\n");
        ownByServerUser(passwordFile);
        try {
            run(dir, "initdb.log", Duration.ofSeconds(60), "initdb", "-D", dir.resolve("data").toString(),
                    "-U", SUPERUSER, "--pwfile=" + passwordFile, "--auth-local=trust", "--auth-host=scram-sha-256",
                    "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions");
        } finally {
            Files.deleteIfExists(passwordFile);
        }
        template = new Template(dir.resolve("data"), superuserPassword);
        return template;
    }

    /** {@code pg_ctl stop -m <mode>} on the instance in {@code instanceDir}, when its server runs. */
    static void shutdown(Path instanceDir, String mode) {
        if (postmasterAlive(instanceDir)) {
            run(instanceDir, "pg_ctl.log", Duration.ofSeconds(35), "pg_ctl", "stop",
                    "-D", instanceDir.resolve("data").toString(), "-m", mode, "-w", "-t", "30", "-s");
        }
    }

    /** Whether the pid in {@code data/postmaster.pid} is a live process (the file outlives a SIGKILL). */
    static boolean postmasterAlive(Path instanceDir) {
        Path pidFile = instanceDir.resolve("data").resolve("postmaster.pid");
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | RuntimeException absentOrHalfWritten) {
            return false;
        }
    }

    static void ownByServerUser(Path path) throws IOException {
        if (ROOT) {
            PostgresFiles.chown(path, SERVER_USER);
        }
    }

    /** Runs {@code BIN/tool args…} in {@code dir}, output appended to {@code dir/logName}; throws unless status 0. */
    static void run(Path dir, String logName, Duration timeout, String tool, String... args) {
        ServerProcesses.run(dir, env(dir), dir.resolve(logName), timeout, command(BIN.resolve(tool), args));
    }

    /** {@code program args…}, through setpriv as {@link #SERVER_USER} when root. */
    static List<String> command(Path program, String... args) {
        List<String> command = new ArrayList<>();
        if (ROOT) {
            command.addAll(List.of("setpriv", "--reuid=" + SERVER_USER, "--regid=" + SERVER_USER, "--init-groups",
                    "--"));
        }
        command.add(program.toString());
        command.addAll(List.of(args));
        return command;
    }

    static Map<String, String> env(Path dir) {
        return Map.of("HOME", dir.toString(), "LC_ALL", "C", "LANG", "C");
    }

    private static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | RuntimeException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
