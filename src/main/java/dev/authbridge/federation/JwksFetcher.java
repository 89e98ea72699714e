package dev.authbridge.federation;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.authbridge.config.IssuerKeysConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One GET of a JWK set, bounded: a connection within the connect timeout, the whole answer within
 * the read timeout, at most {@code maxBytes} of it, no redirect followed (the configured URL is
 * the one trusted). Keeps of the set only what can verify a signature ({@link
 * IssuerKeysConfig#unusable}), public halves only, and reads how long the answer stays fresh from
 * its {@code Cache-Control} (RFC 9111 §5.2.2.1) less its {@code Age}. Proxies as the JVM is told
 * ({@code -Dhttps.proxyHost}); certificates against the JVM's trust store.
 */
final class JwksFetcher {
    private final URI url;
    private final Duration readTimeout;
    private final int maxBytes;
    private final HttpClient client;

    /** The keys fetched, and how long the answer said they stay fresh (null: it did not say). */
    record Fetched(JWKSet keys, Duration freshFor) {}

    /** Why a fetch failed, in words fit for a log line and a 503's reason. */
    static final class FetchFailedException extends Exception {
        FetchFailedException(String reason) {
            super(reason, null, false, false);
        }
    }

    JwksFetcher(IssuerKeysConfig.Remote config) {
        this.url = config.url();
        this.readTimeout = config.readTimeout();
        this.maxBytes = config.maxBytes();
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(ProxySelector.getDefault())
                .build();
    }

    Fetched fetch() throws FetchFailedException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(readTimeout)
                .header("Accept", "application/jwk-set+json, application/json")
                .GET()
                .build();
        CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(request, info -> new BoundedBody(maxBytes));
        HttpResponse<byte[]> response;
        try {
            // The request timeout ends with the headers; this bounds the body too.
            response = pending.get(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new FetchFailedException("no complete answer within " + readTimeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new FetchFailedException("interrupted");
        } catch (ExecutionException e) {
            throw new FetchFailedException(describe(e.getCause()));
        }
        if (response.statusCode() != 200) {
            throw new FetchFailedException("HTTP " + response.statusCode()
                    + (response.statusCode() / 100 == 3 ? " (redirects are not followed)" : ""));
        }
        JWKSet set;
        try {
            set = JWKSet.parse(new String(response.body(), StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw new FetchFailedException("the answer is not a JWK set");
        }
        List<JWK> usable = set.toPublicJWKSet().getKeys().stream()
                .filter(key -> IssuerKeysConfig.unusable(key) == null)
                .toList();
        return new Fetched(new JWKSet(usable), freshness(response.headers()));
    }

    /**
     * How long a shared answer stays fresh: {@code max-age} less {@code Age}; zero for
     * {@code no-cache}, {@code no-store} or a {@code max-age} that is not a number; null when the
     * answer does not say.
     */
    static Duration freshness(HttpHeaders headers) {
        Duration freshFor = null;
        for (String value : headers.allValues("Cache-Control")) {
            for (String directive : value.split(",")) {
                String d = directive.trim().toLowerCase(Locale.ROOT);
                if (d.equals("no-cache") || d.equals("no-store")) {
                    return Duration.ZERO;
                }
                if (d.startsWith("max-age=")) {
                    long seconds = seconds(d.substring("max-age=".length()));
                    freshFor = Duration.ofSeconds(Math.max(0, seconds));
                }
            }
        }
        if (freshFor == null) {
            return null;
        }
        long age = Math.max(0, headers.firstValue("Age").map(JwksFetcher::seconds).orElse(0L));
        Duration left = freshFor.minusSeconds(age);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** A delta-seconds value (RFC 9111 §1.2.2), quoted or not; -1 when it is none. */
    private static long seconds(String text) {
        String digits = text.trim();
        if (digits.length() > 2 && digits.startsWith("\"") && digits.endsWith("\"")) {
            digits = digits.substring(1, digits.length() - 1);
        }
        if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Long.parseLong(digits);
    }

    private String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BoundedBody.TooLargeException) {
                return "the answer is larger than " + maxBytes + " bytes";
            }
            if (t instanceof HttpConnectTimeoutException) {
                return "no connection within the connect timeout";
            }
            if (t instanceof HttpTimeoutException) {
                // The request timeout (until the headers) and the whole answer's wait say the same.
                return "no complete answer within " + readTimeout.toMillis() + " ms";
            }
            if (t instanceof ConnectException) {
                return "connection refused";
            }
        }
        return failure instanceof IOException ? "the connection failed (" + failure.getClass().getSimpleName() + ")"
                : "the request failed (" + failure.getClass().getSimpleName() + ")";
    }
}
