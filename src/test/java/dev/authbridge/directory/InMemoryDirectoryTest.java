package dev.authbridge.directory;

import dev.authbridge.config.DirectoryConfig;

/** The directory contract against the embedded UnboundID in-memory server. */
class InMemoryDirectoryTest extends DirectoryContract {

    private EmbeddedDirectoryServer server;
    private int port;

    @Override
    protected DirectoryConfig startDirectory() {
        server = EmbeddedDirectoryServer.start(DemoFixtures.embedded(0));
        port = server.port();
        return DemoFixtures.config(server.ldapUrl());
    }

    @Override
    protected void stopDirectory() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected void stopListening() {
        server.close();
    }

    /** A restarted directory: a new server on the same port, loaded from the same files. */
    @Override
    protected void resumeListening() {
        server = EmbeddedDirectoryServer.start(DemoFixtures.embedded(port));
    }
}
