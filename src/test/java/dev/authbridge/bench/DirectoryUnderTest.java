package dev.authbridge.bench;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import dev.authbridge.testing.DemoDirectory;
import dev.authbridge.testing.Slapd;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The directory authbridge signs users in against during the run, and whose CPU is measured:
 * the embedded one (threads of the authbridge process), an external server (its process, given
 * or found by its listening port), or a private OpenLDAP this bench starts with the demo data
 * ({@link DemoDirectory} on {@link Slapd}, the tests' own).
 */
final class DirectoryUnderTest implements AutoCloseable {
    final String url;
    final boolean embedded;
    final Long pid;
    final String description;
    private final Slapd slapd;

    private DirectoryUnderTest(String url, boolean embedded, Long pid, String description, Slapd slapd) {
        this.url = url;
        this.embedded = embedded;
        this.pid = pid;
        this.description = description;
        this.slapd = slapd;
    }

    /** The embedded in-memory directory inside the server processes. */
    static DirectoryUnderTest embedded(String url) {
        return new DirectoryUnderTest(url, true, null,
                "embedded UnboundID in-memory server at " + url + " (CPU from its threads in the authbridge process)", null);
    }

    /**
     * An external server at {@code url}; its process is {@code pid}, or the local process listening
     * on the URL's port. When that process is one of {@code serverPids}, the directory is embedded.
     */
    static DirectoryUnderTest external(String url, Long pid, List<Long> serverPids) throws LDAPException {
        LDAPURL u = new LDAPURL(url);
        Long found = pid != null ? pid : ListeningProcess.find(u.getHost(), u.getPort()).orElse(null);
        if (found != null && serverPids.contains(found)) {
            return embedded(url);
        }
        String how = found == null ? "its CPU unknown: give --ldap-pid"
                : "pid " + found + (pid == null ? ", found by its port" : "");
        return new DirectoryUnderTest(url, false, found, "external directory at " + url + " (" + how + ")", null);
    }

    /** A private OpenLDAP ({@code /usr/sbin/slapd}) with the demo schema and data, stopped by {@link #close()}. */
    static DirectoryUnderTest startSlapd() throws IOException {
        Slapd slapd = DemoDirectory.start();
        Path pidFile = slapd.dir().resolve("slapd.pid");
        Long pid = Files.isRegularFile(pidFile) ? Long.valueOf(Files.readString(pidFile).strip())
                : ListeningProcess.find(slapd.port()).orElse(null);
        return new DirectoryUnderTest(slapd.url(), false, pid, "OpenLDAP " + version() + " started by the bench at "
                + slapd.url() + " with the demo LDIF (pid " + pid + ")", slapd);
    }

    private static String version() {
        try {
            Process p = new ProcessBuilder(Slapd.SLAPD.toString(), "-VV").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(5, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("slapd (\\d+\\.\\d+\\.\\d+)").matcher(out);
            return m.find() ? m.group(1) : "(version unknown)";
        } catch (IOException e) {
            return "(version unknown)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(version unknown)";
        }
    }

    @Override
    public void close() {
        if (slapd != null) {
            slapd.stop();
        }
    }
}
