package dev.authbridge.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One command on haproxy's runtime API (the {@code stats socket}): send a line, read until haproxy
 * closes the connection, within a deadline (a hung haproxy fails the test instead of hanging it).
 */
final class HaproxyRuntime {
    private HaproxyRuntime() {}

    static String command(Path socket, String command, Duration timeout) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                Selector selector = Selector.open()) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new IllegalStateException("haproxy did not answer '" + command + "' within " + timeout);
                }
                selector.select(left);
                selector.selectedKeys().clear();
                int read;
                while ((read = channel.read(buffer)) > 0) {
                    answer.write(buffer.array(), 0, read);
                    buffer.clear();
                }
                if (read < 0) {
                    return answer.toString(StandardCharsets.US_ASCII);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("haproxy's runtime API at " + socket + ": " + e.getMessage(), e);
        }
    }

    /** As {@link #command}, "" when the socket is not there or not answering yet. */
    static String commandQuietly(Path socket, String command, Duration timeout) {
        try {
            return command(socket, command, timeout);
        } catch (RuntimeException notYet) {
            return "";
        }
    }
}
