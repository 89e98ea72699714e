package dev.authbridge.directory;

import dev.authbridge.config.DirectoryConfig;

/** The directory contract against ApacheDS ({@link ApacheDsServer}), without password policy. */
class ApacheDsDirectoryTest extends DirectoryContract {

    private ApacheDsServer server;

    @Override
    protected DirectoryConfig startDirectory() throws Exception {
        server = ApacheDsServer.start(null);
        return DemoFixtures.config(server.url());
    }

    @Override
    protected void stopDirectory() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected void stopListening() {
        server.stopListening();
    }

    @Override
    protected void resumeListening() throws Exception {
        server.resumeListening();
    }
}
