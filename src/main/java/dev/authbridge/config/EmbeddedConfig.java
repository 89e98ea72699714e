package dev.authbridge.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The in-memory demo directory authbridge starts itself, on loopback.
 *
 * @param port listening port on 127.0.0.1 (0 picks a free one)
 * @param ldif files loaded in order; entries under {@code cn=schema,cn=config} extend the schema
 * @param serviceDn the only account that may search it ({@code directory.bindDn})
 * @param administrators DNs that may also write to it (to load LDIF with {@code seed}); none by default
 */
public record EmbeddedConfig(int port, String baseDn, List<Path> ldif, String serviceDn, List<String> administrators) {

    /** The same directory on another port (0 picks a free one). */
    public EmbeddedConfig withPort(int other) {
        return new EmbeddedConfig(other, baseDn, ldif, serviceDn, administrators);
    }

    /** The same directory with other administrators. */
    public EmbeddedConfig withAdministrators(List<String> other) {
        return new EmbeddedConfig(port, baseDn, ldif, serviceDn, List.copyOf(other));
    }
}
