package dev.authbridge.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.authbridge.config.OpsConfig;
import dev.authbridge.testing.DemoApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Without {@code ops.user} and {@code ops.password} the ops API does not exist: 404, whatever is sent. */
class OpsOffHttpTest {
    @RegisterExtension
    static final DemoApp app = new DemoApp(config -> config.withOps(OpsConfig.OFF));

    @Test
    void anyCallWhenOpsNotConfiguredThen404Envelope() {
        String ops = dev.authbridge.testing.HttpTestClient.basic("ops", "demo-ops-password");
        assertEquals(404, app.http().get(OpsClientHttpTest.PATH, "Authorization", ops).status());
        assertEquals(404, app.http().post(OpsClientHttpTest.PATH, "{}", "Authorization", ops,
                "Content-Type", "application/json").status());
        assertEquals(404, app.http().get(OpsClientHttpTest.PATH + "/demo-client").json().path("status").path("code").asInt());
    }
}
