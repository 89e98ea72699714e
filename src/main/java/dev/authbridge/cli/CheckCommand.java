package dev.authbridge.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.authbridge.api.Json;
import dev.authbridge.config.AuthbridgeConfig;
import dev.authbridge.config.Secret;
import dev.authbridge.directory.LoginName;
import dev.authbridge.directory.Tenants;
import dev.authbridge.doctor.DirectoryDoctor;
import dev.authbridge.doctor.Finding;
import dev.authbridge.userinfo.UserInfoService;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code authbridge check}: the directory doctor. Prints one line per finding (problems with
 * their fix) and, with {@code --user}, that user's {@code /userinfo}. Exit 0 only when nothing
 * failed ({@code --strict}: nothing to warn about either).
 */
@Command(name = "check",
        description = "Check the configuration and the directory: every URL (TLS, service account bind, features), "
                + "the user and group searches of every tenant, and optionally one user's /userinfo and password. "
                + "Exit 0 only when nothing failed.")
final class CheckCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Mixin
    ConfigOption config;

    @Option(names = "--user", paramLabel = "TENANT\\NAME",
            description = "show this user as /userinfo would (a bare name: the default tenant; \\name: outside every tenant)")
    String user;

    @Option(names = "--password", description = "with --user: also test the password (prompted, or one line of standard input)")
    boolean password;

    @Option(names = "--password-file", paramLabel = "FILE", description = "with --user: test the password in FILE")
    Path passwordFile;

    @Option(names = "--strict", description = "fail on warnings too")
    boolean strict;

    CheckCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        if ((password || passwordFile != null) && user == null) {
            throw new CommandFailure(CommandFailure.USAGE, "--password needs --user");
        }
        AuthbridgeConfig cfg = config.load(terminal);
        print(Finding.ok("configuration", config.file + " is valid (tenants: " + cfg.tenants().size()
                + ", clients: " + cfg.clients().size() + ")"));
        LoginName login = user == null ? null : Tenants.of(cfg).parse(user);
        Secret secret = password || passwordFile != null
                ? PasswordInput.read(terminal, "password of " + user + ": ", passwordFile)
                : null;
        DirectoryDoctor.Report report;
        try (DirectoryTarget target = DirectoryTarget.of(cfg)) {
            if (target.embedded() != null) {
                print(Finding.ok("directory", "the embedded demo directory, started for this check at "
                        + target.embedded().ldapUrl()));
            }
            report = new DirectoryDoctor(cfg, target.directory(), terminal.clock()).examine(login, secret);
        }
        report.findings().forEach(this::print);
        if (report.user() != null) {
            terminal.out().println("/userinfo of " + login + ":");
            terminal.out().println(pretty(UserInfoService.cloud(report.user(), cfg.environmentId().toString())));
        }
        long failed = report.findings().stream().filter(f -> f.level() == Finding.Level.FAIL).count();
        long warned = report.findings().stream().filter(f -> f.level() == Finding.Level.WARN).count();
        if (failed == 0 && warned == 0) {
            terminal.out().println("all checks passed");
        } else {
            terminal.out().println(failed + " problems, " + warned + " warnings");
        }
        return failed > 0 || (strict && warned > 0) ? CommandFailure.FAILED : 0;
    }

    private void print(Finding finding) {
        terminal.out().println(finding.line());
    }

    private static String pretty(Object value) {
        try {
            return Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
