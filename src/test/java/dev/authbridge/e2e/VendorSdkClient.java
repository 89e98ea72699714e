package dev.authbridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.e2e.VendorModels.ApiResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * A client that puts on the wire what the vendor's generated clients send (swagger-codegen's
 * {@code ApiClient}), one instance per SDK instance: its cookie jar is kept across calls.
 *
 * <p>Both flavors: {@code Accept: application/json} and {@code Content-Type: application/json} on
 * every call, GETs without a body included (the generated code picks JSON from the operation's
 * lists and sends the header whatever the method); {@code x-api-key}; form bodies for
 * {@code /oauth/token}, percent-encoded with {@code %20}; compressed answers accepted and decoded
 * (okhttp and superagent do it unseen). Redirects are not followed: the SDK's users read the code
 * from {@code Location}. Java (okhttp 2.7.5) sends a JSON body, the empty one of a bodiless POST
 * too, as {@code application/json; charset=utf-8} ({@code RequestBody.create} adds the charset);
 * superagent as {@code application/json}.
 */
final class VendorSdkClient {
    enum Flavor {
        JAVA("Swagger-Codegen/9.0.0/java", "gzip", "application/json; charset=utf-8"),
        JAVASCRIPT("node-superagent/3.8.3", "gzip, deflate", "application/json");

        final String userAgent;
        final String acceptEncoding;
        final String jsonBodyType;

        Flavor(String userAgent, String acceptEncoding, String jsonBodyType) {
            this.userAgent = userAgent;
            this.acceptEncoding = acceptEncoding;
            this.jsonBodyType = jsonBodyType;
        }
    }

    static final String API_KEY = "vendor-api-key";
    static final String FORM = "application/x-www-form-urlencoded";

    /** An answer, its body decoded as the SDK decodes it. */
    record Answer(int status, HttpHeaders headers, String body) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The body read into one of the SDK's models, once shown to be JSON: all the SDK reads. */
        <T> T as(Class<T> model) {
            String type = header("Content-Type");
            assertNotNull(type, "a body without a type: " + status + " " + body);
            assertTrue(type.startsWith("application/json"), type + ": " + body);
            return VendorModels.parse(body, model);
        }

        /** The vendor's envelope, {@code status.code} 0 for a 200 and the HTTP status otherwise. */
        ApiResponse envelope(int expectedStatus, String path) {
            assertEquals(expectedStatus, status, body);
            ApiResponse envelope = as(ApiResponse.class);
            assertEquals(expectedStatus == 200 ? 0 : expectedStatus, envelope.status.code);
            assertNotNull(envelope.status.message);
            assertEquals("/auth/v3" + path, envelope.path);
            return envelope;
        }

        /** A redirect as the SDK's callers read it: {@code Location}, and no body to read. */
        URI redirect() {
            assertEquals(302, status, body);
            assertNull(header("Content-Type"), "a redirect has no body, so no type");
            assertEquals("0", header("Content-Length"));
            assertEquals("", body);
            return URI.create(header("Location"));
        }
    }

    private final Flavor flavor;
    private final String base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;

    VendorSdkClient(Flavor flavor, String baseUrl) {
        this.flavor = flavor;
        this.base = baseUrl + "/auth/v3";
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).cookieHandler(cookies)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    Flavor flavor() {
        return flavor;
    }

    CookieManager cookies() {
        return cookies;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code retrieveToken}: the client id in the form and in the Basic header, as the SDK's callers do. */
    Answer token(String clientId, String secret, String... fields) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            form.put(fields[i], fields[i + 1]);
        }
        form.put("client_id", clientId);
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(request("/oauth/token", "Authorization", basic(clientId, secret), "Content-Type", FORM)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer get(String pathAndQuery, String... headers) {
        return send(request(pathAndQuery, headers).header("Content-Type", "application/json").GET());
    }

    Answer getWithBearer(String pathAndQuery, String token) {
        return get(pathAndQuery, "Authorization", "bearer " + token);
    }

    /** A POST with a JSON body, or the empty body the SDK sends for an operation without one. */
    Answer postJson(String pathAndQuery, String json, String... headers) {
        return send(request(pathAndQuery, headers).header("Content-Type", flavor.jsonBodyType)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpRequest.Builder request(String pathAndQuery, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .header("User-Agent", flavor.userAgent)
                .header("Accept", "application/json")
                .header("Accept-Encoding", flavor.acceptEncoding)
                .header("x-api-key", API_KEY);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = r.body();
            if (r.headers().firstValue("Content-Encoding").filter("gzip"::equalsIgnoreCase).isPresent()) {
                try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                    body = in.readAllBytes();
                }
            }
            return new Answer(r.statusCode(), r.headers(), new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** okhttp's FormEncodingBuilder and Node's querystring both write a space as %20. */
    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
