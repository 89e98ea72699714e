package dev.authbridge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The TCP connections open on this machine's loopback, read as {@code ss} reads them: from
 * {@code /proc/net/tcp} and {@code /proc/net/tcp6} (Linux; every socket of the network namespace,
 * whichever process holds it). For tests that a server sees no connection left open: a server's
 * own API seldom tells (UnboundID's in-memory server does not), the kernel always does.
 */
public final class LoopbackConnections {
    private static final String ESTABLISHED = "01";
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

    private LoopbackConnections() {}

    /**
     * Established connections to {@code port} on a loopback address, counted at their client end
     * (a connection within this machine has both ends in the table: only the one whose remote end
     * is {@code port} counts).
     */
    public static int establishedTo(int port) {
        int count = 0;
        for (Path table : TABLES) {
            List<String> rows;
            try {
                rows = Files.readAllLines(table);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + table + " (the check needs Linux)", e);
            }
            for (String row : rows.subList(1, rows.size())) {
                // sl local_address rem_address st ...: addresses are HEXADDRESS:HEXPORT
                String[] columns = row.trim().split("\\s+");
                String[] remote = columns[2].split(":");
                if (columns[3].equals(ESTABLISHED) && Integer.parseInt(remote[1], 16) == port
                        && isLoopback(remote[0])) {
                    count++;
                }
            }
        }
        return count;
    }

    /** The kernel prints an address as 32-bit words in host (little-endian) byte order. */
    private static boolean isLoopback(String hex) {
        byte[] address = new byte[hex.length() / 2];
        for (int word = 0; word < address.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = (word * 4 + 3 - i) * 2;
                address[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        try {
            // An IPv4-mapped IPv6 address (Java's dual-stack sockets) comes back as IPv4.
            return InetAddress.getByAddress(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("not an address: " + hex, e);
        }
    }
}
