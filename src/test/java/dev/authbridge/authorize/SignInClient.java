package dev.authbridge.authorize;

import dev.authbridge.testing.HttpTestClient;
import dev.authbridge.testing.HttpTestClient.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser over plain HTTP for tests of the sign-in: keeps the cookies authbridge sets (by
 * name, as a browser would send them back), reads the page's hidden fields, posts the form.
 * Never follows redirects, so every hop can be checked.
 */
public final class SignInClient {
    public static final String AUTHORIZE = "/auth/v3/oauth/authorize";
    public static final String SIGN_IN = "/auth/v3/sign-in";
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");
    private static final Pattern ACTION = Pattern.compile("<form method=\"post\" action=\"([^\"]*)\">");
    private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);");

    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String baseUrl;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    public SignInClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** {@code /oauth/authorize?} with the given parameters, form-encoded. */
    public static String authorize(String... kv) {
        return AUTHORIZE + "?" + HttpTestClient.form(HttpTestClient.fields(kv));
    }

    public Map<String, String> cookies() {
        return cookies;
    }

    public Response get(String pathAndQuery, String... headers) {
        return send(request(pathAndQuery, headers).GET().build());
    }

    public Response post(String path, Map<String, String> fields, String... headers) {
        return send(request(path, headers)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(HttpTestClient.form(fields)))
                .build());
    }

    /** Posts {@code body} as a form, as is (for bodies no browser's form would send). */
    public Response postBody(String path, String body) {
        return send(request(path, new String[0])
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** Posts the page's form (hidden fields as rendered) with the given credentials. */
    public Response submit(Response page, String username, String password, String tenant) {
        Map<String, String> fields = hiddenFields(page.body());
        fields.put("username", username);
        fields.put("password", password);
        if (tenant != null) {
            fields.put("tenant", tenant);
        }
        return post(SIGN_IN, fields);
    }

    /** Opens the authorize URL, types the credentials, and returns the 303's Location. */
    public String signIn(String authorizePathAndQuery, String username, String password) {
        Response page = get(authorizePathAndQuery);
        if (page.status() != 200) {
            throw new AssertionError("no sign-in page: " + page.status() + " " + page.body());
        }
        Response posted = submit(page, username, password, null);
        if (posted.status() != 303) {
            throw new AssertionError("sign-in of " + username + " failed: " + posted.status() + " " + posted.body());
        }
        return posted.header("Location");
    }

    /** Posts the page's form as rendered: its action, its hidden fields. */
    public Response submitForm(Response page, String... headers) {
        Matcher m = ACTION.matcher(page.body());
        if (!m.find()) {
            throw new AssertionError("no form on the page: " + page.body());
        }
        return post(unescape(m.group(1)), hiddenFields(page.body()), headers);
    }

    /** The hidden fields of a page, unescaped, in page order. */
    public static Map<String, String> hiddenFields(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(html);
        while (m.find()) {
            fields.put(unescape(m.group(1)), unescape(m.group(2)));
        }
        return fields;
    }

    /** The parameters of a redirect's query or, for the implicit grant, its fragment. */
    public static Map<String, String> parameters(String location) {
        URI uri = URI.create(location);
        String raw = uri.getRawFragment() != null ? uri.getRawFragment() : uri.getRawQuery();
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String unescape(String s) {
        return ENTITY.matcher(s).replaceAll(m -> {
            String e = m.group(1);
            String c = switch (e) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> new String(Character.toChars(e.startsWith("#x")
                        ? Integer.parseInt(e.substring(2), 16) : Integer.parseInt(e.substring(1))));
            };
            return Matcher.quoteReplacement(c);
        });
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        if (!cookies.isEmpty()) {
            b.header("Cookie", String.join("; ", cookies.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        return b;
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            List<String> setCookies = r.headers().allValues("Set-Cookie");
            for (String c : setCookies) {
                String pair = c.split(";", 2)[0];
                int eq = pair.indexOf('=');
                String name = pair.substring(0, eq);
                String value = pair.substring(eq + 1);
                if (value.isEmpty() || c.contains("Max-Age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return new Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
