package dev.authbridge.authorize;

import static dev.authbridge.authorize.BrowserClients.DEMO_REDIRECT;
import static dev.authbridge.authorize.SignInClient.authorize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.testing.DemoApp;
import dev.authbridge.testing.HttpTestClient;
import dev.authbridge.testing.HttpTestClient.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /oauth/authorize} over real HTTP: what is refused on an error page (never a
 * redirect), what goes back to the client by redirect, the page itself and its headers, and
 * the {@code Authorization: Basic} sign-in without a page.
 */
class AuthorizeHttpTest {
    @RegisterExtension
    static final DemoApp app = new DemoApp(config -> config.addClients(BrowserClients.ALL));

    private static Response get(String pathAndQuery, String... headers) {
        return new SignInClient(app.baseUrl()).get(pathAndQuery, headers);
    }

    private static String issuer() {
        return app.baseUrl() + "/auth/v3";
    }

    private static void assertErrorPage(Response r, int status) {
        assertEquals(status, r.status(), r.body());
        assertNull(r.header("Location"), "an error before redirect_uri is validated must never redirect");
        assertTrue(r.contentType().startsWith("text/html"), r.contentType());
        assertTrue(r.body().contains("role=\"alert\""), r.body());
        assertTrue(r.header("Content-Security-Policy").contains("frame-ancestors 'none'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "response_type=code&redirect_uri=http%3A%2F%2F127.0.0.1%3A8095%2Fcallback",
        "client_id=nobody&response_type=code&redirect_uri=http%3A%2F%2F127.0.0.1%3A8095%2Fcallback",
        "client_id=demo-client&client_id=webapp&response_type=code&redirect_uri=http%3A%2F%2F127.0.0.1%3A8095%2Fcallback",
        "client_id=demo-client&response_type=code",
        "client_id=demo-client&response_type=code&redirect_uri=http%3A%2F%2F127.0.0.1%3A8095%2Fcallback"
                + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A8095%2Fcallback",
        "client_id=%3Cscript%3Ealert(1)%3C%2Fscript%3E&response_type=code&redirect_uri=https%3A%2F%2Fevil.example%2F"})
    void authorizeWhenClientOrRedirectMissingRepeatedOrUnknownThenErrorPageWithoutRedirect(String query) {
        Response r = get(SignInClient.AUTHORIZE + "?" + query);
        assertErrorPage(r, 400);
        assertFalse(r.body().contains("<script>alert"), "nothing reflected unescaped");
    }

    @ParameterizedTest
    @CsvSource({
        "demo-client, https://evil.example/cb",
        "demo-client, https://evil.example/?x=http://127.0.0.1:8095/callback",
        "demo-client, http://127.0.0.1:8095/callback/../admin",
        "demo-client, http://127.0.0.1:8095/callback/",
        "demo-client, http://127.0.0.1:8095/callbackx",
        "demo-client, http://127.0.0.1:8095/Callback",
        "demo-client, http://127.0.0.1:8095/callback?x=1",
        "demo-client, http://127.0.0.1:8095/callback#frag",
        "demo-client, http://127.0.0.1:8096/callback",
        "demo-client, https://127.0.0.1:8095/callback",
        "demo-client, HTTP://127.0.0.1:8095/callback",
        "demo-client, http://user@127.0.0.1:8095/callback",
        "demo-client, https://other.example/done",
        "demo-client, javascript:alert(1)//http://127.0.0.1:8095/callback",
        "webapp, https://wwe.example.com.evil.example/cb",
        "webapp, https://wwe.example.com:8443/cb",
        "webapp, http://wwe.example.com/cb",
        "webapp, https://evil.example/https://wwe.example.com",
        "webapp, https://wwe.example.com@evil.example/",
        "webapp, https://wwe.example.com/a/../../b",
        "webapp, https://app.example.com/cb",
        "webapp, https://app.example.com/cb?tenant=t2"})
    void authorizeWhenRedirectUriNotRegisteredOrLookAlikeThenErrorPageWithoutRedirect(String client, String redirect) {
        assertErrorPage(get(authorize("client_id", client, "response_type", "code", "redirect_uri", redirect,
                "state", "s")), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://wwe.example.com", "https://wwe.example.com/", "https://wwe.example.com/agent/ui?x=1",
            "https://WWE.example.com:443/x"})
    void authorizeWhenRedirectUnderRegisteredBareOriginThenSignInPage(String redirect) {
        Response r = get(authorize("client_id", "webapp", "response_type", "code", "redirect_uri", redirect));
        assertEquals(200, r.status(), r.body());
        assertEquals(redirect, SignInClient.hiddenFields(r.body()).get("redirect_uri"));
    }

    /** Errors after the redirect URI is validated go back to it (RFC 6749 §4.1.2.1) with state and iss. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "client_id=demo-client                                     | invalid_request",
        "client_id=demo-client&response_type=id_token              | unsupported_response_type",
        "client_id=demo-client&response_type=code&scope=admin      | invalid_scope",
        "client_id=demo-client&response_type=code&scope=*&scope=openid | invalid_request",
        "client_id=demo-client&response_type=code&code_challenge_method=S256 | invalid_request",
        "client_id=demo-client&response_type=code&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                + "                                               | invalid_request",
        "client_id=demo-client&response_type=code&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                + "&code_challenge_method=plain                    | invalid_request",
        "client_id=demo-client&response_type=code&code_challenge=short&code_challenge_method=S256 | invalid_request",
        "client_id=demo-client&response_type=code&hideTenant=maybe | invalid_request",
        "client_id=demo-client&response_type=code&prompt=none      | login_required",
        "client_id=demo-client&response_type=code&prompt=none%20login | invalid_request"})
    void authorizeWhenInvalidAfterRedirectValidatedThenRedirectWithErrorStateAndIss(String query, String error) {
        Response r = get(SignInClient.AUTHORIZE + "?" + query + "&state=st%26x&redirect_uri="
                + HttpTestClient.form(Map.of("r", DEMO_REDIRECT)).substring(2));
        assertEquals(302, r.status(), r.body());
        String location = r.header("Location");
        assertTrue(location.startsWith(DEMO_REDIRECT + "?"), location);
        Map<String, String> p = SignInClient.parameters(location);
        assertEquals(error, p.get("error"), location);
        assertEquals("st&x", p.get("state"));
        assertEquals(issuer(), p.get("iss"));
        assertEquals("no-store", r.header("Cache-Control"));
        assertNull(r.contentType(), "a redirect has no body, so no type (never Javalin's text/plain)");
        assertEquals("", r.body());
    }

    @Test
    void authorizeWhenClientNotRegisteredForGrantThenUnauthorizedClient() {
        Response code = get(authorize("client_id", "implicit-only", "response_type", "code",
                "redirect_uri", BrowserClients.IMPLICIT_REDIRECT));
        assertEquals("unauthorized_client", SignInClient.parameters(code.header("Location")).get("error"));
        Response token = get(authorize("client_id", "webapp", "response_type", "token",
                "redirect_uri", BrowserClients.WEBAPP_REDIRECT, "state", "z"));
        String location = token.header("Location");
        assertTrue(location.startsWith(BrowserClients.WEBAPP_REDIRECT + "#"), "implicit errors go in the fragment");
        assertEquals("unauthorized_client", SignInClient.parameters(location).get("error"));
        assertEquals("z", SignInClient.parameters(location).get("state"));
    }

    @Test
    void authorizeWhenPublicClientWithoutPkceThenInvalidRequest() {
        Response r = get(authorize("client_id", "spa", "response_type", "code", "redirect_uri",
                BrowserClients.SPA_REDIRECT, "state", "s"));
        Map<String, String> p = SignInClient.parameters(r.header("Location"));
        assertEquals("invalid_request", p.get("error"));
        assertTrue(p.get("error_description").contains("PKCE"), p.toString());
    }

    @Test
    void authorizeWhenRedirectUriHasQueryThenErrorAppendedToIt() {
        Response r = get(authorize("client_id", "webapp", "response_type", "code", "redirect_uri",
                BrowserClients.WEBAPP_REDIRECT, "scope", "everything"));
        assertTrue(r.header("Location").startsWith(BrowserClients.WEBAPP_REDIRECT + "&error=invalid_scope&"),
                r.header("Location"));
    }

    @Test
    void authorizeWhenStateTooLongThenInvalidRequestWithoutState() {
        Response r = get(authorize("client_id", "demo-client", "response_type", "code", "redirect_uri", DEMO_REDIRECT,
                "state", "x".repeat(2049)));
        Map<String, String> p = SignInClient.parameters(r.header("Location"));
        assertEquals("invalid_request", p.get("error"));
        assertNull(p.get("state"));
    }

    @Test
    void authorizeWhenValidThenSignInPageWithSecurityHeaders() throws Exception {
        Response r = get(authorize("client_id", "demo-client", "response_type", "code", "redirect_uri", DEMO_REDIRECT));
        assertEquals(200, r.status());
        assertEquals("text/html;charset=utf-8", r.contentType().replace(" ", "").toLowerCase());
        String csp = r.header("Content-Security-Policy");
        assertTrue(csp.startsWith("default-src 'none';"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("base-uri 'none'"), csp);
        assertTrue(csp.contains("form-action 'self' http://127.0.0.1:8095"), csp);
        assertFalse(csp.contains("unsafe-inline") || csp.contains("script-src"), csp);
        assertEquals("DENY", r.header("X-Frame-Options"));
        assertEquals("no-referrer", r.header("Referrer-Policy"));
        assertEquals("no-store", r.header("Cache-Control"));
        assertFalse(r.body().toLowerCase().contains("<script"), "no script at all");
        // The one inline style is allowed by its hash, and only by it.
        Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(r.body());
        assertTrue(style.find());
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(style.group(1).getBytes(StandardCharsets.UTF_8)));
        assertTrue(csp.contains("style-src 'sha256-" + hash + "'"), csp);
    }

    @Test
    void authorizeWhenPageShownThenFieldsLabelledAndTenantFieldPresent() {
        String body = get(authorize("client_id", "demo-client", "response_type", "code", "redirect_uri",
                DEMO_REDIRECT)).body();
        for (String field : new String[] {"username", "password", "tenant"}) {
            assertTrue(body.contains("<label for=\"" + field + "\">"), field);
            assertTrue(body.contains("id=\"" + field + "\" name=\"" + field + "\""), field);
        }
        assertTrue(body.indexOf("id=\"username\"") < body.indexOf("id=\"password\"")
                && body.indexOf("id=\"password\"") < body.indexOf("id=\"tenant\""), "focus order: user, password, tenant");
        assertTrue(body.contains("autocomplete=\"current-password\""));
    }

    @Test
    void authorizeWhenHideTenantThenNoTenantFieldAndHint() {
        String body = get(authorize("client_id", "demo-client", "response_type", "code", "redirect_uri", DEMO_REDIRECT,
                "hideTenant", "true")).body();
        assertFalse(body.contains("id=\"tenant\""), body);
        assertTrue(body.contains("tenant\\name"), body);
        assertEquals("true", SignInClient.hiddenFields(body).get("hideTenant"));
    }

    @Test
    void authorizeWhenPageShownThenEveryParameterCarriedThroughTheForm() {
        Map<String, String> hidden = SignInClient.hiddenFields(get(authorize("client_id", "demo-client",
                "response_type", "code", "redirect_uri", DEMO_REDIRECT, "scope", "openid", "state", "a b&c",
                "hideTenant", "false", "code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                "code_challenge_method", "S256", "nonce", "n-0S6_WzA2Mj", "prompt", "login")).body());
        assertEquals(Map.of("client_id", "demo-client", "response_type", "code", "redirect_uri", DEMO_REDIRECT,
                "scope", "openid", "state", "a b&c", "hideTenant", "false",
                "code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "code_challenge_method", "S256",
                "nonce", "n-0S6_WzA2Mj", "prompt", "login"),
                hidden.entrySet().stream().filter(e -> !e.getKey().equals("csrf"))
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        assertTrue(hidden.containsKey("csrf"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"><script>alert(1)</script>", "'onmouseover='alert(1)", "</form><img src=x onerror=alert(1)>",
            "&quot;&#39;", "x\" autofocus onfocus=\"alert(1)"})
    void authorizeWhenStateIsHostileThenEscapedOnPageAndRoundTripsExactly(String state) {
        Response r = get(authorize("client_id", "demo-client", "response_type", "code", "redirect_uri", DEMO_REDIRECT,
                "state", state, "nonce", state));
        assertEquals(200, r.status());
        assertFalse(r.body().contains(state), "hostile value reflected unescaped");
        assertEquals(state, SignInClient.hiddenFields(r.body()).get("state"));
        assertEquals(state, SignInClient.hiddenFields(r.body()).get("nonce"));
    }

    @Test
    void authorizeWhenStateLooksLikeTemplateThenShownLiterallyNotEvaluated() {
        String state = "{{ css }}{% if true %}y{% endif %}";
        Response r = get(authorize("client_id", "demo-client", "response_type", "code", "redirect_uri", DEMO_REDIRECT,
                "state", state));
        assertEquals(state, SignInClient.hiddenFields(r.body()).get("state"));
        assertEquals(1, r.body().split("box-sizing", -1).length - 1, "the stylesheet appears once, not injected");
    }

    @Test
    void authorizeWhenBasicCredentialsRightThenRedirectWithCodeAtOnce() {
        Response r = get(authorize("client_id", "demo-client", "response_type", "code", "redirect_uri", DEMO_REDIRECT,
                "state", "b1"), "Authorization", HttpTestClient.basic("demo\\agent1", "agent1-Secret!"));
        assertEquals(302, r.status(), r.body());
        Map<String, String> p = SignInClient.parameters(r.header("Location"));
        assertEquals("b1", p.get("state"));
        assertEquals(issuer(), p.get("iss"));
        assertTrue(p.get("code").matches("[A-Za-z0-9_-]{43}"), p.toString());
        assertTrue(r.header("Set-Cookie").startsWith("authbridge_session="), "a browser session, as the page starts");
        assertNull(r.contentType(), "a redirect has no body");
        assertEquals("0", r.header("Content-Length"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo\\agent1:wrong", "demo\\nobody:agent1-Secret!", "nowhere\\agent1:agent1-Secret!",
            "demo\\agent1:", "no-colon", ":agent1-Secret!"})
    void authorizeWhenBasicCredentialsWrongThen401WithoutRedirect(String userPassword) {
        String header = "Basic " + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8));
        Response r = get(authorize("client_id", "demo-client", "response_type", "code", "redirect_uri", DEMO_REDIRECT),
                "Authorization", header);
        assertErrorPage(r, 401);
        assertTrue(r.header("WWW-Authenticate").startsWith("Basic realm=\"authbridge\""));
        assertTrue(r.body().contains("Wrong user name or password."), r.body());
    }

    @Test
    void authorizeWhenBasicHeaderNotBase64Then401() {
        Response r = get(authorize("client_id", "demo-client", "response_type", "code", "redirect_uri", DEMO_REDIRECT),
                "Authorization", "Basic %%%not-base64");
        assertErrorPage(r, 401);
    }

    /** The demo configuration answers its client's redirect URI itself, escaping what it shows. */
    @Test
    void callbackWhenDemoConfigurationThenShowsWhatArrivedAndTheExchangeCommand() {
        String code = "A".repeat(21) + "_-" + "b".repeat(20);
        Response r = get("/callback?code=" + code + "&state=%3Cscript%3Ealert(1)%3C%2Fscript%3E&iss=x");
        assertEquals(200, r.status());
        assertTrue(r.contentType().startsWith("text/html"));
        assertFalse(r.body().contains("<script>alert"), "escaped");
        assertTrue(r.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;"), r.body());
        assertTrue(r.body().contains("-d grant_type=authorization_code -d code=" + code), r.body());
        assertEquals("default-src", r.header("Content-Security-Policy").substring(0, 11));
    }

    @Test
    void callbackWhenCodeNotShapedLikeOursThenNoCommandToCopy() {
        Response r = get("/callback?code=%24(rm%20-rf%20~)");
        assertEquals(200, r.status());
        assertFalse(r.body().contains("curl"), "a crafted link must not offer a shell command");
        assertTrue(r.body().contains("$(rm -rf ~)"), "still shown, as text");
    }

    @Test
    void authorizeWhenImplicitWithBasicThenTokenInFragmentAndNoRefreshToken() {
        Response r = get(authorize("client_id", "demo-client", "response_type", "token", "redirect_uri", DEMO_REDIRECT,
                "state", "i1"), "Authorization", HttpTestClient.basic("demo\\agent2", "agent2-Secret!"));
        assertEquals(302, r.status(), r.body());
        String location = r.header("Location");
        assertTrue(location.startsWith(DEMO_REDIRECT + "#access_token="), location);
        Map<String, String> p = SignInClient.parameters(location);
        assertEquals("bearer", p.get("token_type"));
        long expiresIn = Long.parseLong(p.get("expires_in"));
        assertTrue(expiresIn >= 43199 && expiresIn <= 43200, "the client's access token lifetime: " + expiresIn);
        assertEquals("*", p.get("scope"));
        assertEquals("i1", p.get("state"));
        assertEquals(issuer(), p.get("iss"));
        assertNull(p.get("refresh_token"), "RFC 6749 §4.2.2: no refresh token in the implicit grant");
        Response userinfo = app.http().getWithBearer("/auth/v3/userinfo", p.get("access_token"));
        assertEquals(200, userinfo.status());
        assertEquals("agent2", userinfo.json().get("loginName").asText());
    }
}
