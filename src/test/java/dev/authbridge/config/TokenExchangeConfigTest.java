package dev.authbridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code clients[].tokenExchange}: typed, checked at boot with every problem and its path. */
class TokenExchangeConfigTest {
    private static final String GRANT = TokenExchangeConfig.GRANT_TYPE;
    private static final String BASE = """
            environmentId: 0e3c4a35-5d52-4b8e-9f0f-2f6d1c7f3a10
            directory:
              urls: [ldap://ldap.example.com:389]
              users:
                baseDn: ou=people,dc=example,dc=com
            clients:
            """;

    private static AuthbridgeConfig parse(String clients) {
        return new ConfigLoader(Map.of()).parse(BASE + clients, Path.of("").toAbsolutePath());
    }

    private static List<String> problems(String clients) {
        return assertThrows(ConfigException.class, () -> parse(clients)).problems();
    }

    @Test
    void parseWhenAudiencesOfRegisteredClientsThenPermitted() {
        AuthbridgeConfig c = parse("""
                  - id: gateway
                    secret: s
                    grantTypes: [%s]
                    tokenExchange:
                      audiences: [orders, billing]
                  - id: orders
                    secret: s
                    grantTypes: [client_credentials]
                  - id: billing
                    secret: s
                    grantTypes: [client_credentials]
                """.formatted(GRANT));
        TokenExchangeConfig exchange = c.client("gateway").orElseThrow().tokenExchange();
        assertEquals(List.of("orders", "billing"), exchange.audiences());
        assertTrue(exchange.permits("gateway", "orders"));
        assertTrue(exchange.permits("gateway", "gateway"), "a client may always exchange for itself");
        assertEquals(false, exchange.permits("gateway", "payroll"));
        assertEquals(TokenExchangeConfig.NONE, c.client("orders").orElseThrow().tokenExchange());
    }

    @Test
    void parseWhenTheReadmeExampleThenValid() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("### Token exchange"));
        section = section.substring(0, section.indexOf("\n### "));
        Matcher yaml = Pattern.compile("```yaml\nclients:\n(.*?)```", Pattern.DOTALL).matcher(section);
        assertTrue(yaml.find(), "the section shows its configuration");

        AuthbridgeConfig c = new ConfigLoader(Map.of("GATEWAY_SECRET", "g", "ORDERS_SECRET", "o"))
                .parse(BASE + yaml.group(1), Path.of("").toAbsolutePath());

        assertTrue(c.client("gateway").orElseThrow().tokenExchange().permits("gateway", "orders"));
        assertTrue(c.client("gateway").orElseThrow().allows(GRANT));
    }

    @Test
    void parseWhenGrantWithoutSectionThenOnlyItself() {
        AuthbridgeConfig c = parse("""
                  - id: gateway
                    secret: s
                    grantTypes: [%s]
                """.formatted(GRANT));
        assertEquals(List.of(), c.client("gateway").orElseThrow().tokenExchange().audiences());
    }

    @Test
    void parseWhenSectionWrongThenEveryProblemWithItsPath() {
        List<String> problems = problems("""
                  - id: gateway
                    secret: s
                    grantTypes: [%s]
                    tokenExchange:
                      audiences: [orders, nobody, orders, gateway]
                      colour: blue
                  - id: orders
                    secret: s
                    grantTypes: [client_credentials]
                    tokenExchange:
                      audiences: [gateway]
                  - id: browser
                    grantTypes: [%s]
                """.formatted(GRANT, GRANT));
        String all = String.join("\n", problems);
        for (String expected : new String[] {
                "clients[0].tokenExchange.audiences: 'orders' is listed twice",
                "clients[0].tokenExchange.audiences: 'gateway' is the client itself",
                "clients[0].tokenExchange.colour: unknown setting",
                "clients[0].tokenExchange.audiences: 'nobody' is not a registered client",
                "clients[1].tokenExchange: needs grantTypes to include " + GRANT,
                "clients[2].grantTypes: " + GRANT + " needs a client secret"}) {
            assertTrue(all.contains(expected), "missing <" + expected + "> in\n" + all);
        }
    }
}
