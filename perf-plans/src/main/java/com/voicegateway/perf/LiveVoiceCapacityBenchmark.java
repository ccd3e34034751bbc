package com.voicegateway.perf;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Benchmark P3: how many live-voice sessions one gateway carries with smooth reply audio.
 *
 * <p>For each count N in {@code --sessions}, N emulated callers open the gateway's live-voice WebSocket
 * ({@code /ws/v1/sessions/{id}/voice}), staggered over {@code --ramp-s}, and talk at real-time pace: one 20 ms
 * Opus packet per caller per tick of a single ticker ({@link Ticker}, scheduled by absolute time), about 2-3 s of
 * speech then 3.5-5 s of silence, so that the upstream (the Gemini emulator: end of speech after 500 ms of silence,
 * ~2.4 s of reply audio) speaks about half the time. After {@code --warmup-s}, replies whose first frame falls
 * inside the {@code --measure-s} window are measured: end of the user's speech to the first reply frame, the gaps
 * between a reply's frames, underruns estimated from those gaps, packets the Opus decoder rejects, and failed
 * sessions. The client's own tick lateness and CPU are printed beside the server's CPU and RSS, so a client that
 * cannot keep up is seen as such.
 *
 * <p>Run: see perf-plans/README.md, "LiveVoiceCapacityBenchmark".
 */
public final class LiveVoiceCapacityBenchmark {

    static final String TARGET = "P3 target: >= 200 concurrent sessions, frame gap p99 <= 25 ms, zero frames lost";
    static final int TARGET_SESSIONS = 200;
    static final double TARGET_GAP_P99_MS = 25;
    /** Tick lateness p99 above this means the client, not only the server, was short of CPU. */
    static final double CLIENT_LATE_WARN_MS = 5;
    /** The run starts this long after it is set up, so the first session opens on time. */
    private static final Duration LEAD_IN = Duration.ofMillis(500);
    /** After the window, replies measured but not finished get this long to end. */
    private static final Duration DRAIN = Duration.ofSeconds(8);
    /** How long stop + close may take before a socket is dropped. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private static final Duration READY_WAIT = Duration.ofSeconds(15);
    /** Lets the server let go of closed sessions (a relay closes its socket 1 s after its end) before their heap is taken. */
    private static final Duration SETTLE = Duration.ofSeconds(3);
    /** Lets the server release the previous run's sessions before the next run's idle RSS is taken. */
    private static final Duration PAUSE_BETWEEN_RUNS = Duration.ofSeconds(3);

    private final LiveOptions options;
    private final LiveSpeech speech;
    private final List<HttpClient> clients = new ArrayList<>();

    private LiveVoiceCapacityBenchmark(LiveOptions options, LiveSpeech speech) {
        this.options = options;
        this.speech = speech;
        // A few clients, so that a single selector thread does not queue every socket's frames (and their times).
        int count = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
        for (int i = 0; i < count; i++) {
            clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(LiveSession.CONNECT_TIMEOUT).build());
        }
    }

    public static void main(String[] args) {
        LiveOptions options;
        try {
            options = LiveOptions.parse(args);
        } catch (Options.UsageException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("error: " + e.getMessage());
            }
            System.err.print(LiveOptions.USAGE);
            // As TtftOverheadBenchmark: the exception, not System.exit, tells exec:java and the shell it failed.
            if (e.getMessage().isEmpty()) {
                return;
            }
            throw e;
        }
        if (options.selfCheck()) {
            LiveSelfCheck.run(System.out);
            return;
        }
        new LiveVoiceCapacityBenchmark(options, options.silent() ? LiveSpeech.silence() : LiveSpeech.load()).runAll(System.out);
    }

    private void runAll(PrintStream out) {
        out.printf(Locale.ROOT, "Live voice capacity benchmark  %s%n",
                LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 19));
        out.printf(Locale.ROOT, "base=%s sessions=%s ramp=%ss warm-up=%ss measure=%ss template=%s; JVM %s, %d CPUs%n",
                options.base(), options.sessions(), seconds(options.ramp()), seconds(options.warmup()),
                seconds(options.measure()), options.template(), Runtime.version(), Runtime.getRuntime().availableProcessors());
        List<LiveSpeech.Turn> turns = speech.turns();
        out.printf(Locale.ROOT, "callers: 20 ms Opus packets, 16 kHz mono, %d kbit/s; %d utterances of %s ms, each then "
                + "%d-%d ms of silence; replies decoded in %s session(s), parsed in all%n", LiveSpeech.BITRATE / 1000,
                turns.size(), turns.stream().map(t -> Integer.toString(t.speechMs())).toList(),
                LiveSpeech.MIN_SILENCE_FRAMES * LiveSpeech.FRAME_MS, LiveSpeech.MAX_SILENCE_FRAMES * LiveSpeech.FRAME_MS,
                options.decodeSessions() == Integer.MAX_VALUE ? "all" : Integer.toString(options.decodeSessions()));
        out.printf(Locale.ROOT, "server processes sampled: %s%n",
                options.serverPids().isEmpty() ? "none (pass --server-pid PID for CPU and RSS)" : options.serverPids());
        long perRun = LEAD_IN.toSeconds() + options.ramp().toSeconds() + options.warmup().toSeconds()
                + options.measure().toSeconds() + DRAIN.toSeconds() + CLOSE_WAIT.toSeconds() + SETTLE.toSeconds()
                + PAUSE_BETWEEN_RUNS.toSeconds();
        out.printf(Locale.ROOT, "estimated duration: at most %d s%n%n", perRun * options.sessions().size());
        out.flush();

        List<RunResult> results = new ArrayList<>();
        List<PacingReference.Result> references = new ArrayList<>();
        for (int n : options.sessions()) {
            if (options.reference()) {
                System.err.printf(Locale.ROOT, "[%s] N=%d: the pacing reference first...%n",
                        LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_TIME).substring(0, 8), n);
                references.add(reference(n));
                LockSupport.parkNanos(PAUSE_BETWEEN_RUNS.toNanos());
            }
            System.err.printf(Locale.ROOT, "[%s] N=%d: %ss ramp + %ss warm-up + %ss measured...%n",
                    LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_TIME).substring(0, 8), n,
                    seconds(options.ramp()), seconds(options.warmup()), seconds(options.measure()));
            RunResult result = run(n);
            results.add(result);
            printRun(out, result);
            LockSupport.parkNanos(PAUSE_BETWEEN_RUNS.toNanos());
        }
        printSummary(out, results, options.silent());
        printReference(out, results, references);
    }

    private PacingReference.Result reference(int n) {
        try {
            return PacingReference.measure(clients, n, options.ramp(), options.warmup(), options.measure());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The gateway's frame gaps beside the pacing reference's at the same N, and their ratio at p99. */
    private static void printReference(PrintStream out, List<RunResult> results, List<PacingReference.Result> references) {
        if (references.isEmpty()) {
            return;
        }
        out.println();
        String header = String.format(Locale.ROOT, "%5s %-9s %9s %8s %8s %8s %8s %6s %7s %14s",
                "N", "server", "connected", "gap p50", "gap p95", "gap p99", "gap max", ">25ms", "lost", "p99 / ref p99");
        out.println(header);
        out.println("-".repeat(header.length()));
        for (int i = 0; i < references.size(); i++) {
            PacingReference.Result ref = references.get(i);
            RunResult r = results.get(i);
            LiveCounts c = r.counts();
            LiveCounts floor = ref.counts();
            out.printf(Locale.ROOT, "%5d %-9s %9d %8.1f %8.1f %8.1f %8.1f %6d %7d %14s%n", ref.sessions(), "reference",
                    ref.connected(), floor.frameGaps.percentileMs(50), floor.frameGaps.percentileMs(95),
                    floor.frameGaps.percentileMs(99), floor.frameGaps.maxMs(), floor.gapsOver25ms, floor.underrunFrames, "");
            out.printf(Locale.ROOT, "%5d %-9s %9d %8.1f %8.1f %8.1f %8.1f %6d %7d %14.2f%n", r.sessions(), "gateway",
                    r.streamingAtWindowStart(), c.frameGaps.percentileMs(50), c.frameGaps.percentileMs(95),
                    c.frameGaps.percentileMs(99), c.frameGaps.maxMs(), c.gapsOver25ms, c.underrunFrames,
                    c.frameGaps.percentileMs(99) / floor.frameGaps.percentileMs(99));
        }
        out.println("reference = the same N sockets from this client to a server (its own JVM) that only paces 120-frame "
                + "replies on 20 ms ticks: the floor of the frame gap on this machine; lost = underrun frames (gap-estimated)");
        out.flush();
    }

    /** What one run measured. */
    record RunResult(int sessions, int streamingAtWindowStart, LiveCounts counts, LongSamples tickLateness,
            long ticks, long slowestTickNanos, List<ProcSample[]> servers, List<HeapSample[]> heaps, ProcSample[] client,
            Duration measure) {
    }

    private RunResult run(int n) {
        long origin = System.nanoTime() + LEAD_IN.toNanos();
        long windowStart = origin + options.ramp().toNanos() + options.warmup().toNanos();
        long windowEnd = windowStart + options.measure().toNanos();
        List<ProcSample[]> servers = new ArrayList<>();
        List<HeapSample[]> heaps = new ArrayList<>();
        for (String pid : options.serverPids()) {
            heaps.add(new HeapSample[] {HeapSample.afterFullGc(pid), null, null}); // no session, N sessions, all closed
            servers.add(new ProcSample[] {ProcSample.read(pid), null, null}); // idle, window start, window end
        }
        ProcSample[] client = new ProcSample[2];

        LiveSession[] sessions = new LiveSession[n];
        for (int i = 0; i < n; i++) {
            sessions[i] = new LiveSession(i, speech.turns(), windowStart, windowEnd, i < options.decodeSessions());
        }
        ScheduledExecutorService control = Executors.newSingleThreadScheduledExecutor(daemon("live-control"));
        ScheduledExecutorService tickThread = Executors.newSingleThreadScheduledExecutor(daemon("live-tick"));
        for (int i = 0; i < n; i++) {
            LiveSession session = sessions[i];
            HttpClient http = clients.get(i % clients.size());
            long at = origin + options.ramp().toNanos() * i / n;
            control.schedule(() -> {
                session.open(http, options.base(), options.key(), options.template());
                control.schedule(() -> session.readyDeadline(READY_WAIT), READY_WAIT.toNanos(), TimeUnit.NANOSECONDS);
            }, at - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        Ticker ticker = new Ticker(tickThread, sessions, origin, windowStart, windowEnd);
        tickThread.schedule(ticker, origin - System.nanoTime(), TimeUnit.NANOSECONDS);

        sleepUntil(windowStart);
        int streaming = 0;
        for (LiveSession session : sessions) {
            streaming += session.streaming() ? 1 : 0;
        }
        client[0] = ProcSample.read("self");
        for (int i = 0; i < servers.size(); i++) {
            servers.get(i)[1] = ProcSample.read(options.serverPids().get(i));
        }
        System.err.printf(Locale.ROOT, "  window open: %d of %d sessions streaming%n", streaming, n);
        sleepUntil(windowEnd);
        client[1] = ProcSample.read("self");
        for (int i = 0; i < servers.size(); i++) {
            servers.get(i)[2] = ProcSample.read(options.serverPids().get(i));
        }

        long drainEnd = windowEnd + DRAIN.toNanos();
        while (System.nanoTime() < drainEnd && anyMeasuredReplyInProgress(sessions)) {
            LockSupport.parkNanos(50_000_000L);
        }
        // once no measured reply is playing, so the full collection's pause (100-200 ms) is no measured gap:
        // the heap N sessions in mid-conversation hold
        for (int i = 0; i < heaps.size(); i++) {
            heaps.get(i)[1] = HeapSample.afterFullGc(options.serverPids().get(i));
        }
        ticker.stop();
        tickThread.shutdown();
        awaitTermination(tickThread);

        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (LiveSession session : sessions) {
            closing.add(session.stop());
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Sockets the server did not close in time are dropped below.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // stop() never completes exceptionally; nothing to report
        }
        control.shutdownNow();
        awaitTermination(control);
        LiveCounts total = new LiveCounts();
        for (LiveSession session : sessions) {
            session.abort();
            total.merge(session.counts());
        }
        sleepUntil(System.nanoTime() + SETTLE.toNanos()); // the server lets go of the closed sessions
        for (int i = 0; i < heaps.size(); i++) {
            heaps.get(i)[2] = HeapSample.afterFullGc(options.serverPids().get(i));
        }
        return new RunResult(n, streaming, total, ticker.lateness, ticker.measuredTicks, ticker.slowestNanos, servers,
                heaps, client, options.measure());
    }

    private static boolean anyMeasuredReplyInProgress(LiveSession[] sessions) {
        for (LiveSession session : sessions) {
            if (session.measuredReplyInProgress()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The one clock of all callers: tick k runs at origin + k x 20 ms (absolute, so lateness never accumulates into
     * drift; a late tick is followed at once by the next one due) and hands every streaming session its next packet.
     */
    private static final class Ticker implements Runnable {
        private final ScheduledExecutorService executor;
        private final LiveSession[] sessions;
        private final long origin;
        private final long windowStart;
        private final long windowEnd;
        private volatile boolean stopped;
        private long tick;
        final LongSamples lateness = new LongSamples();
        long measuredTicks;
        long slowestNanos;

        Ticker(ScheduledExecutorService executor, LiveSession[] sessions, long origin, long windowStart, long windowEnd) {
            this.executor = executor;
            this.sessions = sessions;
            this.origin = origin;
            this.windowStart = windowStart;
            this.windowEnd = windowEnd;
        }

        @Override
        public void run() {
            if (stopped) {
                return;
            }
            long due = origin + tick * LiveSession.FRAME_NANOS;
            long start = System.nanoTime();
            for (LiveSession session : sessions) {
                try {
                    session.tick();
                } catch (RuntimeException e) {
                    // One caller's bug must not stop the clock of all the others.
                    session.clientFailure(e);
                }
            }
            long end = System.nanoTime();
            if (due >= windowStart && due < windowEnd) {
                lateness.add(Math.max(0, start - due));
                measuredTicks++;
                slowestNanos = Math.max(slowestNanos, end - start);
            }
            tick++;
            if (!stopped) {
                executor.schedule(this, origin + tick * LiveSession.FRAME_NANOS - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
        }

        void stop() {
            stopped = true;
        }
    }

    private static void printRun(PrintStream out, RunResult r) {
        LiveCounts c = r.counts();
        out.printf(Locale.ROOT, "N=%d  (%s s window)%n", r.sessions(), seconds(r.measure()));
        out.printf(Locale.ROOT, "  sessions: %d ready, %d streaming at window start, %d failed or closed early, "
                + "%d got an error frame (whole run)%n", c.sessionsReady, r.streamingAtWindowStart(), c.sessionsFailed,
                c.sessionsWithErrorFrames);
        out.printf(Locale.ROOT, "  user turns (speech ended in window) %d; replies (first frame in window) %d: "
                + "turn_complete %d, interrupted %d, unfinished %d; turns without reply audio %d; replies without "
                + "a user turn %d%n", c.userTurns, c.replies, c.turnCompletes, c.interrupted, c.repliesUnfinished,
                c.turnsWithoutAudio, c.repliesWithoutTurn);
        out.printf(Locale.ROOT, "  %-40s %s%n", "end of speech -> first reply frame", stats(c.replyLatency));
        out.printf(Locale.ROOT, "  %-40s %s  gaps > 25 ms: %d%n", "frame gap within a reply", stats(c.frameGaps),
                c.gapsOver25ms);
        out.printf(Locale.ROOT, "  reply frames %d; underrun frames (gap-estimated) %d; unparsable packets %d; "
                + "packets not 20 ms %d; decode failures %d (%d packets decoded, RMS %.0f); lost = underrun + bad "
                + "packets = %d%n", c.replyFrames, c.underrunFrames, c.malformedPackets, c.notTwentyMsPackets,
                c.decodeFailures, c.decodedPackets, c.decodedRms(), c.lostFrames());
        out.printf(Locale.ROOT, "  reconnecting %d, resumed %d (whole run)%n", c.reconnecting, c.resumed);
        for (Map.Entry<String, Long> problem : c.problems.entrySet()) {
            out.printf(Locale.ROOT, "    %6d x %s%n", problem.getValue(), problem.getKey());
        }
        out.printf(Locale.ROOT, "  client: tick lateness p99 %.2f ms, max %.2f ms over %d ticks; slowest tick %.2f ms; "
                + "sends queued behind an unfinished send %d; client CPU %s%n", r.tickLateness().percentileMs(99),
                r.tickLateness().maxMs(), r.ticks(), r.slowestTickNanos() / 1e6, c.sendBacklog,
                cpu(r.client()[1].cpuMsPerSecondSince(r.client()[0]), -1));
        int open = r.streamingAtWindowStart();
        for (ProcSample[] server : r.servers()) {
            ProcSample idle = server[0];
            ProcSample start = server[1];
            ProcSample end = server[2];
            if (!idle.complete() || !start.complete() || !end.complete()) {
                out.printf(Locale.ROOT, "  server pid %s: could not be read (process gone?)%n", idle.pid());
                continue;
            }
            double perSecond = end.cpuMsPerSecondSince(start);
            String perSession = open == 0 ? "no session streaming"
                    : String.format(Locale.ROOT, "per session %.0f KiB ((window start - idle) / %d)",
                            (start.rssKb() - idle.rssKb()) / (double) open, open);
            out.printf(Locale.ROOT, "  server pid %s: CPU %s; RSS idle %.1f MiB, window start %.1f MiB, end %.1f MiB, %s%n",
                    idle.pid(), cpu(perSecond, open), idle.rssKb() / 1024.0, start.rssKb() / 1024.0,
                    end.rssKb() / 1024.0, perSession);
        }
        for (HeapSample[] heap : r.heaps()) {
            if (!heap[0].complete() || !heap[1].complete() || !heap[2].complete()) {
                out.printf(Locale.ROOT, "  server pid %s: heap after full GC could not be read (jcmd)%n", heap[0].pid());
                continue;
            }
            out.printf(Locale.ROOT, "  server pid %s: live heap after full GC: no session %.1f MiB, %d sessions %.1f MiB (%.0f KiB per "
                    + "session), all closed %.1f MiB (%+.1f MiB against no session)%n", heap[0].pid(), heap[0].usedKb() / 1024.0,
                    r.sessions(), heap[1].usedKb() / 1024.0, (heap[1].usedKb() - heap[0].usedKb()) / (double) r.sessions(),
                    heap[2].usedKb() / 1024.0, (heap[2].usedKb() - heap[0].usedKb()) / 1024.0);
        }
        out.println();
        out.flush();
    }

    private static void printSummary(PrintStream out, List<RunResult> results, boolean silent) {
        String header = String.format(Locale.ROOT, "%5s %6s %7s %8s %8s %8s %8s %8s %8s %6s %7s %6s %8s",
                "N", "ready", "replies", "lat p50", "lat p99", "gap p50", "gap p95", "gap p99", "gap max", ">25ms",
                "lost", "failed", "late p99");
        out.println(header);
        out.println("-".repeat(header.length()));
        for (RunResult r : results) {
            LiveCounts c = r.counts();
            out.printf(Locale.ROOT, "%5d %6d %7d %8.1f %8.1f %8.1f %8.1f %8.1f %8.1f %6d %7d %6d %8.2f%n", r.sessions(),
                    r.streamingAtWindowStart(), c.replies, c.replyLatency.percentileMs(50), c.replyLatency.percentileMs(99),
                    c.frameGaps.percentileMs(50), c.frameGaps.percentileMs(95), c.frameGaps.percentileMs(99),
                    c.frameGaps.maxMs(), c.gapsOver25ms, c.lostFrames(), c.sessionsFailed, r.tickLateness().percentileMs(99));
        }
        out.println("lat = end of user speech -> first reply frame; gap = between frames of one reply; all ms, "
                + "nearest-rank; lost = underrun frames (gap-estimated) + unparsable/undecodable packets; "
                + "late = client tick lateness");
        if (silent) {
            out.println("P3: no verdict, --silent: nobody spoke, so no reply was measured (idle sessions' CPU and heap above)");
            out.flush();
            return;
        }
        out.println(TARGET + ".");
        boolean any = false;
        for (RunResult r : results) {
            if (r.sessions() >= TARGET_SESSIONS) {
                out.println(verdict(r));
                any = true;
            }
        }
        if (!any) {
            out.println("P3: no verdict, no run had " + TARGET_SESSIONS + " or more sessions");
        }
        out.flush();
    }

    static String verdict(RunResult r) {
        LiveCounts c = r.counts();
        double p99 = c.frameGaps.percentileMs(99);
        long lost = c.lostFrames();
        List<String> notes = new ArrayList<>();
        if (r.streamingAtWindowStart() < r.sessions() || c.sessionsFailed > 0) {
            notes.add(String.format(Locale.ROOT, "%d of %d streaming at window start, %d failed or closed early",
                    r.streamingAtWindowStart(), r.sessions(), c.sessionsFailed));
        }
        if (c.replies == 0 || Double.isNaN(p99)) {
            notes.add("no measured reply");
        }
        double late = r.tickLateness().percentileMs(99);
        if (late > CLIENT_LATE_WARN_MS) {
            notes.add(String.format(Locale.ROOT, "client tick lateness p99 %.1f ms: the client was short of CPU too", late));
        }
        boolean met = p99 <= TARGET_GAP_P99_MS && lost == 0 && c.replies > 0 && c.sessionsFailed == 0
                && r.streamingAtWindowStart() == r.sessions();
        return String.format(Locale.ROOT, "P3 N=%d: gap p99=%.1fms (target <=%.0f) lost=%d (target 0) -> %s%s",
                r.sessions(), p99, TARGET_GAP_P99_MS, lost, met ? "MET" : "NOT MET",
                notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")");
    }

    private static String stats(LongSamples samples) {
        return String.format(Locale.ROOT, "p50 %7.1f  p95 %7.1f  p99 %7.1f  max %7.1f ms  (n=%d)",
                samples.percentileMs(50), samples.percentileMs(95), samples.percentileMs(99), samples.maxMs(),
                samples.size());
    }

    private static String cpu(double msPerSecond, int sessions) {
        if (Double.isNaN(msPerSecond)) {
            return "unknown";
        }
        String perSession = sessions > 0
                ? String.format(Locale.ROOT, ", %.2f ms/s per session", msPerSecond / sessions) : "";
        return String.format(Locale.ROOT, "%.0f ms/s (%.0f %% of one core)%s", msPerSecond, msPerSecond / 10,
                perSession);
    }

    private static void sleepUntil(long nanos) {
        for (long left = nanos - System.nanoTime(); left > 0; left = nanos - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    private static void awaitTermination(ScheduledExecutorService executor) {
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    static String seconds(Duration duration) {
        double value = duration.toMillis() / 1000.0;
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
