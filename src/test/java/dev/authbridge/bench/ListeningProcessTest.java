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
    void findWhenHostIsThisMachineThenLookedUpOtherwiseNot() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            assertEquals(Optional.of(ProcessHandle.current().pid()), ListeningProcess.find("127.0.0.1", port));
            assertEquals(Optional.of(ProcessHandle.current().pid()), ListeningProcess.find("localhost", port));
            // TEST-NET-1 (RFC 5737): never this machine, so the port says nothing about a process here
            assertTrue(ListeningProcess.find("192.0.2.1", port).isEmpty());
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
