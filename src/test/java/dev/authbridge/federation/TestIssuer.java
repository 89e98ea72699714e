package dev.authbridge.federation;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An identity provider started by a test: an RSA and an EC key made for the run, tokens signed by
 * nimbus, and its JWK set served over HTTP on a loopback port (bound to port 0), counting every
 * fetch. It can rotate its keys, answer slowly, fail, redirect, and send any {@code Cache-Control}
 * or body. Public for the HTTP tests of the grants that take its tokens.
 */
public final class TestIssuer implements AutoCloseable {
    /** A slow answer never waits longer than this, so that closing the server is prompt. */
    private static final Duration LONGEST_DELAY = Duration.ofSeconds(10);

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger fetches = new AtomicInteger();
    private final RSAKey rsa;
    private final ECKey ec;
    private volatile List<JWK> published;
    private volatile String cacheControl;
    private volatile String age;
    private volatile int status = 200;
    private volatile String location;
    private volatile String body;
    private volatile Duration delay = Duration.ZERO;

    private TestIssuer(HttpServer server, RSAKey rsa, ECKey ec) {
        this.server = server;
        this.rsa = rsa;
        this.ec = ec;
        this.published = List.of(rsa.toPublicJWK(), ec.toPublicJWK());
    }

    /** An issuer with the keys made once for the test run (making an RSA key takes a while). */
    public static TestIssuer start() {
        return start(RunKeys.RSA, RunKeys.EC);
    }

    /** An issuer with keys of its own (another identity provider than {@link #start()}'s). */
    public static TestIssuer startWithOwnKeys() {
        return start(rsaKey("rsa-1"), ecKey("ec-1"));
    }

    private static final class RunKeys {
        static final RSAKey RSA = rsaKey("rsa-1");
        static final ECKey EC = ecKey("ec-1");
    }

    private static TestIssuer start(RSAKey rsa, ECKey ec) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            TestIssuer idp = new TestIssuer(server, rsa, ec);
            server.createContext("/jwks", idp::answer);
            server.setExecutor(idp.threads);
            server.start();
            return idp;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the test issuer", e);
        }
    }

    public static ECKey ecKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RSAKey rsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code http://127.0.0.1:port}: plain HTTP, allowed for a loopback issuer only. */
    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public URI jwksUrl() {
        return URI.create(issuer() + "/jwks");
    }

    public RSAKey rsa() {
        return rsa;
    }

    public ECKey ec() {
        return ec;
    }

    /** How many times the JWK set was asked for. */
    public int fetches() {
        return fetches.get();
    }

    /** Publishes the public halves of {@code keys} (as they are: a private half stays if given so). */
    void publish(JWK... keys) {
        this.published = List.of(keys);
    }

    void cacheControl(String value) {
        this.cacheControl = value;
    }

    void age(String value) {
        this.age = value;
    }

    /** Answers every fetch with {@code code} and no JWK set (200 again to recover). */
    public void failWith(int code) {
        this.status = code;
    }

    void redirectTo(String url) {
        this.status = 302;
        this.location = url;
    }

    /** Answers with {@code text} instead of the JWK set. */
    void serve(String text) {
        this.body = text;
    }

    void answerAfter(Duration wait) {
        this.delay = wait;
    }

    /** Claims of a good assertion for {@code audience}, issued at {@code now}: 5 minutes, a fresh jti, {@code sub} agent1. */
    public JWTClaimsSet.Builder claims(Instant now, String audience) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer())
                .audience(audience)
                .subject("agent1")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString());
    }

    /** Signed RS256 with the issuer's RSA key. */
    public String sign(JWTClaimsSet claims) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(rsa.getKeyID()).build(), rsa, claims);
    }

    /** Signed with {@code key} (RSA or EC, private half) under {@code header}. */
    public static String sign(JWSHeader header, JWK key, JWTClaimsSet claims) {
        try {
            // Weak keys allowed: tests sign with a short RSA key to see it refused.
            JWSSigner signer = key instanceof ECKey e ? new ECDSASigner(e)
                    : new RSASSASigner(((RSAKey) key).toRSAPrivateKey(), true);
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        fetches.incrementAndGet();
        try (exchange) {
            Duration wait = delay.compareTo(LONGEST_DELAY) > 0 ? LONGEST_DELAY : delay;
            if (!wait.isZero()) {
                Thread.sleep(wait.toMillis());
            }
            if (cacheControl != null) {
                exchange.getResponseHeaders().set("Cache-Control", cacheControl);
            }
            if (age != null) {
                exchange.getResponseHeaders().set("Age", age);
            }
            if (location != null) {
                exchange.getResponseHeaders().set("Location", location);
            }
            String text = body != null ? body : new JWKSet(published).toString(false);
            byte[] bytes = status == 200 ? text.getBytes(StandardCharsets.UTF_8) : new byte[0];
            exchange.getResponseHeaders().set("Content-Type", "application/jwk-set+json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
