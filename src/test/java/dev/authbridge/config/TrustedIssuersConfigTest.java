package dev.authbridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code trustedIssuers} section: defaults, the three key sources, tenants, and every bad value
 * refused at boot with its key path — HTTP issuers, HMAC, {@code none}, private and symmetric keys.
 */
class TrustedIssuersConfigTest {
    private static final String REST = """
            environmentId: 0e3c4a35-5d52-4b8e-9f0f-2f6d1c7f3a10
            directory:
              urls: [ldap://ldap.example.com:389]
              users:
                baseDn: ou=people,dc=example,dc=com
                loginAttribute: sAMAccountName
            tenants:
              - id: f91397f1-6bf6-4fcd-8623-4c4efd81e152
                name: Demo
                domains: [demo]
                usersBaseDn: ou=people,ou=demo,dc=example,dc=com
              - id: 695bf0a2-3dde-4819-9c37-8087ba432a16
                name: ACME
                domains: [acme]
                usersBaseDn: ou=people,ou=acme,dc=example,dc=com
            """;
    private static RSAKey rsa;
    private static ECKey ec;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
    }

    private List<TrustedIssuerConfig> issuers(String section) {
        return new ConfigLoader(Map.of()).parse(REST + section, dir).trustedIssuers();
    }

    private List<String> problems(String section) {
        return assertThrows(ConfigException.class, () -> issuers(section)).problems();
    }

    private static String publicJwks(com.nimbusds.jose.jwk.JWK... keys) {
        return new JWKSet(List.of(keys)).toString(true);
    }

    @Test
    void parseWhenAbsentThenNoTrustedIssuer() {
        assertEquals(List.of(), issuers(""));
    }

    @Test
    void parseWhenOnlyIssuerAndJwksUrlThenDefaults() {
        TrustedIssuerConfig issuer = issuers("""
                trustedIssuers:
                  - issuer: https://login.example.com/tenant/v2.0
                    jwksUrl: https://login.example.com/tenant/discovery/v2.0/keys?appid=1
                """).get(0);

        assertEquals("https://login.example.com/tenant/v2.0", issuer.issuer());
        assertEquals(new IssuerKeysConfig.Remote(URI.create("https://login.example.com/tenant/discovery/v2.0/keys?appid=1"),
                Duration.ofSeconds(2), Duration.ofSeconds(5), 64 * 1024, Duration.ofSeconds(30)), issuer.keys());
        assertEquals(Set.of(JWSAlgorithm.RS256), issuer.algorithms());
        assertEquals(List.of(), issuer.audience());
        assertEquals(Duration.ofSeconds(60), issuer.clockSkew());
        assertEquals(Duration.ofHours(1), issuer.maxLifetime());
        assertEquals("jti", issuer.jtiClaim());
        // The user claim is matched against the login attribute, users outside every tenant.
        assertEquals(new IssuerUserRule("sub", "sAMAccountName", null), issuer.users());
        assertEquals(null, issuer.tenantClaim());
        assertEquals(Map.of(), issuer.tenants());
    }

    @Test
    void parseWhenEverySettingThenRead() {
        TrustedIssuerConfig issuer = issuers("""
                defaultTenant: acme
                trustedIssuers:
                  - issuer: http://127.0.0.1:8080/realms/demo
                    jwksUrl: http://127.0.0.1:8080/realms/demo/protocol/openid-connect/certs
                    jwksConnectTimeout: 500ms
                    jwksReadTimeout: 1s
                    jwksMaxSize: 16KiB
                    jwksMinRefreshInterval: 1m
                    algorithms: [RS256, PS384, ES256]
                    audience: [api://authbridge, authbridge]
                    clockSkew: 30s
                    maxLifetime: 10m
                    jtiClaim: uti
                    userClaim: upn
                    userAttribute: userPrincipalName
                    tenant: Demo
                """).get(0);

        assertEquals(new IssuerKeysConfig.Remote(URI.create("http://127.0.0.1:8080/realms/demo/protocol/openid-connect/certs"),
                Duration.ofMillis(500), Duration.ofSeconds(1), 16 * 1024, Duration.ofMinutes(1)), issuer.keys());
        assertEquals(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS384, JWSAlgorithm.ES256), issuer.algorithms());
        assertEquals(List.of("api://authbridge", "authbridge"), issuer.audience());
        assertEquals(Duration.ofSeconds(30), issuer.clockSkew());
        assertEquals(Duration.ofMinutes(10), issuer.maxLifetime());
        assertEquals("uti", issuer.jtiClaim());
        assertEquals(new IssuerUserRule("upn", "userPrincipalName", "demo"), issuer.users());
    }

    @Test
    void parseWhenNoTenantThenTheDefaultTenant() {
        TrustedIssuerConfig issuer = issuers("""
                defaultTenant: acme
                trustedIssuers:
                  - issuer: https://idp.example.com
                    jwksUrl: https://idp.example.com/jwks
                """).get(0);

        assertEquals("acme", issuer.users().tenant());
    }

    @Test
    void parseWhenTenantClaimThenEachValueWithItsTenantAndOverrides() {
        TrustedIssuerConfig issuer = issuers("""
                trustedIssuers:
                  - issuer: https://idp.example.com
                    jwksUrl: https://idp.example.com/jwks
                    userClaim: preferred_username
                    tenantClaim: tid
                    tenants:
                      - value: 11111111-aaaa
                        tenant: demo
                      - value: 22222222-bbbb
                        tenant: acme
                        userClaim: email
                        userAttribute: mail
                """).get(0);

        assertEquals("tid", issuer.tenantClaim());
        assertEquals(Map.of(
                "11111111-aaaa", new IssuerUserRule("preferred_username", "sAMAccountName", "demo"),
                "22222222-bbbb", new IssuerUserRule("email", "mail", "acme")), issuer.tenants());
    }

    @Test
    void parseWhenInlineKeysAsYamlListThenTheirSet() {
        TrustedIssuerConfig issuer = issuers("""
                trustedIssuers:
                  - issuer: https://idp.example.com
                    algorithms: [RS256, ES256]
                    keys:
                      - kty: RSA
                        kid: rsa-1
                        n: %s
                        e: %s
                      - %s
                """.formatted(rsa.getModulus(), rsa.getPublicExponent(), ec.toPublicJWK().toJSONString())).get(0);

        JWKSet keys = assertInstanceOf(IssuerKeysConfig.Fixed.class, issuer.keys()).keys();
        assertEquals(List.of("rsa-1", "ec-1"), keys.getKeys().stream().map(k -> k.getKeyID()).toList());
        assertEquals(rsa.toPublicJWK(), keys.getKeyByKeyId("rsa-1"));
    }

    @Test
    void parseWhenInlineKeysAsJwksJsonStringThenTheirSet() {
        String json = publicJwks(rsa.toPublicJWK());
        TrustedIssuerConfig issuer = issuers("trustedIssuers:\n  - issuer: https://idp.example.com\n    keys: '"
                + json.replace("'", "''") + "'\n").get(0);

        assertEquals(rsa.toPublicJWK(), ((IssuerKeysConfig.Fixed) issuer.keys()).keys().getKeyByKeyId("rsa-1"));
    }

    @Test
    void parseWhenJwksFileThenReadRelativeToTheConfiguration() throws Exception {
        Files.writeString(dir.resolve("idp.jwks"), publicJwks(ec.toPublicJWK()));
        TrustedIssuerConfig issuer = issuers("""
                trustedIssuers:
                  - issuer: https://idp.example.com
                    jwksFile: idp.jwks
                    algorithms: ES256
                """).get(0);

        assertEquals(ec.toPublicJWK(), ((IssuerKeysConfig.Fixed) issuer.keys()).keys().getKeyByKeyId("ec-1"));
    }

    @Test
    void parseWhenTheReadmeExamplesThenEachIsValid() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("### Trusted issuers"));
        section = section.substring(0, section.indexOf("\n## "));
        Matcher blocks = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(section);
        List<Integer> issuers = new ArrayList<>();
        while (blocks.find()) {
            issuers.add(issuers(blocks.group(1)).size());
        }

        assertEquals(List.of(1, 3), issuers);
    }

    @Test
    void parseWhenTheReadmesAssertionGrantExampleThenAClientForTheGrantAndItsIssuer() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("### Assertion grant"));
        Matcher block = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(section);
        assertTrue(block.find());

        AuthbridgeConfig config = new ConfigLoader(Map.of("SSO_APP_SECRET", "sso-secret")).parse(REST + block.group(1), dir);

        assertEquals("http://127.0.0.1:9000", config.trustedIssuers().get(0).issuer());
        assertTrue(config.client("sso-app").orElseThrow().allows(TrustedIssuerConfig.ASSERTION_GRANT_TYPE));
    }

    @Test
    void parseWhenClientRegisteredForTheAssertionGrantWithoutIssuersThenRefused() {
        List<String> problems = problems("""
                clients:
                  - id: sso-app
                    secret: sso-secret
                    grantTypes: [password, urn:ietf:params:oauth:grant-type:jwt-bearer]
                """);

        assertEquals(List.of("clients[0].grantTypes: urn:ietf:params:oauth:grant-type:jwt-bearer takes assertions"
                + " of trustedIssuers, and none is configured"), problems);
    }

    @Test
    void parseWhenClientRegisteredForTheAssertionGrantWithAnIssuerThenAllowed() {
        AuthbridgeConfig config = new ConfigLoader(Map.of()).parse(REST + """
                clients:
                  - id: sso-app
                    secret: sso-secret
                    grantTypes: [urn:ietf:params:oauth:grant-type:jwt-bearer]
                trustedIssuers:
                  - issuer: https://idp.example.com
                    jwksUrl: https://idp.example.com/jwks
                """, dir);

        assertTrue(config.client("sso-app").orElseThrow().allows(TrustedIssuerConfig.ASSERTION_GRANT_TYPE));
    }

    @Test
    void parseWhenUnsafeIssuersThenEveryProblemWithPath() {
        List<String> problems = problems("""
                trustedIssuers:
                  - issuer: http://idp.example.com
                    jwksUrl: http://idp.example.com/jwks
                  - issuer: https://idp.example.com?x=1
                    jwksUrl: https://user@idp.example.com/jwks
                  - issuer: idp
                    jwksUrl: https://idp.example.com/jwks#keys
                  - issuer: https://twice.example.com
                    jwksUrl: https://twice.example.com/jwks
                  - issuer: https://twice.example.com
                    jwksUrl: https://twice.example.com/jwks
                  - jwksUrl: https://idp.example.com/jwks
                """);

        assertEquals(List.of(
                "trustedIssuers[0].issuer: 'http://idp.example.com' must be https (plain http only on a loopback address)",
                "trustedIssuers[0].jwksUrl: 'http://idp.example.com/jwks' must be https (plain http only on a loopback address)",
                "trustedIssuers[1].issuer: 'https://idp.example.com?x=1' must have no user info, query or fragment",
                "trustedIssuers[1].jwksUrl: 'https://user@idp.example.com/jwks' must have no user info or fragment",
                "trustedIssuers[2].issuer: 'idp' is not an absolute https URL",
                "trustedIssuers[2].jwksUrl: 'https://idp.example.com/jwks#keys' must have no user info or fragment",
                "trustedIssuers[4].issuer: 'https://twice.example.com' is configured twice",
                "trustedIssuers[5].issuer: is required"), problems);
    }

    @Test
    void parseWhenSymmetricUnsignedOrUnknownAlgorithmsThenRefused() {
        List<String> problems = problems("""
                trustedIssuers:
                  - issuer: https://idp.example.com
                    jwksUrl: https://idp.example.com/jwks
                    algorithms: [HS256, none, EdDSA, RS1, ES256]
                  - issuer: https://other.example.com
                    jwksUrl: https://other.example.com/jwks
                    algorithms: []
                """);

        assertEquals(List.of(
                "trustedIssuers[0].algorithms: 'HS256' is refused: a trusted issuer signs with a private key that only it"
                        + " holds (HMAC's key is shared)",
                "trustedIssuers[0].algorithms: 'none' is refused: an unsigned token proves nothing",
                "trustedIssuers[0].algorithms: 'EdDSA' is not supported (nimbus-jose-jwt's processor verifies RSA and EC"
                        + " keys only): use one of [RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512]",
                "trustedIssuers[0].algorithms: 'RS1' is not one of [RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384,"
                        + " ES512]",
                "trustedIssuers[1].algorithms: needs at least one of [RS256, RS384, RS512, PS256, PS384, PS512, ES256,"
                        + " ES384, ES512]"), problems);
    }

    @Test
    void parseWhenKeySourcesMissingOrSeveralThenRefused() {
        List<String> problems = problems("""
                trustedIssuers:
                  - issuer: https://none.example.com
                  - issuer: https://both.example.com
                    jwksUrl: https://both.example.com/jwks
                    jwksFile: both.jwks
                  - issuer: https://fixed.example.com
                    jwksFile: missing.jwks
                    jwksReadTimeout: 1s
                    jwksMinRefreshInterval: 10s
                """);

        assertEquals(List.of(
                "trustedIssuers[0].jwksUrl: is required: say where the issuer's keys are (jwksUrl, jwksFile or keys)",
                "trustedIssuers[1].keys: jwksUrl, jwksFile and keys exclude each other: give one",
                "trustedIssuers[2].jwksReadTimeout: applies to jwksUrl only",
                "trustedIssuers[2].jwksMinRefreshInterval: applies to jwksUrl only",
                "trustedIssuers[2].jwksFile: '" + dir.resolve("missing.jwks") + "' is not a readable file"), problems);
    }

    @Test
    void parseWhenInlineKeysPrivateSymmetricShortOrUnfitThenEachRefused() throws Exception {
        RSAKey shortRsa = new RSAKeyGenerator(1024, true).keyID("short").generate();
        OctetSequenceKey secret = new OctetSequenceKeyGenerator(256).keyID("hmac").generate();
        String keys = new JWKSet(List.of(rsa, secret, shortRsa.toPublicJWK(), ec.toPublicJWK())).toString(false);

        List<String> problems = problems("trustedIssuers:\n  - issuer: https://idp.example.com\n    keys: " + keys + "\n");

        assertEquals(List.of(
                "trustedIssuers[0].keys: key 0 ('rsa-1') holds a private key: give only the public half",
                "trustedIssuers[0].keys: key 1 ('hmac') is a symmetric key: a trusted issuer's tokens are verified with"
                        + " its public key",
                "trustedIssuers[0].keys: key 2 ('short') is an RSA key of 1024 bits: at least 2048 are needed",
                "trustedIssuers[0].keys: key 3 ('ec-1') fits none of the algorithms [RS256]"), problems);
        assertTrue(problems.stream().noneMatch(p -> p.contains(rsa.getPrivateExponent().toString())),
                "a refused private key is not repeated");
    }

    @Test
    void parseWhenKeysAreNoJwkSetOrJwksFileTooLargeThenRefused() throws Exception {
        Files.writeString(dir.resolve("big.jwks"), "{\"keys\":[]}" + " ".repeat(2048));
        List<String> problems = problems("""
                trustedIssuers:
                  - issuer: https://a.example.com
                    keys: {kty: RSA}
                  - issuer: https://b.example.com
                    keys: []
                  - issuer: https://c.example.com
                    jwksFile: big.jwks
                    jwksMaxSize: 1KiB
                """);

        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("trustedIssuers[0].keys: is not a JWK set (RFC 7517 §5): "), problems.get(0));
        assertEquals("trustedIssuers[1].keys: holds no key", problems.get(1));
        assertEquals("trustedIssuers[2].jwksFile: '" + dir.resolve("big.jwks")
                + "' is larger than jwksMaxSize (1024 bytes)", problems.get(2));
    }

    @Test
    void parseWhenClaimsTenantsAndDurationsWrongThenEveryProblemWithPath() {
        List<String> problems = problems("""
                trustedIssuers:
                  - issuer: https://a.example.com
                    jwksUrl: https://a.example.com/jwks
                    userClaim: exp
                    userAttribute: "user principal"
                    jtiClaim: iat
                    clockSkew: 10m
                    maxLifetime: 0s
                    jwksConnectTimeout: 1m
                    jwksMaxSize: 10MiB
                    tenant: nowhere
                    colour: blue
                  - issuer: https://b.example.com
                    jwksUrl: https://b.example.com/jwks
                    clockSkew: 1500ms
                    tenantClaim: tid
                    tenant: demo
                  - issuer: https://c.example.com
                    jwksUrl: https://c.example.com/jwks
                    tenants:
                      - value: x
                        tenant: demo
                      - value: x
                        tenant: acme
                      - value: y
                """);

        assertEquals(List.of(
                "trustedIssuers[0].jwksConnectTimeout: 1m is out of range 100ms..30s",
                "trustedIssuers[0].jwksMaxSize: must be between 1KiB and 1MiB",
                "trustedIssuers[0].clockSkew: 10m is out of range 0s..5m",
                "trustedIssuers[0].maxLifetime: 0s is out of range 1s..1d",
                "trustedIssuers[0].jtiClaim: 'iat' cannot serve here: the verification itself reads it",
                "trustedIssuers[0].userClaim: 'exp' cannot serve here: the verification itself reads it",
                "trustedIssuers[0].userAttribute: 'user principal' is not an LDAP attribute name (such as userPrincipalName)",
                "trustedIssuers[0].tenant: 'nowhere' is not a domain of any configured tenant",
                "trustedIssuers[0].colour: unknown setting",
                "trustedIssuers[1].clockSkew: must be whole seconds (JWT times are)",
                "trustedIssuers[1].tenant: goes with no tenantClaim: either every user is in one tenant, or the claim"
                        + " says which",
                "trustedIssuers[1].tenantClaim: tenantClaim and tenants go together: the claim's values, each with its"
                        + " tenant",
                "trustedIssuers[2].tenants[1].value: 'x' is listed twice",
                "trustedIssuers[2].tenants[2].tenant: is required (a domain of a configured tenant)",
                "trustedIssuers[2].tenants: tenantClaim and tenants go together: the claim's values, each with its tenant"),
                problems);
    }
}
