package dev.authbridge.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real, small filesystem of its own — a tmpfs mounted for the test — that a test can fill to
 * the last byte and free again: what a full disk does to SQLite and to the audit log, without
 * filling the machine's disk. Mounting needs root, as {@code scripts/test} and CI run; where it
 * cannot be mounted, {@link #mount} fails the test loudly (it is never skipped).
 */
public final class SmallDisk implements AutoCloseable {
    private final Path root;
    private final Path filler;

    private SmallDisk(Path root) {
        this.root = root;
        this.filler = root.resolve("filler");
    }

    /** Mounts a tmpfs of {@code megabytes} MiB on a new temporary directory. */
    public static SmallDisk mount(int megabytes) {
        Path root;
        try {
            root = Files.createTempDirectory("authbridge-small-disk");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String out = run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m,mode=0700", "tmpfs", root.toString());
        if (out != null) {
            throw new IllegalStateException("cannot mount a " + megabytes + " MiB tmpfs on " + root + " (" + out.strip()
                    + "): this test needs root to make a real full disk — run scripts/test as root (CI does)");
        }
        return new SmallDisk(root);
    }

    public Path root() {
        return root;
    }

    /** Writes a file until the filesystem refuses another byte. */
    public void fill() {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (int i = 0; i < 100_000; i++) {
                out.write(chunk);
            }
        } catch (IOException full) {
            fillTheLastBytes();
            return;
        }
        throw new IllegalStateException(root + " never filled up");
    }

    /** Byte by byte up to the end: a partly filled last block would still take small writes. */
    private void fillTheLastBytes() {
        try (OutputStream out = Files.newOutputStream(root.resolve("filler-tail"))) {
            for (int i = 0; i < 1_000_000; i++) {
                out.write(0);
                out.flush();
            }
        } catch (IOException full) {
            return;
        }
        throw new IllegalStateException(root + " never filled up");
    }

    /** Deletes what {@link #fill} wrote. */
    public void free() {
        try {
            Files.deleteIfExists(filler);
            Files.deleteIfExists(root.resolve("filler-tail"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        String out = run("umount", root.toString());
        if (out != null) {
            run("umount", "-l", root.toString());
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // left in the temporary directory
        }
    }

    /** Runs a command; null when it succeeded, else what it printed. */
    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return String.join(" ", command) + ": no answer within 10 s";
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.exitValue() == 0 ? null : out + " (exit " + p.exitValue() + ")";
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
