package dev.authbridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.api.PublicUrl;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;


/** {@code server.publicUrl}: validated at boot, the base of the issuer, never a wildcard address. */
class PublicUrlConfigTest {
    private static final String REST = """
            environmentId: 0e3c4a35-5d52-4b8e-9f0f-2f6d1c7f3a10
            directory:
              urls: [ldap://ldap.example.com:389]
              users:
                baseDn: ou=people,dc=example,dc=com
            """;

    private static ServerConfig server(String serverYaml) {
        return new ConfigLoader(Map.of()).parse("server:\n" + serverYaml + REST, Path.of("")).server();
    }

    private static List<String> problems(String serverYaml) {
        return assertThrows(ConfigException.class,
                () -> new ConfigLoader(Map.of()).parse("server:\n" + serverYaml + REST, Path.of(""))).problems();
    }

    @ParameterizedTest
    @CsvSource({
        "https://sso.example.com, https://sso.example.com",
        "https://sso.example.com/, https://sso.example.com",
        "https://sso.example.com:8443/idp/, https://sso.example.com:8443/idp",
        "http://127.0.0.1:8095, http://127.0.0.1:8095"})
    void parseWhenPublicUrlValidThenNormalisedWithoutTrailingSlash(String configured, String expected) {
        assertEquals(expected, server("  publicUrl: " + configured + "\n").publicUrl());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sso.example.com", "/auth", "ftp://sso.example.com", "https://sso.example.com/?x=1",
            "https://sso.example.com/#frag", "https://user:pw@sso.example.com", "https://", "javascript:alert(1)",
            "'https://exa mple.com'"})
    void parseWhenPublicUrlInvalidThenProblemWithKeyPath(String configured) {
        List<String> problems = problems("  publicUrl: " + configured + "\n");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("server.publicUrl: "), problems.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "'::'"})
    void parseWhenWildcardHostWithoutPublicUrlThenRequired(String host) {
        List<String> problems = problems("  host: " + host + "\n");
        assertTrue(problems.get(0).startsWith("server.publicUrl: is required"), problems.toString());
    }

    @Test
    void parseWhenWildcardHostWithPublicUrlThenAccepted() {
        assertEquals("https://sso.example.com",
                server("  host: 0.0.0.0\n  publicUrl: https://sso.example.com\n").publicUrl());
    }

    @Test
    void publicUrlWhenNotConfiguredThenListenerAddressOnceBound() {
        ServerConfig config = server("  host: 127.0.0.1\n  port: 0\n");
        assertNull(config.publicUrl());
        PublicUrl url = new PublicUrl(config);
        assertThrows(IllegalStateException.class, url::base);
        url.bound(41234);
        assertEquals("http://127.0.0.1:41234", url.base());
        assertEquals("http://127.0.0.1:41234/auth/v3", url.api());
    }

    @Test
    void publicUrlWhenConfiguredThenListenerIgnored() {
        PublicUrl url = new PublicUrl(server("  publicUrl: https://sso.example.com/idp\n"));
        url.bound(8095);
        assertEquals("https://sso.example.com/idp/auth/v3", url.api());
    }
}
