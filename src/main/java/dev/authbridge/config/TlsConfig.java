package dev.authbridge.config;

import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;

/**
 * HTTPS served by authbridge itself ({@code server.tls}). The key store is opened and checked
 * at start-up (it must hold a private key with its certificate chain), so a wrong password or
 * file is a configuration problem, never a failure at the first request.
 *
 * @param keyStoreFile the PKCS#12 file holding the server's private key and certificate chain
 * @param keyStore the loaded key store (the same file, already opened)
 * @param keyPassword the private key's password; the key store's when not set separately
 * @param hstsMaxAge {@code Strict-Transport-Security} max-age sent on HTTPS answers
 *     (RFC 6797 §6.1.1); zero sends no header
 */
public record TlsConfig(
        Path keyStoreFile, KeyStore keyStore, Secret keyStorePassword, Secret keyPassword, Duration hstsMaxAge) {

    public boolean hsts() {
        return !hstsMaxAge.isZero();
    }
}
