package dev.authbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldif.LDIFException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The account states read from an entry, for sign-ins without a bind ({@link Directory#lookUp}). */
class AccountStatesTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    /** 2011-12-14 and 2100-01-01 in Windows FILETIME. */
    private static final String PAST = "129682000000000000";
    private static final String FUTURE = "157469184000000000";

    private static PasswordReason state(String... attributes) {
        String[] lines = new String[attributes.length + 1];
        lines[0] = "dn: uid=someone,dc=example,dc=com";
        System.arraycopy(attributes, 0, lines, 1, attributes.length);
        try {
            return AccountStates.of(new Entry(lines), NOW);
        } catch (LDIFException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "userAccountControl: 512 | none",
            "userAccountControl: 514 | ACCOUNT_DISABLED",
            "userAccountControl: 66050 | ACCOUNT_DISABLED",
            "userAccountControl: garbage | none",
            "accountExpires: 0 | none",
            "accountExpires: 9223372036854775807 | none",
            "accountExpires: " + FUTURE + " | none",
            "accountExpires: " + PAST + " | ACCOUNT_EXPIRED",
            "msDS-User-Account-Control-Computed: 16 | ACCOUNT_LOCKED",
            "msDS-User-Account-Control-Computed: 8388608 | PASSWORD_EXPIRED",
            "msDS-User-Account-Control-Computed: 0 | none",
            "pwdLastSet: 0 | CHANGE_AFTER_RESET",
            "pwdLastSet: " + PAST + " | none",
            "pwdAccountLockedTime: 000001010000Z | ACCOUNT_LOCKED",
            "pwdAccountLockedTime: 20261203110000Z | ACCOUNT_LOCKED",
            "pwdReset: TRUE | CHANGE_AFTER_RESET",
            "pwdReset: FALSE | none"})
    void ofWhenOneAttributeThenItsState(String attribute, PasswordReason expected) {
        assertEquals(expected, state(attribute));
    }

    /** The order a bind reports them in: a disabled account is disabled whatever else holds. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "userAccountControl: 514 | accountExpires: " + PAST + " | ACCOUNT_DISABLED",
            "accountExpires: " + PAST + " | msDS-User-Account-Control-Computed: 16 | ACCOUNT_EXPIRED",
            "msDS-User-Account-Control-Computed: 8388624 | pwdLastSet: 0 | ACCOUNT_LOCKED",
            "msDS-User-Account-Control-Computed: 8388608 | pwdLastSet: 0 | CHANGE_AFTER_RESET"})
    void ofWhenSeveralThenTheFirstABindWouldTell(String first, String second, PasswordReason expected) {
        assertEquals(expected, state(first, second));
    }

    @Test
    void ofWhenNoStateAttributeThenNone() {
        assertNull(state("uid: someone"));
    }
}
