package dev.authbridge.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The SQLite token store.
 *
 * @param purgeInterval how often expired rows are deleted
 */
public record StoreConfig(Path path, Duration busyTimeout, Duration purgeInterval) {}
