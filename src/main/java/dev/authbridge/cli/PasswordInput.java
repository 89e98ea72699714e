package dev.authbridge.cli;

import dev.authbridge.config.Secret;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a password the way administrators expect from LDAP tools: from a file, or typed at a
 * prompt without echo, or (no console: a script or a pipe) as one line of standard input.
 * Never from the command line itself, where every user of the machine could read it in the
 * process list.
 */
final class PasswordInput {
    private PasswordInput() {}

    static Secret read(Terminal terminal, String prompt, Path file) {
        String value;
        if (file != null) {
            try {
                value = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CommandFailure(CommandFailure.USAGE, "cannot read the password file " + file + ": " + e.getMessage());
            }
        } else if (terminal.console() != null) {
            char[] typed = terminal.console().readPassword("%s", prompt);
            value = typed == null ? "" : new String(typed);
        } else {
            try {
                String line = new BufferedReader(new InputStreamReader(terminal.in(), StandardCharsets.UTF_8)).readLine();
                value = line == null ? "" : line;
            } catch (IOException e) {
                throw new CommandFailure(CommandFailure.USAGE, "cannot read the password from standard input");
            }
        }
        // One trailing line end is the file's or the pipe's, not the password's.
        value = value.replaceFirst("\r?\n\\z", "");
        if (value.isEmpty()) {
            throw new CommandFailure(CommandFailure.USAGE, "the password is empty");
        }
        return new Secret(value);
    }
}
