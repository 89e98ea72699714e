package dev.authbridge.doctor;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import dev.authbridge.config.DirectoryConfig;
import dev.authbridge.config.TlsMode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * Checks one directory URL: connection (with TLS details), the service account's bind and the
 * root DSE's features. Returns the bound connection for the searches that follow.
 */
final class ServerProbe {
    /** Warn this long before the directory's certificate expires. */
    static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    /** What probing one URL found; {@code connection} is bound and open when not null. */
    record Result(List<Finding> findings, LDAPConnection connection, ServerFeatures features) {}

    private final DirectoryConfig config;
    private final DirectoryConnections connections;
    private final Clock clock;

    ServerProbe(DirectoryConfig config, Clock clock) {
        this.config = config;
        this.connections = DirectoryConnections.of(config);
        this.clock = clock;
    }

    Result probe(String url) {
        List<Finding> findings = new ArrayList<>();
        long started = System.nanoTime();
        LDAPConnection connection;
        try {
            connection = connections.open(url);
        } catch (LDAPException | GeneralSecurityException e) {
            findings.add(connectFailure(url, e));
            return new Result(findings, null, null);
        }
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        findings.add(Finding.ok(url, "connected in " + millis + " ms" + tlsDescription(connection.getSSLSession())));
        certificateExpiry(url, connection.getSSLSession()).ifPresent(findings::add);
        if (config.tls() == TlsMode.NONE && !isLoopback(url)) {
            findings.add(Finding.warn(url, "plain LDAP: the service account's and users' passwords cross the network readable",
                    "set directory.tls: starttls (ldap:// URLs) or ldaps (ldaps:// URLs)"));
        }
        if (!bind(url, connection, findings)) {
            connection.close();
            return new Result(findings, null, null);
        }
        ServerFeatures features;
        try {
            RootDSE dse = connection.getRootDSE();
            features = ServerFeatures.of(dse);
            findings.add(Finding.ok(url, features.describe()));
            findings.addAll(features.advice(config, url));
        } catch (LDAPException e) {
            findings.add(Finding.warn(url, "cannot read the root DSE (" + e.getResultCode().getName() + "): features unknown",
                    "allow the service account to read the root DSE (\"\")"));
            features = ServerFeatures.UNKNOWN;
        }
        return new Result(findings, connection, features);
    }

    private boolean bind(String url, LDAPConnection connection, List<Finding> findings) {
        if (config.bindDn() == null) {
            findings.add(Finding.warn(url, "no service account: users and groups are searched anonymously",
                    "set directory.bindDn and directory.bindPassword, unless the directory lets anonymous clients read users and groups"));
            return true;
        }
        try {
            connection.bind(config.bindDn(), config.bindPassword().reveal());
            findings.add(Finding.ok(url, "bound as " + config.bindDn()));
            return true;
        } catch (LDAPException e) {
            String fix = e.getResultCode() == ResultCode.INVALID_CREDENTIALS
                    ? "check directory.bindDn and directory.bindPassword (the account may also be locked or expired)"
                    : "see the directory's log for why it refused the bind";
            findings.add(Finding.fail(url, "the service account " + config.bindDn() + " cannot bind ("
                    + e.getResultCode().getName() + ")", fix));
            return false;
        }
    }

    private Finding connectFailure(String url, Exception e) {
        Throwable tls = cause(e, SSLException.class);
        if (tls == null && e instanceof LDAPException ldap && ldap.getResultCode() == ResultCode.CONNECT_ERROR
                && config.tls() == TlsMode.STARTTLS && ldap.getMessage() != null && ldap.getMessage().contains("StartTLS")) {
            tls = e;
        }
        if (tls == null && !(e instanceof GeneralSecurityException)) {
            return Finding.fail(url, "cannot connect (" + reason(e) + ")",
                    "check the host name and port, that the directory runs, and that no firewall blocks authbridge (directory.connectTimeout: "
                            + config.connectTimeout().toSeconds() + "s)");
        }
        return Finding.fail(url, "TLS failed (" + reason(tls == null ? e : tls) + ")" + presentedCertificate(url),
                "trust the directory's CA (directory.trustStore, a PKCS#12 file) and use a URL host name the certificate lists");
    }

    /** Reads the certificate over a connection that trusts anything, only to describe it. */
    private String presentedCertificate(String url) {
        try (LDAPConnection insecure = connections.insecure(url)) {
            SSLSession session = insecure.getSSLSession();
            if (session == null) {
                return "";
            }
            X509Certificate cert = (X509Certificate) session.getPeerCertificates()[0];
            return "; the server presents subject '" + cert.getSubjectX500Principal().getName() + "', issuer '"
                    + cert.getIssuerX500Principal().getName() + "', names " + Certificates.names(cert)
                    + ", valid until " + cert.getNotAfter().toInstant();
        } catch (Exception e) {
            return "";
        }
    }

    private java.util.Optional<Finding> certificateExpiry(String url, SSLSession session) {
        X509Certificate cert = peer(session);
        if (cert == null) {
            return java.util.Optional.empty();
        }
        Instant notAfter = cert.getNotAfter().toInstant();
        if (notAfter.isBefore(clock.instant().plus(EXPIRY_WARNING))) {
            return java.util.Optional.of(Finding.warn(url, "the directory's certificate expires " + notAfter,
                    "renew the directory's certificate before then"));
        }
        return java.util.Optional.empty();
    }

    private static String tlsDescription(SSLSession session) {
        X509Certificate cert = peer(session);
        if (session == null || cert == null) {
            return " (no TLS)";
        }
        return " (" + session.getProtocol() + ", " + session.getCipherSuite() + "; certificate '"
                + cert.getSubjectX500Principal().getName() + "' issued by '" + cert.getIssuerX500Principal().getName()
                + "', valid until " + cert.getNotAfter().toInstant() + ")";
    }

    private static X509Certificate peer(SSLSession session) {
        if (session == null) {
            return null;
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            return null;
        }
    }

    private static boolean isLoopback(String url) {
        try {
            return InetAddress.getByName(new LDAPURL(url).getHost()).isLoopbackAddress();
        } catch (LDAPException | UnknownHostException e) {
            return false;
        }
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        if (e instanceof LDAPException ldap && root == e) {
            return ldap.getResultCode().getName() + (ldap.getDiagnosticMessage() == null ? "" : ": " + ldap.getDiagnosticMessage());
        }
        return message;
    }

    private static Throwable cause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }
}
