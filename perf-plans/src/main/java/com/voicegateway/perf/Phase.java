package com.voicegateway.perf;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One phase: C closed-loop clients against one {@link Target} for warm-up plus measured window.
 * DIRECT connects to {@code --direct-base}, NGINX to {@code --nginx-base}, GATEWAY and GEMINI to {@code --base}.
 * The CPU time of the front's processes ({@link Options#pids}) is read at the start and at the end of the
 * measured window.
 * Each client is a platform thread with its own keep-alive connection: it sends a request, times
 * the first token, reads the stream to its end, and sends the next one at once.
 * A request belongs to the window in which it was <em>started</em>; requests started before the
 * window are warm-up and discarded, none are started after it, and the ones still running are
 * allowed to finish (bounded by the read timeout) so that slow requests are not cut from the tail.
 */
final class Phase {

    /** Extra time after the last possible end of a request before connections are closed by force. */
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private final Target target;
    private final int concurrency;
    private final Options options;
    private final String noncePrefix;

    /** CPU ms per second the front's processes use with no load at all (timers, health checks, GC); subtracted. */
    private final double idleCpuMsPerSecond;

    Phase(Target target, int concurrency, Options options, String noncePrefix, double idleCpuMsPerSecond) {
        this.target = target;
        this.concurrency = concurrency;
        this.options = options;
        this.noncePrefix = noncePrefix;
        this.idleCpuMsPerSecond = idleCpuMsPerSecond;
    }

    /** CPU ms per second that {@code pids} use over {@code window} while nothing is sent to them; 0 if unknown. */
    static double idleCpuMsPerSecond(List<String> pids, Duration window) throws InterruptedException {
        long before = cpuMs(pids);
        long start = System.nanoTime();
        TimeUnit.NANOSECONDS.sleep(window.toNanos());
        long after = cpuMs(pids);
        return before < 0 || after < 0 ? 0 : (after - before) / ((System.nanoTime() - start) / 1e9);
    }

    PhaseResult run() throws InterruptedException {
        URI base = options.base(target);
        String directive = Target.directive(options.reply());
        int port = base.getPort() > 0 ? base.getPort() : 80;
        InetSocketAddress address = new InetSocketAddress(base.getHost(), port);
        String hostHeader = base.getHost() + ":" + port;
        Clock clock = new Clock();
        CountDownLatch go = new CountDownLatch(1);

        List<Client> clients = new ArrayList<>(concurrency);
        List<Thread> threads = new ArrayList<>(concurrency);
        for (int i = 0; i < concurrency; i++) {
            Client client = new Client(i, address, hostHeader, directive, clock, go);
            clients.add(client);
            // Small stacks: 500 threads that only parse lines; daemon so a stuck one can never keep the JVM alive.
            Thread thread = new Thread(null, client, "bench-" + target.name().toLowerCase() + "-" + i, 256 * 1024);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }

        long start = System.nanoTime();
        clock.warmEnd = start + options.warmup().toNanos();
        clock.measureEnd = clock.warmEnd + options.measure().toNanos();
        go.countDown(); // publishes the clock to every client (happens-before via the latch)

        List<String> pids = options.pids(target);
        sleepUntil(clock.warmEnd);
        long cpuBefore = cpuMs(pids);
        sleepUntil(clock.measureEnd);
        long cpuAfter = cpuMs(pids);
        long cpuMs = cpuBefore < 0 || cpuAfter < 0 ? -1
                : Math.max(0, cpuAfter - cpuBefore - Math.round(idleCpuMsPerSecond * options.measure().toMillis() / 1000.0));

        // Bounded in time: the last request starts before measureEnd and is given readTimeout to finish.
        long hardDeadline = clock.measureEnd + options.readTimeout().toNanos() + GRACE.toNanos();
        joinUntil(threads, hardDeadline);
        int forced = 0;
        for (int i = 0; i < threads.size(); i++) {
            if (threads.get(i).isAlive()) {
                forced++;
                clients.get(i).abort();
            }
        }
        joinUntil(threads, System.nanoTime() + GRACE.toNanos());

        List<Long> samples = new ArrayList<>();
        Map<String, Long> errors = new TreeMap<>();
        long reconnects = 0;
        for (Client client : clients) {
            synchronized (client) {
                samples.addAll(client.samples);
                client.errors.forEach((kind, count) -> errors.merge(kind, count, Long::sum));
                reconnects += client.reconnects;
            }
        }
        long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
        return new PhaseResult(target, concurrency, sorted, errors, reconnects, forced, options.measure(), cpuMs);
    }

    /** CPU milliseconds so far of all of {@code pids}; -1 when there are none or one cannot be read. */
    private static long cpuMs(List<String> pids) {
        if (pids.isEmpty()) {
            return -1;
        }
        long total = 0;
        for (String pid : pids) {
            long used = ProcSample.read(pid).cpuMs();
            if (used < 0) {
                return -1;
            }
            total += used;
        }
        return total;
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left = nanos - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static void joinUntil(List<Thread> threads, long deadline) throws InterruptedException {
        for (Thread thread : threads) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
    }

    /** Phase boundaries in System.nanoTime() terms, set once before the clients are released. */
    private static final class Clock {
        long warmEnd;
        long measureEnd;
    }

    /** A failed request, with a short kind for the error table. */
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String kind) {
            super(kind, null, false, false);
        }
    }

    private final class Client implements Runnable {
        private final int id;
        private final Clock clock;
        private final CountDownLatch go;
        private final LoopbackConnection connection;
        private final String hostHeader;
        private final String directive;
        private final long requestTimeoutNanos = options.readTimeout().toNanos();
        private volatile boolean aborted;

        // Guarded by this; read by the phase thread after the client has ended.
        private final List<Long> samples = new ArrayList<>();
        private final Map<String, Long> errors = new TreeMap<>();
        private long reconnects;

        Client(int id, InetSocketAddress address, String hostHeader, String directive, Clock clock, CountDownLatch go) {
            this.id = id;
            this.directive = directive;
            this.clock = clock;
            this.go = go;
            this.hostHeader = hostHeader;
            this.connection = new LoopbackConnection(address, CONNECT_TIMEOUT_MS, (int) options.readTimeout().toMillis());
        }

        void abort() {
            aborted = true;
            connection.close();
        }

        @Override
        public void run() {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            boolean opened = false;
            long sequence = 0;
            try {
                while (!aborted) {
                    long now = System.nanoTime();
                    if (now - clock.measureEnd >= 0) {
                        break;
                    }
                    boolean measured = now - clock.warmEnd >= 0;
                    boolean reconnected = false;
                    String nonce = noncePrefix + "-c" + id + "-r" + sequence++;
                    try {
                        if (!connection.isOpen()) {
                            // A fresh connection is opened before the clock starts: TTFT is the streaming
                            // latency of a keep-alive client. Reopens are counted and shown instead.
                            connection.open();
                            reconnected = opened;
                            opened = true;
                        }
                        long ttft = request(nonce);
                        record(measured, reconnected, ttft, null);
                    } catch (Failure failure) {
                        connection.close();
                        record(measured, reconnected, -1, failure.getMessage());
                    } catch (IOException e) {
                        connection.close();
                        record(measured, reconnected, -1, aborted ? "aborted at the phase deadline" : describe(e));
                    }
                }
            } finally {
                connection.close();
            }
        }

        /** One request: returns the time to the first token in nanoseconds, having read the stream to its end. */
        private long request(String nonce) throws IOException, Failure {
            byte[] request = target.request(hostHeader, nonce, directive);
            long sent = System.nanoTime();
            int status = connection.exchange(request);
            if (status != 200) {
                connection.drainBody();
                connection.endExchange();
                throw new Failure("HTTP " + status);
            }
            long ttft = -1;
            boolean errorEvent = false;
            boolean done = false;
            for (String line = connection.readBodyLine(); line != null; line = connection.readBodyLine()) {
                if (ttft < 0 && target.isFirstToken(line) && !target.isError(line)) {
                    ttft = System.nanoTime() - sent;
                }
                errorEvent |= target.isError(line);
                done |= target.isDone(line);
                if (System.nanoTime() - sent > requestTimeoutNanos) {
                    throw new Failure("request longer than the read timeout");
                }
            }
            connection.endExchange();
            if (ttft < 0) {
                throw new Failure(errorEvent ? "200 with error event, no first token" : "200 without a first token");
            }
            if (errorEvent) {
                throw new Failure("error event after the first token");
            }
            if (!done) {
                throw new Failure("stream ended without its final event");
            }
            return ttft;
        }

        private synchronized void record(boolean measured, boolean reconnected, long ttft, String error) {
            if (!measured) {
                return;
            }
            if (reconnected) {
                reconnects++;
            }
            if (error == null) {
                samples.add(ttft);
            } else {
                errors.merge(error, 1L, Long::sum);
            }
        }

        private String describe(IOException e) {
            if (e instanceof SocketTimeoutException) {
                return "read timeout (" + options.readTimeout().toSeconds() + " s)";
            }
            String message = e.getMessage() == null ? "" : ": " + e.getMessage();
            return "I/O " + e.getClass().getSimpleName() + message;
        }
    }
}
