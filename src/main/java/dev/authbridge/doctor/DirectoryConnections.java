package dev.authbridge.doctor;

import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import dev.authbridge.config.DirectoryConfig;
import dev.authbridge.config.Secret;
import dev.authbridge.config.TlsMode;
import java.nio.file.Path;
import java.time.Duration;
import java.security.GeneralSecurityException;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * Single connections to one directory URL, made the way authbridge's pools make them
 * ({@code directory.LdapPools}): the configured timeouts, LDAPS or StartTLS, the configured trust
 * store or the JVM's CAs, and the certificate's host name verified (RFC 6125). {@link #insecure}
 * exists only to describe a certificate that failed those checks; nothing is sent over it.
 */
public final class DirectoryConnections {
    private final TlsMode tls;
    private final Path trustStore;
    private final Secret trustStorePassword;
    private final Duration connectTimeout;
    private final Duration responseTimeout;

    public DirectoryConnections(TlsMode tls, Path trustStore, Secret trustStorePassword, Duration connectTimeout,
            Duration responseTimeout) {
        this.tls = tls;
        this.trustStore = trustStore;
        this.trustStorePassword = trustStorePassword;
        this.connectTimeout = connectTimeout;
        this.responseTimeout = responseTimeout;
    }

    /** Connections as the configured directory's. */
    public static DirectoryConnections of(DirectoryConfig config) {
        return new DirectoryConnections(config.tls(), config.trustStore(), config.trustStorePassword(),
                config.connectTimeout(), config.responseTimeout());
    }

    /** A connection to {@code url}, TLS established as configured, not yet bound. */
    public LDAPConnection open(String url) throws LDAPException, GeneralSecurityException {
        return open(new LDAPURL(url), trustManager(), true);
    }

    /** The same connection trusting any certificate, to read what the server presents. */
    LDAPConnection insecure(String url) throws LDAPException, GeneralSecurityException {
        return open(new LDAPURL(url), new TrustAllTrustManager(), false);
    }

    private LDAPConnection open(LDAPURL url, TrustManager trust, boolean verifyHost)
            throws LDAPException, GeneralSecurityException {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(Math.toIntExact(connectTimeout.toMillis()));
        options.setResponseTimeoutMillis(responseTimeout.toMillis());
        if (tls != TlsMode.NONE && verifyHost) {
            options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        }
        SSLContext ssl = tls == TlsMode.NONE ? null : new SSLUtil(trust).createSSLContext();
        if (tls == TlsMode.LDAPS) {
            return new LDAPConnection(ssl.getSocketFactory(), options, url.getHost(), url.getPort());
        }
        LDAPConnection connection = new LDAPConnection(options, url.getHost(), url.getPort());
        if (tls == TlsMode.STARTTLS) {
            try {
                ExtendedResult result = connection.processExtendedOperation(new StartTLSExtendedRequest(ssl));
                if (result.getResultCode() != ResultCode.SUCCESS) {
                    throw new LDAPException(result);
                }
            } catch (LDAPException e) {
                connection.close();
                throw e;
            }
        }
        return connection;
    }

    private TrustManager trustManager() throws GeneralSecurityException {
        if (trustStore == null) {
            return JVMDefaultTrustManager.getInstance();
        }
        String file = trustStore.toString();
        String format = file.toLowerCase(Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12";
        char[] pin = trustStorePassword == null ? null : trustStorePassword.reveal().toCharArray();
        return new TrustStoreTrustManager(trustStore.toFile(), pin, format, true);
    }
}
