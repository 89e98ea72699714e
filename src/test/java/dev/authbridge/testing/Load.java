package dev.authbridge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Concurrent requests for fault tests: {@code threads} threads, each calling its own step (a
 * request) again and again, recording every outcome, until {@link #stop()} or {@code limit}
 * passes (a forgotten load ends by itself). Tests then say which outcomes were allowed: "only
 * 200 and 503 STORE_UNAVAILABLE", "at most one failure per thread around the kill".
 *
 * <pre>{@code
 * try (Load load = Load.start(4, Duration.ofSeconds(60), thread -> () -> http.get("/health/live"))) {
 *     load.awaitOutcomes(20);   // warmed up
 *     ... the fault ...
 *     List<Load.Outcome> outcomes = load.stop();
 * }
 * }</pre>
 */
public final class Load implements AutoCloseable {
    /** What one request came to: its status, or -1 and the exception's message when none came back. */
    public record Outcome(int thread, long startedNanos, long endedNanos, int status, String reason) {
        public Duration took() {
            return Duration.ofNanos(endedNanos - startedNanos);
        }

        public boolean ok() {
            return status == 200;
        }

        /** Whether the request was in flight at {@code nanos} ({@link System#nanoTime()}). */
        public boolean inFlightAt(long nanos) {
            return startedNanos <= nanos && nanos <= endedNanos;
        }

        @Override
        public String toString() {
            return status + (reason == null ? "" : " " + reason) + " (" + took().toMillis() + " ms)";
        }
    }

    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private final CountDownLatch done;
    private final long deadline;
    private volatile boolean stopping;

    private Load(int count, Duration limit) {
        this.done = new CountDownLatch(count);
        this.deadline = System.nanoTime() + limit.toNanos();
    }

    /**
     * Starts {@code count} threads; thread {@code i} calls {@code steps.apply(i)} in a loop. A step
     * returns the response; an {@link UncheckedIOException} (no answer) is an outcome too.
     */
    public static Load start(int count, Duration limit, IntFunction<Supplier<HttpTestClient.Response>> steps) {
        Load load = new Load(count, limit);
        for (int i = 0; i < count; i++) {
            int index = i;
            Supplier<HttpTestClient.Response> step = steps.apply(i);
            Thread thread = new Thread(() -> load.loop(index, step), "load-" + i);
            thread.setDaemon(true);
            load.threads.add(thread);
        }
        load.threads.forEach(Thread::start);
        return load;
    }

    private void loop(int thread, Supplier<HttpTestClient.Response> step) {
        try {
            while (!stopping && System.nanoTime() - deadline < 0) {
                long started = System.nanoTime();
                int status;
                String reason;
                try {
                    HttpTestClient.Response r = step.get();
                    status = r.status();
                    reason = status == 200 ? null : reason(r);
                } catch (UncheckedIOException e) {
                    status = -1;
                    IOException io = e.getCause();
                    reason = io.getClass().getSimpleName() + ": " + io.getMessage();
                } catch (RuntimeException e) {
                    status = -2;
                    reason = e.toString();
                }
                outcomes.add(new Outcome(thread, started, System.nanoTime(), status, reason));
            }
        } finally {
            done.countDown();
        }
    }

    /**
     * A client's turn: a password grant for {@code user}, then a userinfo with the token it got;
     * every access token answered 200 goes to {@code answered} with the time of the answer. (No
     * refresh: a refresh whose answer was lost in a fault leaves the client a used token, and its
     * retry would revoke the sign-in, as it should.)
     */
    public static Supplier<HttpTestClient.Response> signInThenUserinfo(HttpTestClient client, String user,
            String password, BiConsumer<Long, String> answered) {
        String[] last = new String[1];
        return () -> {
            if (last[0] == null) {
                HttpTestClient.Response r = client.token("grant_type", "password", "username", user,
                        "password", password);
                if (r.status() == 200) {
                    last[0] = r.json().get("access_token").asText();
                    answered.accept(System.nanoTime(), last[0]);
                }
                return r;
            }
            HttpTestClient.Response r = client.getWithBearer("/auth/v3/userinfo", last[0]);
            last[0] = null;
            return r;
        };
    }

    /** The envelope's {@code status.detail.reason}, OAuth's {@code error}, else the body's start. */
    private static String reason(HttpTestClient.Response r) {
        try {
            var json = r.json();
            if (json.path("status").path("detail").has("reason")) {
                return json.get("status").get("detail").get("reason").asText();
            }
            if (json.has("error")) {
                return json.get("error").asText();
            }
        } catch (AssertionError notJson) {
            // haproxy's own 502/503 pages are HTML
        }
        return r.body().length() > 60 ? r.body().substring(0, 60) : r.body();
    }

    /** Waits until at least {@code n} requests have come back (the load is running). */
    public void awaitOutcomes(int n) {
        if (!ServerProcesses.await(Duration.ofSeconds(30), () -> outcomes.size() >= n)) {
            throw new AssertionError("only " + outcomes.size() + " requests in 30 s: " + counts(snapshot()));
        }
    }

    /** The outcomes so far. */
    public List<Outcome> snapshot() {
        return List.copyOf(outcomes);
    }

    /** Stops every thread (each finishes its request in flight) and returns every outcome. */
    public List<Outcome> stop() {
        stopping = true;
        try {
            if (!done.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("a load thread still waits for an answer 60 s after the stop: a hang");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return snapshot();
    }

    @Override
    public void close() {
        stopping = true;
    }

    /** How many outcomes of each kind ({@code "200"}, {@code "503 STORE_UNAVAILABLE"}, …): for messages. */
    public static Map<String, Integer> counts(List<Outcome> outcomes) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Outcome o : outcomes) {
            counts.merge(o.status() + (o.reason() == null ? "" : " " + o.reason()), 1, Integer::sum);
        }
        return counts;
    }

    /** The outcomes that {@code allowed} refuses. */
    public static List<Outcome> except(List<Outcome> outcomes, Predicate<Outcome> allowed) {
        return outcomes.stream().filter(allowed.negate()).toList();
    }
}
