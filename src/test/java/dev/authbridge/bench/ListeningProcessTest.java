package dev.authbridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Finding a server's process by the port it listens on. */
class ListeningProcessTest {

    @Test
    void findWhenThisJvmListensThenItsPid() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(Optional.of(ProcessHandle.current().pid()), ListeningProcess.find(server.getLocalPort()));
        }
    }

    @Test
    void findWhenThePortIsOnlyAConnectionsLocalEndThenNothing() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            assertTrue(ListeningProcess.find(client.getLocalPort()).isEmpty());
        }
    }
}
