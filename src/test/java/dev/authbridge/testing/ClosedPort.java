package dev.authbridge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback port where nothing listens, for as long as this is open: a socket bound to it that
 * never listens, so a connection is refused at once (RST) and no other server can bind the port
 * meanwhile — unlike a port found free, released, and hoped to stay unused.
 */
public final class ClosedPort implements AutoCloseable {
    private final Socket socket;

    private ClosedPort(Socket socket) {
        this.socket = socket;
    }

    /** Binds a socket to 127.0.0.1 on a port the system picks, without listening. */
    public static ClosedPort reserve() {
        Socket socket = new Socket();
        try {
            // Without SO_REUSEADDR: a listener elsewhere cannot share the port either.
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            return new ClosedPort(socket);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing was bound
            }
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** {@code ldap://127.0.0.1:<port>}: a directory that refuses every connection. */
    public String ldapUrl() {
        return "ldap://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
