package dev.authbridge.authorize;

import dev.authbridge.config.ClientConfig;
import dev.authbridge.testing.TestClient;
import java.util.List;

/**
 * Clients of the browser sign-in tests, added to the shipped configuration (whose
 * {@code demo-client} may use every grant, redirect URI {@value #DEMO_REDIRECT}).
 */
public final class BrowserClients {
    public static final String DEMO_REDIRECT = "http://127.0.0.1:8095/callback";
    public static final String SPA_REDIRECT = "http://127.0.0.1:9/spa/callback";
    public static final String WEBAPP_REDIRECT = "https://app.example.com/cb?tenant=t1";
    public static final String IMPLICIT_REDIRECT = "https://implicit.example.com/cb";

    /**
     * {@code spa}: public, code + refresh, PKCE required. {@code webapp}: confidential, code
     * only, one redirect URI with a query and one bare origin. {@code implicit-only}: implicit.
     */
    public static final List<ClientConfig> ALL = List.of(
            TestClient.publicClient("spa").grants("authorization_code", "refresh_token")
                    .redirectUris(SPA_REDIRECT).build(),
            TestClient.confidential("webapp", "webapp-secret").grants("authorization_code")
                    .redirectUris(WEBAPP_REDIRECT, "https://wwe.example.com").build(),
            TestClient.publicClient("implicit-only").grants("implicit").redirectUris(IMPLICIT_REDIRECT).build());

    private BrowserClients() {}
}
