package dev.authbridge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real TCP peer on loopback that a directory client cannot get an answer from:
 * {@link #silent()} accepts every connection and reads what it is sent, but never writes a byte
 * (a hung directory); {@link #notAccepting()} listens with its accept queue full, so the kernel
 * drops new connection attempts and a connect waits out its timeout (a directory that stopped
 * accepting, or a black-holed port).
 */
public final class UnresponsiveDirectory implements AutoCloseable {
    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private UnresponsiveDirectory(ServerSocket listener) {
        this.listener = listener;
    }

    public static UnresponsiveDirectory silent() {
        UnresponsiveDirectory peer = new UnresponsiveDirectory(listen(50));
        Thread acceptor = new Thread(peer::acceptAndIgnore, "silent-directory");
        acceptor.setDaemon(true);
        acceptor.start();
        return peer;
    }

    /**
     * Listens with a backlog of one and never accepts; connections are opened to it until one
     * cannot be (the queue is full), which proves a client's connect will now hang.
     */
    public static UnresponsiveDirectory notAccepting() {
        UnresponsiveDirectory peer = new UnresponsiveDirectory(listen(1));
        for (int i = 0; i < 64; i++) {
            Socket filler = new Socket();
            peer.sockets.add(filler);
            try {
                filler.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), peer.port()), 300);
            } catch (SocketTimeoutException full) {
                return peer;
            } catch (IOException e) {
                peer.close();
                throw new UncheckedIOException(e);
            }
        }
        peer.close();
        throw new IllegalStateException("the accept queue never filled: connects would not hang");
    }

    public int port() {
        return listener.getLocalPort();
    }

    public String url() {
        return "ldap://127.0.0.1:" + port();
    }

    private static ServerSocket listen(int backlog) {
        try {
            return new ServerSocket(0, backlog, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void acceptAndIgnore() {
        try {
            while (true) {
                Socket socket = listener.accept();
                sockets.add(socket);
                Thread reader = new Thread(() -> drain(socket), "silent-directory-reader");
                reader.setDaemon(true);
                reader.start();
            }
        } catch (IOException closed) {
            // closed by the test
        }
    }

    private static void drain(Socket socket) {
        byte[] buffer = new byte[4096];
        try (InputStream in = socket.getInputStream()) {
            while (in.read(buffer) >= 0) {
                // read and never answer
            }
        } catch (IOException closed) {
            // the client gave up, or the test is over
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
