package dev.authbridge.bench;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the local process listening on a TCP port, the way {@code ss -ltnp} does: the listening
 * socket's inode from {@code /proc/net/tcp} and {@code tcp6}, then the process holding a file
 * descriptor {@code socket:[inode]}. Sees only processes the bench may read (same user or root).
 */
final class ListeningProcess {
    private static final String LISTEN = "0A";

    private ListeningProcess() {}

    /** The process listening on {@code host:port} when the host is this machine; empty otherwise. */
    static Optional<Long> find(String host, int port) {
        try {
            InetAddress address = InetAddress.getByName(host);
            boolean local = address.isLoopbackAddress() || address.isAnyLocalAddress()
                    || NetworkInterface.getByInetAddress(address) != null;
            return local ? find(port) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Optional<Long> find(int port) {
        Set<String> inodes = new HashSet<>();
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        for (String table : new String[] {"net/tcp", "net/tcp6"}) {
            for (String[] row : Proc.table(table)) {
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                if (row.length > 9 && row[1].endsWith(hexPort) && row[3].equals(LISTEN)) {
                    inodes.add("socket:[" + row[9] + "]");
                }
            }
        }
        if (inodes.isEmpty()) {
            return Optional.empty();
        }
        File[] processes = new File("/proc").listFiles(f -> f.getName().chars().allMatch(Character::isDigit));
        for (File process : processes == null ? new File[0] : processes) {
            File[] fds = new File(process, "fd").listFiles();
            for (File fd : fds == null ? new File[0] : fds) {
                if (inodes.contains(link(fd.toPath()))) {
                    return Optional.of(Long.parseLong(process.getName()));
                }
            }
        }
        return Optional.empty();
    }

    private static String link(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }
}
