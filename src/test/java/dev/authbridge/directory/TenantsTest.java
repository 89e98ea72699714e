package dev.authbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one parser of typed names and the canonical form names are compared in. */
class TenantsTest {
    private static final Tenants NAMES = new Tenants(DemoFixtures.TENANTS, "demo");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "agent1|agent1", "AGENT1|agent1", "' agent1 '|agent1", "ａｇｅｎｔ１|agent1", "agent\u200b1|agent1",
            "\u00adagent1|agent1", "SUPERVİSOR1|supervisor1", "Kelvin\u212a|kelvink", "ſtraße|straße",
            "'first   last'|first last", "'\u00a0first\u3000last\u2003'|first last", "ℌans|hans"})
    void canonicalWhenSpellingsLdapMatchesAlikeThenOneForm(String typed, String canonical) {
        assertEquals(canonical, Tenants.canonical(typed));
        assertEquals(canonical, Tenants.canonical(canonical), "idempotent");
    }

    @Test
    void canonicalWhenCharactersLdapKeepsApartThenApart() {
        assertEquals("admın", Tenants.canonical("admın"), "dotless i is no i (OpenLDAP keeps it too)");
        assertEquals("straße", Tenants.canonical("STRAßE"), "no full case folding to ss");
    }

    @Test
    void parseWhenSpacesAroundTenantAndUserThenTrimmedAndTenantResolved() {
        LoginName login = NAMES.parse("  ACME \\ Agent1  ");
        assertEquals(DemoFixtures.ACME, login.tenant());
        assertEquals("agent1", login.user());
        assertEquals("acme\\agent1", login.toString());
        assertTrue(login.plausible());
    }

    @Test
    void parseWhenBareLeadingBackslashOrUnknownTenantThenDefaultOutsideOrUnknown() {
        assertEquals(DemoFixtures.DEMO, NAMES.parse(" agent1").tenant());
        LoginName outside = NAMES.parse("\\Admin");
        assertNull(outside.domain());
        assertEquals("\\admin", outside.toString());
        assertEquals(outside, NAMES.parse("  \\admin"), "a blank domain is no domain");
        LoginName unknown = NAMES.parse("Nowhere\\agent1");
        assertTrue(unknown.isUnknownTenant());
        assertEquals("nowhere\\agent1", unknown.toString());
        assertEquals("\\admin", new Tenants(DemoFixtures.TENANTS, null).parse("ADMIN").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo\\", "demo\\   ", "demo\\\u00ad", "demo\\agent1\t", "demo\\ag\u0000ent1",
            "demo\\\uE000agent1"})
    void parseWhenNameCannotNameAnyoneThenNotPlausible(String typed) {
        assertFalse(NAMES.parse(typed).plausible(), typed);
    }

    @Test
    void parseWhenTypedLongerThanTheMaximumThenNotPlausibleEvenIfTrimmingWouldShortenIt() {
        assertFalse(NAMES.parse("demo\\agent1" + " ".repeat(LoginName.MAX_LENGTH)).plausible());
        assertTrue(NAMES.parse("demo\\" + "a".repeat(LoginName.MAX_LENGTH)).plausible());
    }

    @Test
    void byDomainWhenAliasInAnotherSpellingThenItsTenant() {
        Tenants aliases = new Tenants(List.of(new dev.authbridge.config.TenantConfig(DemoFixtures.DEMO.id(), "Demo",
                List.of("demo", "Demo-Alias"), DemoFixtures.DEMO.usersBaseDn(), DemoFixtures.DEMO.groupsBaseDn(),
                List.of())), null);
        assertEquals("Demo", aliases.byDomain(" DEMO-ALIAS ").orElseThrow().name());
        assertEquals("demo\\agent1", aliases.parse("demo-alias\\agent1").toString(), "named by the first domain");
    }
}
