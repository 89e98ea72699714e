package dev.authbridge.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Load for store faults (a PostgreSQL restart, a primary failover): four clients on the demo
 * directory signing in and reading their userinfo through {@code baseUrl}, and what the issue asks
 * of authbridge meanwhile — every answer a 200 or a 503 {@code STORE_UNAVAILABLE} within the
 * store's timeout and a margin (never a 500, never a hang), each client served again after it,
 * and every token answered 200 before the fault still valid.
 *
 * <pre>{@code
 * try (StoreFaultLoad load = StoreFaultLoad.start(app.baseUrl())) {
 *     load.awaitRequests(20);
 *     long fault = System.nanoTime(); pg.stop(); … pg.start(); … ready …
 *     load.stopWhenEveryClientServedAgain();
 *     load.assertOnly200Or503WithinAndNoTokenLost(TIMEOUT.plus(MARGIN), fault);
 * }
 * }</pre>
 */
public final class StoreFaultLoad implements AutoCloseable {
    /** Users no other case of the fault tests signs in as or changes. */
    private static final List<String> USERS = List.of("agent7", "agent8", "supervisor1", "supervisor2");

    private record Answered(long at, String access) {}

    private final String baseUrl;
    private final ConcurrentLinkedQueue<Answered> answered = new ConcurrentLinkedQueue<>();
    private final Load load;
    private List<Load.Outcome> outcomes;

    private StoreFaultLoad(String baseUrl) {
        this.baseUrl = baseUrl;
        this.load = Load.start(USERS.size(), Duration.ofSeconds(90), thread -> Load.signInThenUserinfo(
                new HttpTestClient(baseUrl), "demo\\" + USERS.get(thread), USERS.get(thread) + "-Secret!",
                (at, access) -> answered.add(new Answered(at, access))));
    }

    public static StoreFaultLoad start(String baseUrl) {
        return new StoreFaultLoad(baseUrl);
    }

    /** Waits until {@code n} requests have been answered. */
    public void awaitRequests(int n) {
        load.awaitOutcomes(n);
    }

    /** Waits until {@code n} requests have been answered 503 (the fault is seen). */
    public void awaitUnavailable(int n, Duration timeout) {
        if (!ServerProcesses.await(timeout, () -> load.snapshot().stream().filter(o -> o.status() == 503).count() >= n)) {
            throw new AssertionError("fewer than " + n + " answers 503 within " + timeout + ": "
                    + Load.counts(load.snapshot()));
        }
    }

    /**
     * Waits until each client has had two answers in a row that are 200 (a sign-in and its
     * userinfo, or the other way round) after now, within {@code timeout}, then stops the load.
     */
    public List<Load.Outcome> stopWhenEveryClientServedAgain(Duration timeout) {
        long from = System.nanoTime();
        boolean served = ServerProcesses.await(timeout, () -> {
            List<Load.Outcome> since = load.snapshot().stream().filter(o -> o.startedNanos() >= from).toList();
            for (int thread = 0; thread < USERS.size(); thread++) {
                int t = thread;
                List<Load.Outcome> mine = since.stream().filter(o -> o.thread() == t).toList();
                if (mine.size() < 2 || !mine.get(mine.size() - 1).ok() || !mine.get(mine.size() - 2).ok()) {
                    return false;
                }
            }
            return true;
        });
        outcomes = load.stop();
        assertTrue(served, "a client was not served again within " + timeout + ": " + Load.counts(outcomes));
        return outcomes;
    }

    /**
     * Every answer was a 200 or a 503 {@code STORE_UNAVAILABLE}, none took longer than
     * {@code bound}, some of them were 503s (the fault was seen), and every access token answered
     * before {@code faultNanos} is still accepted.
     */
    public void assertOnly200Or503WithinAndNoTokenLost(Duration bound, long faultNanos) {
        List<Load.Outcome> wrong = Load.except(outcomes,
                o -> o.ok() || (o.status() == 503 && "STORE_UNAVAILABLE".equals(o.reason())));
        assertEquals(List.of(), wrong, "only 200 and 503 STORE_UNAVAILABLE; all: " + Load.counts(outcomes));
        List<Load.Outcome> slow = Load.except(outcomes, o -> o.took().compareTo(bound) <= 0);
        assertEquals(List.of(), slow, "every answer within " + bound);
        assertTrue(outcomes.stream().anyMatch(o -> o.status() == 503), "the load saw the fault: " + Load.counts(outcomes));
        HttpTestClient http = new HttpTestClient(baseUrl);
        List<String> before = answered.stream().filter(a -> a.at < faultNanos).map(Answered::access).toList();
        assertTrue(before.size() >= 4, "tokens answered before the fault: " + before.size());
        List<String> refused = before.stream()
                .filter(access -> http.getWithBearer("/auth/v3/userinfo", access).status() != 200).toList();
        assertEquals(0, refused.size(), refused.size() + " of the " + before.size()
                + " tokens answered before the fault are refused after it");
        System.out.println("store fault under load: " + Load.counts(outcomes) + "; " + before.size()
                + " tokens from before the fault all still work");
    }

    @Override
    public void close() {
        load.close();
    }
}
