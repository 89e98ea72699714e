package dev.authbridge.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Drives {@code concurrency} closed-loop clients, each on its own keep-alive connection, for a
 * fixed time, and records every operation's latency. A warm-up period runs first and is not
 * recorded.
 */
final class LoadRunner {
    /** One client's loop body: performs one operation, returns whether it succeeded. */
    interface Operation {
        boolean run(HttpConnection http) throws Exception;
    }

    /** Makes the operation of client {@code index}; called before timing starts. */
    interface Workload {
        Operation client(int index, HttpConnection http) throws Exception;
    }

    record Result(long operations, long errors, double seconds, long[] latenciesNanos) {
        double throughput() {
            return operations / seconds;
        }

        double percentileMillis(double p) {
            if (latenciesNanos.length == 0) {
                return 0;
            }
            int i = (int) Math.min(latenciesNanos.length - 1, Math.ceil(p / 100.0 * latenciesNanos.length) - 1);
            return latenciesNanos[Math.max(0, i)] / 1e6;
        }
    }

    private final URI base;
    private final int concurrency;

    LoadRunner(URI base, int concurrency) {
        this.base = base;
        this.concurrency = concurrency;
    }

    Result run(Workload workload, Duration warmup, Duration measure) throws Exception {
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            HttpConnection http = new HttpConnection(base);
            workers.add(new Worker(http, workload.client(i, http)));
        }
        AtomicBoolean recording = new AtomicBoolean(false);
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch done = new CountDownLatch(workers.size());
        for (Worker w : workers) {
            Thread t = new Thread(() -> {
                try {
                    w.loop(running, recording);
                } finally {
                    done.countDown();
                }
            }, "bench-client");
            t.setDaemon(true);
            t.start();
        }
        Thread.sleep(warmup.toMillis());
        long started = System.nanoTime();
        recording.set(true);
        Thread.sleep(measure.toMillis());
        recording.set(false);
        double seconds = (System.nanoTime() - started) / 1e9;
        running.set(false);
        done.await();
        long ops = 0;
        long errors = 0;
        int samples = 0;
        for (Worker w : workers) {
            ops += w.ops;
            errors += w.errors;
            samples += w.count;
            w.http.close();
        }
        long[] all = new long[samples];
        int at = 0;
        for (Worker w : workers) {
            System.arraycopy(w.latencies, 0, all, at, w.count);
            at += w.count;
        }
        Arrays.sort(all);
        return new Result(ops, errors, seconds, all);
    }

    private static final class Worker {
        final HttpConnection http;
        final Operation op;
        long[] latencies = new long[4096];
        int count;
        long ops;
        long errors;

        Worker(HttpConnection http, Operation op) {
            this.http = http;
            this.op = op;
        }

        void loop(AtomicBoolean running, AtomicBoolean recording) {
            while (running.get()) {
                long t0 = System.nanoTime();
                boolean ok;
                try {
                    ok = op.run(http);
                } catch (Exception e) {
                    ok = false;
                }
                long took = System.nanoTime() - t0;
                if (recording.get()) {
                    ops++;
                    if (!ok) {
                        errors++;
                    }
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = took;
                }
            }
        }
    }
}
