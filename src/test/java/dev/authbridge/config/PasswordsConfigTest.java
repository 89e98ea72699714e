package dev.authbridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The {@code passwords} section: defaults, strategy names, and what it may not be. */
class PasswordsConfigTest {

    private static final String MINIMAL = """
            environmentId: 0e3c4a35-5d52-4b8e-9f0f-2f6d1c7f3a10
            directory:
              urls: [ldap://ldap.example.com:389]
              users:
                baseDn: ou=people,dc=example,dc=com
            """;

    private static AuthbridgeConfig parse(String yaml) {
        return new ConfigLoader(Map.of()).parse(yaml, Path.of("").toAbsolutePath());
    }

    private static List<String> problems(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml)).problems();
    }

    @Test
    void parseWhenNoPasswordsSectionThenAutoAndRevokeOthers() {
        assertEquals(PasswordsConfig.DEFAULTS, parse(MINIMAL).passwords());
        assertEquals(PasswordChangeStrategy.AUTO, parse(MINIMAL).passwords().changeStrategy());
        assertTrue(parse(MINIMAL).passwords().revokeOtherSessionsOnChange());
    }

    @ParameterizedTest
    @CsvSource({"auto, AUTO", "passwordModify, PASSWORD_MODIFY", "PASSWORDMODIFY, PASSWORD_MODIFY",
            "modify, MODIFY", "replace, REPLACE"})
    void parseWhenChangeStrategyThenThatStrategy(String value, PasswordChangeStrategy expected) {
        PasswordsConfig passwords = parse(MINIMAL + "passwords:\n  changeStrategy: " + value
                + "\n  revokeOtherSessionsOnChange: false\n").passwords();

        assertEquals(expected, passwords.changeStrategy());
        assertFalse(passwords.revokeOtherSessionsOnChange());
    }

    @Test
    void parseWhenActiveDirectoryOverTlsThenAccepted() {
        String yaml = MINIMAL.replace("ldap://ldap.example.com:389", "ldaps://dc1.corp.example.com:636")
                .replace("directory:\n", "directory:\n  tls: ldaps\n")
                + "passwords:\n  changeStrategy: activeDirectory\n";

        assertEquals(PasswordChangeStrategy.ACTIVE_DIRECTORY, parse(yaml).passwords().changeStrategy());
    }

    @Test
    void parseWhenActiveDirectoryWithoutTlsThenProblemNamingTheFix() {
        List<String> problems = problems(MINIMAL + "passwords:\n  changeStrategy: activeDirectory\n");

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("passwords.changeStrategy:"), problems.get(0));
        assertTrue(problems.get(0).contains("directory.tls"), problems.get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"changeStrategy: sometimes", "changeStrategy: ''", "revokeOtherSessionsOnChange: maybe",
            "colour: blue"})
    void parseWhenBadValueOrUnknownKeyThenProblemWithItsPath(String line) {
        List<String> problems = problems(MINIMAL + "passwords:\n  " + line + "\n");

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("passwords."), problems.get(0));
    }
}
