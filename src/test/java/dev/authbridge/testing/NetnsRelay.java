package dev.authbridge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Carries TCP connections from {@code 127.0.0.1:<free port>} into another network namespace:
 * each accepted connection runs {@code nsenter --net=/proc/<pid>/ns/net} with a bash that opens
 * {@code /dev/tcp/127.0.0.1/<target port>} there and copies bytes both ways. Closing either side
 * closes the other.
 */
final class NetnsRelay implements AutoCloseable {

    private final long namespacePid;
    private final int targetPort;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Set<Process> processes = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    NetnsRelay(long namespacePid, int targetPort) {
        this.namespacePid = namespacePid;
        this.targetPort = targetPort;
        try {
            this.listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::acceptLoop, "netns-relay-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                open.add(client);
                relay(client);
            } catch (IOException e) {
                if (!closed) {
                    // a failed accept or spawn drops that one connection; the client sees it closed
                    continue;
                }
            }
        }
    }

    private void relay(Socket client) throws IOException {
        // `wait -n`: whichever direction ends first ends both, so the JVM sees the close. The
        // explicit <&0: bash gives background commands /dev/null as their input otherwise.
        String script = "exec 3<>/dev/tcp/127.0.0.1/" + targetPort + " || exit 1; "
                + "cat <&3 & r=$!; cat <&0 >&3 & w=$!; wait -n; kill $r $w 2>/dev/null; exit 0";
        Process process;
        try {
            process = new ProcessBuilder("nsenter", "--net=/proc/" + namespacePid + "/ns/net", "--",
                    "/bin/bash", "-c", script)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            client.close();
            open.remove(client);
            throw e;
        }
        processes.add(process);
        pump(client.getInputStream(), process.getOutputStream(), client, process);
        pump(process.getInputStream(), client.getOutputStream(), client, process);
    }

    private void pump(InputStream from, OutputStream to, Socket client, Process process) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException ignored) {
                // the other side is gone: close both below
            } finally {
                closeQuietly(client);
                end(process);
                open.remove(client);
                processes.remove(process);
            }
        }, "netns-relay-pump");
        thread.setDaemon(true);
        thread.start();
    }

    /** bash and its two cats, so no copy lingers holding the connection open. */
    private static void end(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        open.forEach(NetnsRelay::closeQuietly);
        processes.forEach(NetnsRelay::end);
    }
}
