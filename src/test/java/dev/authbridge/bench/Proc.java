package dev.authbridge.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the benchmark reads from Linux's {@code /proc} (proc(5)): a process's or a thread's CPU
 * time, a thread's name, memory from {@code status}, a command line. A process that is gone
 * reads as NaN, 0 or empty, never as an exception: servers may exit while they are measured.
 */
final class Proc {
    /** USER_HZ, the unit of every CPU time in /proc ({@code getconf CLK_TCK}; 100 on Linux). */
    static final double TICKS_PER_SECOND = clockTicks();

    private static final Path ROOT = Path.of("/proc");

    private Proc() {}

    /** utime + stime of a process (all its threads, live and dead), in seconds; NaN when gone. */
    static double processSeconds(long pid) {
        return statSeconds(ROOT.resolve(Long.toString(pid)).resolve("stat"));
    }

    /** utime + stime of one thread, in seconds; NaN when gone. */
    static double threadSeconds(long pid, long tid) {
        return statSeconds(task(pid, tid).resolve("stat"));
    }

    /** The thread's name as the kernel keeps it (15 bytes at most; Java sets it from Thread.getName()). */
    static String threadName(long pid, long tid) {
        return read(task(pid, tid).resolve("comm")).strip();
    }

    /** The ids of a process's live threads. */
    static long[] threadIds(long pid) {
        String[] names = ROOT.resolve(Long.toString(pid)).resolve("task").toFile().list();
        return names == null ? new long[0] : Arrays.stream(names).mapToLong(Long::parseLong).toArray();
    }

    /** A {@code /proc/<pid>/status} value in kB ({@code VmHWM}: peak resident memory); 0 when gone. */
    static long statusKb(long pid, String key) {
        for (String line : read(ROOT.resolve(Long.toString(pid)).resolve("status")).split("\n")) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    /** The process's arguments ({@code argv}); empty when gone. */
    static List<String> commandLine(long pid) {
        String raw = read(ROOT.resolve(Long.toString(pid)).resolve("cmdline"));
        return raw.isEmpty() ? List.of() : List.of(raw.split("\0"));
    }

    static boolean alive(long pid) {
        return Files.isDirectory(ROOT.resolve(Long.toString(pid)));
    }

    /** A file of /proc itself ({@code stat}, {@code loadavg}, {@code cpuinfo}, {@code net/tcp}); "" when unreadable. */
    static String read(String name) {
        return read(ROOT.resolve(name));
    }

    /** utime (field 14) + stime (field 15) of a stat line; the name in parentheses may hold spaces. */
    static double parseStatSeconds(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    }

    private static double statSeconds(Path file) {
        String stat = read(file);
        return stat.isEmpty() ? Double.NaN : parseStatSeconds(stat);
    }

    private static Path task(long pid, long tid) {
        return ROOT.resolve(Long.toString(pid)).resolve("task").resolve(Long.toString(tid));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    private static double clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return Double.parseDouble(out);
            }
        } catch (IOException | NumberFormatException e) {
            // fall through to Linux's fixed USER_HZ
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }

    /** Lines of a /proc table such as {@code net/tcp}, header dropped, fields split on blanks. */
    static List<String[]> table(String name) {
        List<String[]> rows = new ArrayList<>();
        String[] lines = read(name).split("\n");
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.isEmpty()) {
                rows.add(line.split("\\s+"));
            }
        }
        return rows;
    }
}
