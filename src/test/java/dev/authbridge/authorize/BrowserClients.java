package dev.authbridge.authorize;

/**
 * Clients of the browser sign-in tests, appended to the shipped configuration (whose
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
    public static final String YAML = """
              - id: spa
                grantTypes: [authorization_code, refresh_token]
                redirectUris: [http://127.0.0.1:9/spa/callback]
              - id: webapp
                secret: webapp-secret
                grantTypes: [authorization_code]
                redirectUris: ["https://app.example.com/cb?tenant=t1", https://wwe.example.com]
              - id: implicit-only
                grantTypes: [implicit]
                redirectUris: [https://implicit.example.com/cb]
            """;

    private BrowserClients() {}
}
