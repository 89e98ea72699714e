package dev.authbridge.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Drives {@code connections} closed-loop clients, each on its own connection(s), without a pause
 * from warm-up to the end: {@link WarmUp} picks the second the measured window starts, every
 * operation completed inside it is recorded with its latency, and {@link CpuWindow} accounts the
 * CPU over exactly that window.
 */
final class LoadRunner {
    /** One client: performs one operation per call, says whether it succeeded. */
    interface Client extends AutoCloseable {
        boolean step() throws Exception;

        @Override
        void close();
    }

    /** Opens client {@code index} (connections, a first sign-in); called before any timing. */
    interface ClientFactory {
        Client open(int index) throws Exception;
    }

    /** A measured window: its operations, sorted latencies, per-second throughput and CPU. */
    record Result(long operations, long errors, double seconds, long[] latenciesNanos, List<Double> perSecond,
            WarmUp.Outcome warmUp, CpuUsage cpu) {
        double throughput() {
            return operations / seconds;
        }

        double percentileMillis(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.min(latenciesNanos.length - 1, Math.ceil(p / 100.0 * latenciesNanos.length) - 1);
            return latenciesNanos[Math.max(0, i)] / 1e6;
        }
    }

    private static final long SECOND = 1_000_000_000L;

    private final int connections;
    private final Duration measure;
    private final int warmupMin;
    private final int warmupMax;

    LoadRunner(int connections, Duration measure, int warmupMin, int warmupMax) {
        this.connections = connections;
        this.measure = measure;
        this.warmupMin = warmupMin;
        this.warmupMax = warmupMax;
    }

    Result run(ClientFactory factory, CpuWindow cpu) throws Exception {
        List<Worker> workers = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                workers.add(new Worker(factory.open(i)));
            }
            return drive(workers, cpu);
        } finally {
            workers.forEach(w -> w.client.close());
        }
    }

    private Result drive(List<Worker> workers, CpuWindow cpu) throws InterruptedException {
        Shared shared = new Shared();
        List<Thread> threads = new ArrayList<>();
        for (Worker w : workers) {
            Thread t = new Thread(() -> w.loop(shared), "bench-client");
            t.setDaemon(true);
            threads.add(t);
        }
        WarmUp warmUp = new WarmUp(warmupMin, warmupMax);
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        long counted = 0;
        long last = start;
        long windowStart = start;
        // Warm-up seconds count from the start, the measured window's from its own start: a late
        // tick (the bench thread starved) is caught up by the next one and never shortens the window.
        for (long next = start + SECOND; warmUp.measuredSeconds() < measure.toSeconds(); next += SECOND) {
            sleepUntil(next);
            long now = System.nanoTime();
            long completed = shared.completed.sum();
            double rate = (completed - counted) / ((now - last) / 1e9);
            cpu.sample();
            if (warmUp.tick(rate, cpu.jitShare()) == WarmUp.Step.BEGIN) {
                cpu.begin();
                windowStart = System.nanoTime();
                shared.window = shared.window + 1;
                now = windowStart;
                completed = shared.completed.sum();
                next = windowStart;
            }
            counted = completed;
            last = now;
        }
        int window = shared.window;
        shared.window = 0;
        double seconds = (System.nanoTime() - windowStart) / 1e9;
        CpuUsage usage = cpu.end();
        shared.running.set(false);
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(40));
            if (t.isAlive()) {
                throw new IllegalStateException("a client did not finish its last operation within 40 s");
            }
        }
        long ops = 0;
        long errors = 0;
        int samples = 0;
        for (Worker w : workers) {
            if (w.window == window) {
                ops += w.count;
                errors += w.errors;
                samples += w.count;
            }
        }
        long[] all = new long[samples];
        int at = 0;
        for (Worker w : workers) {
            if (w.window == window) {
                System.arraycopy(w.latencies, 0, all, at, w.count);
                at += w.count;
            }
        }
        Arrays.sort(all);
        return new Result(ops, errors, seconds, all, warmUp.measuredRates(), warmUp.outcome(), usage);
    }

    private static void sleepUntil(long deadline) throws InterruptedException {
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /** What the clients read: whether to go on, which window records (0: none), and a completion count. */
    private static final class Shared {
        final AtomicBoolean running = new AtomicBoolean(true);
        final LongAdder completed = new LongAdder();
        volatile int window;
    }

    private static final class Worker {
        final Client client;
        long[] latencies = new long[4096];
        int count;
        long errors;
        int window;

        Worker(Client client) {
            this.client = client;
        }

        void loop(Shared shared) {
            while (shared.running.get()) {
                long t0 = System.nanoTime();
                boolean ok;
                try {
                    ok = client.step();
                } catch (Exception e) {
                    ok = false;
                }
                long took = System.nanoTime() - t0;
                shared.completed.increment();
                int w = shared.window;
                if (w != 0) {
                    if (w != window) {
                        window = w;
                        count = 0;
                        errors = 0;
                    }
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
