package dev.authbridge.userinfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import dev.authbridge.testing.DemoDirectory;
import dev.authbridge.testing.HttpTestClient.Response;
import dev.authbridge.testing.RunningApp;
import dev.authbridge.testing.Slapd;
import dev.authbridge.testing.TestConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /jwt-userinfo} for a directory user with so many groups and privileges that the signed
 * {@code X-GWS-User} would not fit in a response header: 422 in the envelope, with the limit and
 * where to read the details instead — never Jetty's HTML 500. The user is real: entries added to
 * a private OpenLDAP holding the demo directory.
 */
class LargeUserHttpTest {
    private static final String PEOPLE = "ou=people,ou=demo,dc=example,dc=com";
    private static final String GROUPS = "ou=groups,ou=demo,dc=example,dc=com";

    @TempDir
    Path dir;

    @Test
    void jwtUserinfoWhenUserHasHundredsOfGroupsThen422Envelope() throws Exception {
        try (Slapd slapd = DemoDirectory.start()) {
            addUser(slapd, "crowded", 200, 8);
            addUser(slapd, "roomy", 10, 8);
            try (RunningApp app = RunningApp.start(TestConfig.shipped(dir)
                    .externalDirectory(slapd.url(), Duration.ofSeconds(2), Duration.ofSeconds(5)))) {
                String crowded = app.http.signIn("demo\\crowded", "crowded-Secret!").get("access_token").asText();
                Response details = app.http.getWithBearer("/auth/v3/userinfo", crowded);
                assertEquals(200, details.status());
                assertEquals(200, details.json().get("authorities").size(), "the directory gave every group");

                Response r = app.http.getWithBearer("/auth/v3/jwt-userinfo", crowded);
                assertEquals(422, r.status(), r.body());
                assertTrue(r.contentType().startsWith("application/json"), r.contentType());
                assertNull(r.header("X-GWS-User"));
                assertEquals(422, r.json().get("status").get("code").asInt());
                assertEquals("USER_TOO_LARGE", r.json().get("status").get("detail").get("reason").asText());
                assertEquals(UserInfoRoutes.MAX_GWS_USER_BYTES, r.json().get("status").get("detail").get("limit").asInt());
                assertTrue(r.json().get("status").get("message").asText().contains("/userinfo"), r.body());

                String roomy = app.http.signIn("demo\\roomy", "roomy-Secret!").get("access_token").asText();
                Response fits = app.http.getWithBearer("/auth/v3/jwt-userinfo", roomy);
                assertEquals(200, fits.status(), fits.body());
                assertTrue(fits.header("X-GWS-User").length() > 1000);
            }
        }
    }

    /** A user of the demo tenant in {@code groups} groups of its own, each with {@code privileges} privileges. */
    private static void addUser(Slapd slapd, String uid, int groups, int privileges) throws Exception {
        String dn = "uid=" + uid + "," + PEOPLE;
        try (LDAPConnection ldap = slapd.connect()) {
            ldap.add(new Entry(dn,
                    new Attribute("objectClass", "top", "person", "organizationalPerson",
                            "inetOrgPerson"),
                    new Attribute("uid", uid),
                    new Attribute("cn", uid),
                    new Attribute("sn", uid),
                    new Attribute("employeeNumber", Integer.toString(5000 + groups)),
                    new Attribute("userPassword", uid + "-Secret!")));
            for (int g = 0; g < groups; g++) {
                List<String> values = new ArrayList<>();
                for (int p = 0; p < privileges; p++) {
                    values.add("InteractionWorkspace.Department" + g + ".Privilege" + p + ".CanUse");
                }
                ldap.add(new Entry("cn=" + uid + "-team-" + g + "," + GROUPS,
                        new Attribute("objectClass", "top", "groupOfNames", "authbridgeRoleGroup"),
                        new Attribute("cn", uid + "-team-" + g),
                        new Attribute("member", dn),
                        new Attribute("authbridgePrivilege", values)));
            }
        }
    }
}
