package dev.authbridge.cli;

import dev.authbridge.App;
import dev.authbridge.config.AuthbridgeConfig;
import dev.authbridge.config.DirectoryConfig;
import dev.authbridge.directory.EmbeddedDirectoryServer;

/**
 * The configured directory, reachable: an external one as configured, or the embedded demo
 * directory started here for the command's duration.
 */
record DirectoryTarget(DirectoryConfig directory, EmbeddedDirectoryServer embedded) implements AutoCloseable {

    static DirectoryTarget of(AuthbridgeConfig config) {
        DirectoryConfig d = config.directory();
        if (d.embedded() == null) {
            return new DirectoryTarget(d, null);
        }
        EmbeddedDirectoryServer server = EmbeddedDirectoryServer.start(d.embedded());
        return new DirectoryTarget(App.withUrl(d, server.ldapUrl()), server);
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
