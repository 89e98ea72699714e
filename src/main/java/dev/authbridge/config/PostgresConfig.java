package dev.authbridge.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The PostgreSQL store ({@code store.url} and the keys beside it), validated at boot.
 *
 * @param jdbcUrl pgjdbc's URL ({@code jdbc:postgresql://host:port[,host:port…]/db?…}) with no
 *     credential, timeout nor TLS parameter in it: those come from the fields below
 * @param location the hosts and database, for messages and logs
 * @param connectTimeout bounds every wait for the database: a pooled connection, a new
 *     connection, and each statement (server-side {@code statement_timeout} and the socket's
 *     read timeout), so a stopped or hung server is a 503 after this long, never a hang
 * @param sslRootCert the CA file the server's certificate must chain to; null when none is given
 */
public record PostgresConfig(String jdbcUrl, String location, String user, Secret password, int poolSize,
        Duration connectTimeout, SslMode sslMode, Path sslRootCert) {

    /** {@code store.sslMode}: pgjdbc's {@code sslmode} values, the ones worth choosing. */
    public enum SslMode {
        /** No TLS: only for a server on the same host or a private link. */
        DISABLE("disable"),
        /** TLS, the server's certificate not checked (the default without {@code sslRootCert}). */
        REQUIRE("require"),
        /** TLS, the certificate must chain to {@code sslRootCert}. */
        VERIFY_CA("verify-ca"),
        /** TLS, the certificate must chain to {@code sslRootCert} and name the host (the default with it). */
        VERIFY_FULL("verify-full");

        private final String value;

        SslMode(String value) {
            this.value = value;
        }

        /** The value of pgjdbc's {@code sslmode} (and of this key). */
        public String value() {
            return value;
        }

        static SslMode parse(String text) {
            for (SslMode mode : values()) {
                if (mode.value.equals(text)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException(text);
        }
    }
}
