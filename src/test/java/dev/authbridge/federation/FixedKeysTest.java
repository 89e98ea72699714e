package dev.authbridge.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWKSet;
import dev.authbridge.config.ConfigLoader;
import dev.authbridge.config.TrustedIssuerConfig;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keys given at boot, as an operator writes them in {@code config.yaml}: a JWK set file and inline
 * keys verify tokens, and a key they lack is unknown without any fetch.
 */
class FixedKeysTest extends TrustedIssuerFixture {
    private static final String REST = """
            environmentId: 0e3c4a35-5d52-4b8e-9f0f-2f6d1c7f3a10
            directory:
              urls: [ldap://ldap.example.com:389]
              users:
                baseDn: ou=people,dc=example,dc=com
            tenants:
              - id: f91397f1-6bf6-4fcd-8623-4c4efd81e152
                name: Demo
                domains: [demo]
                usersBaseDn: ou=people,ou=demo,dc=example,dc=com
            """;

    private TrustedIssuers loaded(String section) {
        List<TrustedIssuerConfig> configs = new ConfigLoader(Map.of()).parse(REST + section, dir).trustedIssuers();
        return issuers(configs.toArray(TrustedIssuerConfig[]::new));
    }

    @Test
    void verifyWhenKeysFromAJwksFileThenVerifiedWithoutFetching() throws Exception {
        Files.writeString(dir.resolve("idp.jwks"), new JWKSet(List.of(idp.rsa().toPublicJWK(), idp.ec().toPublicJWK())).toString());
        TrustedIssuers issuers = loaded("""
                trustedIssuers:
                  - issuer: %s
                    jwksFile: idp.jwks
                    algorithms: [RS256, ES256]
                    tenant: demo
                """.formatted(idp.issuer()));

        VerifiedAssertion assertion = verified(issuers.verify(idp.sign(claims().build())));
        verified(issuers.verify(TestIssuer.sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build(), idp.ec(),
                claims().build())));

        assertEquals(DEMO, assertion.tenant());
        assertEquals("uid", assertion.userAttribute());
        assertEquals(0, idp.fetches());
    }

    @Test
    void verifyWhenInlineKeysThenVerifiedAndAnotherKeyUnknown() {
        TrustedIssuers issuers = loaded("""
                trustedIssuers:
                  - issuer: %s
                    keys:
                      - %s
                """.formatted(idp.issuer(), idp.rsa().toPublicJWK().toJSONString()));

        verified(issuers.verify(idp.sign(claims().build())));
        assertEquals(RefusalReason.UNKNOWN_KEY, reason(issuers.verify(TestIssuer.sign(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-2").build(), TestIssuer.rsaKey("rsa-2"),
                claims().build()))));
        assertEquals(0, idp.fetches());
    }
}
