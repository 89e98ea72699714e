package dev.authbridge.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.authbridge.api.PublicUrl;
import dev.authbridge.config.ServerConfig;
import dev.authbridge.testing.HttpTestClient;
import dev.authbridge.testing.HttpTestClient.Response;
import java.util.List;
import org.junit.jupiter.api.Test;


/** A user with many roles makes a large {@code X-GWS-User}: the listener must send it whole. */
class LargeResponseHeaderHttpTest {

    @Test
    void responseWhenHeaderOf40KiBThenSentWhole() {
        String big = "x".repeat(40 * 1024);
        Routes routes = r -> r.get(PublicUrl.BASE_PATH + "/big", ctx -> ctx.header("X-GWS-User", big).result("{}"));
        try (HttpServer server = new HttpServer(new ServerConfig("127.0.0.1", 0, 64 * 1024, null), List.of(routes))) {
            server.start();
            Response r = new HttpTestClient("http://127.0.0.1:" + server.port()).get("/auth/v3/big");
            assertEquals(200, r.status());
            assertEquals(big, r.header("X-GWS-User"));
        }
    }
}
