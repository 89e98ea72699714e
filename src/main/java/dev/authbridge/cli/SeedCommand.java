package dev.authbridge.cli;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import dev.authbridge.config.AuthbridgeConfig;
import dev.authbridge.config.DirectoryConfig;
import dev.authbridge.config.Secret;
import dev.authbridge.config.TlsMode;
import dev.authbridge.doctor.DirectoryConnections;
import dev.authbridge.seed.LdifSeeder;
import dev.authbridge.seed.PasswordScheme;
import dev.authbridge.seed.SeedChange;
import dev.authbridge.seed.SeedOptions;
import dev.authbridge.seed.SeedReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code authbridge seed}: loads LDIF files into a directory — the configured one (its URLs, TLS
 * and trust store, and the service account unless {@code --bind-dn} says otherwise) or the one
 * named by {@code --url}. Prints each change; a second run prints none.
 */
@Command(name = "seed", sortOptions = false,
        description = "Load LDIF files into a directory: add missing entries (and their parents), update existing "
                + "ones (--replace: make them exactly as written), hash plaintext userPassword values. "
                + "Idempotent: a second run changes nothing.")
final class SeedCommand implements Callable<Integer> {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);

    private final Terminal terminal;

    @Mixin
    ConfigOption config;

    @Parameters(paramLabel = "LDIF", arity = "1..*", description = "LDIF files, loaded in this order")
    List<Path> files;

    @Option(names = "--url", paramLabel = "URL", description = "the directory (ldap:// or ldaps://) instead of the configured one")
    String url;

    @Option(names = "--tls", paramLabel = "MODE", description = "with --url: none, starttls or ldaps (default: ldaps for ldaps:// URLs, else none)")
    TlsMode tls;

    @Option(names = "--trust-store", paramLabel = "FILE", description = "with --url: PKCS#12 or JKS file of trusted CAs (default: the JVM's)")
    Path trustStore;

    @Option(names = "--trust-store-password-file", paramLabel = "FILE", description = "its password")
    Path trustStorePasswordFile;

    @Option(names = {"-D", "--bind-dn"}, paramLabel = "DN", description = "bind as this DN (default: the configured service account)")
    String bindDn;

    @Option(names = {"-y", "--bind-password-file"}, paramLabel = "FILE", description = "the bind password, from FILE (else prompted, or one line of standard input)")
    Path bindPasswordFile;

    @Option(names = "--replace", description = "make existing entries exactly as in the LDIF (attributes it lacks are removed)")
    boolean replace;

    @Option(names = {"-n", "--dry-run"}, description = "print what would change; write nothing")
    boolean dryRun;

    @Option(names = "--hash", paramLabel = "SCHEME", defaultValue = "auto",
            description = "plaintext userPassword values: auto (the server's scheme via Password Modify when offered, else ssha512), "
                    + "server, ssha512, ssha256, ssha, none (store as written). Hashed values are always left as they are.")
    PasswordScheme hash;

    @Option(names = {"-v", "--verbose"}, description = "also list unchanged entries")
    boolean verbose;

    SeedCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws IOException {
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                throw new CommandFailure(CommandFailure.USAGE, "authbridge seed: cannot read " + file);
            }
        }
        if (url == null && (tls != null || trustStore != null || trustStorePasswordFile != null)) {
            throw new CommandFailure(CommandFailure.USAGE,
                    "authbridge seed: --tls and --trust-store go with --url (without it, the configuration's are used)");
        }
        Target target = url != null ? fromFlags() : fromConfig(config.load(terminal));
        terminal.out().println("seed " + target.url + (target.bindDn == null ? " (anonymous)" : " as " + target.bindDn)
                + (dryRun ? " — dry run, nothing is written" : ""));
        SeedReport report;
        try (LDAPConnection connection = target.connections.open(target.url)) {
            if (target.bindDn != null) {
                connection.bind(target.bindDn, target.password.reveal());
            }
            report = new LdifSeeder(connection, () -> target.connections.open(target.url),
                    new SeedOptions(replace, dryRun, hash)).seed(files);
        } catch (LDAPException e) {
            throw new CommandFailure(CommandFailure.FAILED, "authbridge seed: " + target.url + ": " + e.getResultCode().getName()
                    + (e.getDiagnosticMessage() == null ? "" : " (" + e.getDiagnosticMessage() + ")")
                    + " — fix: check --url, --bind-dn and the password");
        } catch (GeneralSecurityException e) {
            throw new CommandFailure(CommandFailure.FAILED, "authbridge seed: TLS setup failed: " + e.getMessage());
        }
        report.notes().forEach(n -> terminal.out().println("note    " + n));
        for (SeedChange change : report.changes()) {
            if (verbose || change.kind() != SeedChange.Kind.UNCHANGED) {
                terminal.out().println(change.line());
            }
        }
        report.problems().forEach(p -> terminal.err().println("FAIL    " + p));
        terminal.out().println(report.summary() + (report.changed() ? "" : " — no change")
                + (dryRun && report.changed() ? " (dry run: nothing written)" : ""));
        return report.ok() ? 0 : CommandFailure.FAILED;
    }

    private record Target(String url, DirectoryConnections connections, String bindDn, Secret password) {}

    private Target fromFlags() {
        LDAPURL parsed;
        try {
            parsed = new LDAPURL(url);
        } catch (LDAPException e) {
            throw new CommandFailure(CommandFailure.USAGE, "authbridge seed: '" + url + "' is not an LDAP URL");
        }
        boolean ldaps = parsed.getScheme().toLowerCase(Locale.ROOT).equals("ldaps");
        TlsMode mode = tls != null ? tls : ldaps ? TlsMode.LDAPS : TlsMode.NONE;
        if ((mode == TlsMode.LDAPS) != ldaps) {
            throw new CommandFailure(CommandFailure.USAGE, "authbridge seed: --tls " + mode.name().toLowerCase(Locale.ROOT)
                    + " does not fit " + url + " (ldaps:// with ldaps, ldap:// otherwise)");
        }
        Secret trustPassword = trustStorePasswordFile == null ? null
                : PasswordInput.read(terminal, "", trustStorePasswordFile);
        Secret password = bindDn == null ? null : PasswordInput.read(terminal, "password of " + bindDn + ": ", bindPasswordFile);
        return new Target(url, new DirectoryConnections(mode, trustStore, trustPassword, CONNECT_TIMEOUT, RESPONSE_TIMEOUT),
                bindDn, password);
    }

    private Target fromConfig(AuthbridgeConfig cfg) {
        DirectoryConfig d = cfg.directory();
        if (d.embedded() != null) {
            throw new CommandFailure(CommandFailure.USAGE, List.of(
                    "authbridge seed: " + config.file + " uses the embedded demo directory, which loads its LDIF at every start;",
                    "  pass --url (and --bind-dn) for the directory to seed"));
        }
        DirectoryConnections connections = new DirectoryConnections(d.tls(), d.trustStore(), d.trustStorePassword(),
                d.connectTimeout(), RESPONSE_TIMEOUT);
        String dn = bindDn != null ? bindDn : d.bindDn();
        Secret password = bindDn != null
                ? PasswordInput.read(terminal, "password of " + bindDn + ": ", bindPasswordFile)
                : d.bindPassword();
        List<String> unreachable = new ArrayList<>();
        for (String candidate : d.urls()) {
            try (LDAPConnection probe = connections.open(candidate)) {
                return new Target(candidate, connections, dn, password);
            } catch (LDAPException | GeneralSecurityException e) {
                unreachable.add("  " + candidate + ": " + e.getMessage());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("authbridge seed: no configured directory URL answers — fix: run 'authbridge check' for details");
        lines.addAll(unreachable);
        throw new CommandFailure(CommandFailure.FAILED, lines);
    }
}
