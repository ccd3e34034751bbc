package com.voicegateway.sessions.control;

import com.voicegateway.devredis.EmbeddedRedis;

import com.voicegateway.redis.control.RedisAccess;

import com.voicegateway.redis.control.HandWiring;
import com.voicegateway.monitoring.control.GatewayMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import redis.clients.jedis.RedisClient;

/**
 * Benchmark P6 (not a test): session read ({@link SessionStore#use}) and append
 * ({@link SessionStore#append}) through the service layer, next to raw Jedis GET and HSET on the
 * same embedded redis-server in the same run.
 *
 * <p>Open loop: operation {@code i} is due at {@code start + i / rate}; a pool of workers takes
 * the operations in order, waits for each one's due time and measures from that time, not from
 * when a worker got round to it. A slow operation therefore shows up as latency of the ones queued
 * behind it instead of silently lowering the offered load (no coordinated omission). Throughput
 * is operations completed per second from the first due time to the last completion. A second,
 * closed-loop phase (workers back to back) shows the saturation throughput of each operation.
 *
 * <p>Run (the figures go to stdout):
 * <pre>
 * mvn -q -f src/pom.xml test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=com.voicegateway.sessions.control.SessionStoreBenchmark
 * </pre>
 * Options (system properties): {@code bench.rate} offered ops/s (5000), {@code bench.seconds}
 * measured seconds per operation (10), {@code bench.warmup} warm-up seconds per operation (3),
 * {@code bench.workers} (8), {@code bench.sessions} (1000), {@code bench.history} messages
 * already in each session (20), {@code bench.testOnBorrow} PING each pooled connection before use
 * (false, as in production).
 *
 * <p>Not included: the Micrometer timer behind {@code gateway.redis.duration} (a no-op registry
 * stands in; the map lookup of the metric handle is included) and the MP Fault Tolerance
 * interceptor of {@code use} (no CDI here).
 */
public final class SessionStoreBenchmark {

    private static final int RATE = Integer.getInteger("bench.rate", 5000);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 10);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 3);
    private static final int WORKERS = Integer.getInteger("bench.workers", 8);
    private static final int SESSIONS = Integer.getInteger("bench.sessions", 1000);
    private static final int HISTORY = Integer.getInteger("bench.history", 20);
    private static final String OWNER = "bench-user";

    private SessionStoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (EmbeddedRedis server = EmbeddedRedis.start(0, EmbeddedRedis.Options.inMemory())) {
            GatewayMetrics metrics = HandWiring.noOpMetrics();
            RedisAccess access = access(server.port(), metrics);
            access.open();
            try (RedisClient raw = RedisClient.builder().hostAndPort("127.0.0.1", server.port()).build()) {
                SessionStore store = store(access, metrics);
                run(store, raw);
            } finally {
                access.close();
            }
        }
    }

    private static void run(SessionStore store, RedisClient raw) throws InterruptedException {
        String[] ids = new String[SESSIONS];
        for (int i = 0; i < SESSIONS; i++) {
            ids[i] = store.create(OWNER, "greeting", "gemini-2.5-flash", "en", Map.of("name", "Ada"), null).id();
            for (int m = 0; m < HISTORY; m += 2) {
                store.append(ids[i], OWNER, "earlier question " + m, "earlier answer " + m, true);
            }
        }
        String value = "x".repeat(200);
        for (int i = 0; i < SESSIONS; i++) {
            raw.set("bench:raw:" + i, value);
        }
        String userText = "What is the weather like in Lisbon tomorrow?";
        String replyText = "Mostly sunny, 24 degrees, light wind from the north-west.";

        System.out.printf(Locale.ROOT, "SessionStore benchmark P6: embedded redis-server 6.2.6 on loopback, %d sessions with %d messages,"
                + " %d workers, Java %s, %d CPUs%n", SESSIONS, HISTORY, WORKERS, Runtime.version(), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "Open loop at %d ops/s offered, %d s measured after %d s warm-up; latency from the scheduled start%n",
                RATE, SECONDS, WARMUP);
        System.out.printf(Locale.ROOT, "%-26s %10s %10s %9s %9s %9s %9s%n", "operation", "offered/s", "done/s", "p50 ms", "p95 ms",
                "p99 ms", "max ms");

        IntConsumer rawGet = i -> raw.get("bench:raw:" + (i % SESSIONS));
        IntConsumer rawHset = i -> raw.hset("bench:raw:h:" + (i % SESSIONS), "lastActivity", Long.toString(System.currentTimeMillis()));
        IntConsumer read = i -> store.use(ids[i % SESSIONS], OWNER);
        IntConsumer append = i -> store.append(ids[i % SESSIONS], OWNER, userText, replyText, true);

        Result get = openLoop("raw Jedis GET", rawGet);
        Result use = openLoop("SessionStore.use (read)", read);
        Result hset = openLoop("raw Jedis HSET", rawHset);
        Result appended = openLoop("SessionStore.append", append);

        System.out.printf(Locale.ROOT, "%nClosed loop (%d workers back to back, %d s each): saturation throughput%n", WORKERS, SECONDS / 2 + 1);
        double getMax = closedLoop("raw Jedis GET", rawGet);
        double useMax = closedLoop("SessionStore.use (read)", read);
        double hsetMax = closedLoop("raw Jedis HSET", rawHset);
        double appendMax = closedLoop("SessionStore.append", append);

        System.out.printf(Locale.ROOT, "%nP6 verdict                  measured          target%n");
        verdict("read p99", use.p99Millis(), "ms", "<= 2 ms", use.p99Millis() <= 2.0);
        verdict("append p99", appended.p99Millis(), "ms", "<= 3 ms", appended.p99Millis() <= 3.0);
        double readRatio = use.throughput() / get.throughput();
        double appendRatio = appended.throughput() / hset.throughput();
        verdict("read throughput vs GET", 100 * readRatio, "%", ">= 70 % (at the offered load)", readRatio >= 0.7);
        verdict("append throughput vs HSET", 100 * appendRatio, "%", ">= 70 % (at the offered load)", appendRatio >= 0.7);
        System.out.printf(Locale.ROOT, "  saturation, for information: read %.0f/s = %.0f %% of GET %.0f/s; append %.0f/s = %.0f %% of HSET %.0f/s%n",
                useMax, 100 * useMax / getMax, getMax, appendMax, 100 * appendMax / hsetMax, hsetMax);
    }

    private static void verdict(String name, double value, String unit, String target, boolean met) {
        System.out.printf(Locale.ROOT, "  %-26s %7.2f %-3s  %-32s %s%n", name, value, unit, target, met ? "MET" : "MISSED");
    }

    record Result(double throughput, long[] sortedNanos) {
        double p99Millis() {
            return percentile(sortedNanos, 0.99) / 1e6;
        }
    }

    private static Result openLoop(String name, IntConsumer operation) throws InterruptedException {
        schedule(operation, RATE * WARMUP, false);
        Result result = schedule(operation, RATE * SECONDS, true);
        long[] latencies = result.sortedNanos();
        double throughput = result.throughput();
        System.out.printf(Locale.ROOT, "%-26s %10d %10.0f %9.3f %9.3f %9.3f %9.3f%n", name, RATE, throughput,
                percentile(latencies, 0.50) / 1e6, percentile(latencies, 0.95) / 1e6, percentile(latencies, 0.99) / 1e6,
                latencies[latencies.length - 1] / 1e6);
        return result;
    }

    /** Runs {@code count} operations due every {@code 1/RATE} s; the result's latencies are sorted. */
    private static Result schedule(IntConsumer operation, int count, boolean record) throws InterruptedException {
        long[] latencies = new long[record ? count : 1];
        long interval = 1_000_000_000L / RATE;
        AtomicLong next = new AtomicLong();
        LongAdder failures = new LongAdder();
        long start = System.nanoTime() + 20_000_000L;
        AtomicLong lastDone = new AtomicLong(start);
        CountDownLatch done = new CountDownLatch(WORKERS);
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        for (int w = 0; w < WORKERS; w++) {
            workers.execute(() -> {
                try {
                    for (long i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        long due = start + i * interval;
                        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                            LockSupport.parkNanos(wait);
                        }
                        try {
                            operation.accept((int) i);
                        } catch (RuntimeException e) {
                            failures.increment();
                        }
                        long end = System.nanoTime();
                        if (record) {
                            latencies[(int) i] = end - due;
                        }
                        lastDone.accumulateAndGet(end, Math::max);
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        workers.shutdown();
        workers.awaitTermination(5, TimeUnit.SECONDS);
        if (failures.sum() > 0) {
            throw new IllegalStateException(failures.sum() + " operations failed");
        }
        Arrays.sort(latencies);
        return new Result(count / ((lastDone.get() - start) / 1e9), latencies);
    }

    private static double closedLoop(String name, IntConsumer operation) throws InterruptedException {
        long duration = TimeUnit.SECONDS.toNanos(SECONDS / 2 + 1);
        AtomicLong counter = new AtomicLong();
        CountDownLatch done = new CountDownLatch(WORKERS);
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            Thread thread = new Thread(() -> {
                try {
                    while (System.nanoTime() - start < duration) {
                        operation.accept((int) (counter.getAndIncrement() & Integer.MAX_VALUE));
                    }
                } finally {
                    done.countDown();
                }
            });
            threads.add(thread);
            thread.start();
        }
        done.await();
        double rate = counter.get() / ((System.nanoTime() - start) / 1e9);
        System.out.printf(Locale.ROOT, "%-26s %10.0f ops/s%n", name, rate);
        return rate;
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static RedisAccess access(int port, GatewayMetrics metrics) {
        return HandWiring.access("redis://127.0.0.1:" + port, 64, 4, Boolean.getBoolean("bench.testOnBorrow"), metrics);
    }

    private static SessionStore store(RedisAccess access, GatewayMetrics metrics) {
        return SessionWiring.store(access, 1800);
    }
}
