package com.voicegateway.perf;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Measures the time to first token (TTFT) that the gateway adds on top of its upstream.
 *
 * <p>For every concurrency level C it runs two phases back to back against the same server:
 * DIRECT (C clients streaming straight from a Gemini emulator, at {@code --direct-base}) and
 * GATEWAY (C clients streaming the same emulated reply through {@code POST /api/v1/completions},
 * at {@code --base}). Both ask for the same emulated reply ({@code --reply}, by default 200 ms to the
 * first token), from the same client; when the gateway's upstream is the emulator at
 * {@code --direct-base}, gateway pXX minus direct pXX is the gateway's share. Clients are closed-loop: each sends its
 * next request as soon as the previous stream has ended.
 *
 * <p>Percentiles are nearest-rank over all samples of a phase. Errors are counted by kind and
 * reported; they are never part of the percentiles, and a phase with errors is flagged.
 *
 * <p>Run: {@code mvn -f perf-plans/pom.xml -q compile exec:java -Dexec.args="--base http://localhost:9080"};
 * see perf-plans/README.md.
 */
public final class TtftOverheadBenchmark {

    static final String TARGET = "P1 target: added p50 <= 1 ms and p99 <= 5 ms at 500 concurrent streams";
    private static final int TARGET_LEVEL = 500;
    private static final double TARGET_P50_MS = 1.0;
    private static final double TARGET_P99_MS = 5.0;
    static final String TARGET_SIDE_BY_SIDE = "P1 target (side by side): at every C, the gateway's added TTFT within nginx's + 1 ms "
            + "at p50 and + 5 ms at p99, CPU per reply <= 2x nginx's, no errors";
    private static final double TARGET_CPU_RATIO = 2.0;
    private static final Duration IDLE_WINDOW = Duration.ofSeconds(3);
    /** Lets the server close the previous phase's connections and settle before the next phase starts. */
    private static final Duration PAUSE_BETWEEN_PHASES = Duration.ofSeconds(2);

    private TtftOverheadBenchmark() {
    }

    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("error: " + e.getMessage());
            }
            System.err.print(Options.USAGE);
            // Let exec:java / the caller see a failure without System.exit: the exception ends main.
            if (e.getMessage().isEmpty()) {
                return;
            }
            throw e;
        }
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "TTFT overhead benchmark  %s%n",
                LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 19));
        out.printf(Locale.ROOT, "base=%s direct-base=%s nginx-base=%s targets=%s levels=%s warm-up=%ss measure=%ss per phase, "
                + "closed-loop clients, JVM %s, %d CPUs%n", options.base(), options.directBase(), options.nginxBase(), options.targets(), options.levels(),
                seconds(options.warmup()),
                seconds(options.measure()), Runtime.version(), Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "emulated reply: %s; TTFT = request written -> first 'data:' line (DIRECT, NGINX, GEMINI) "
                + "or first 'event: delta' line (GATEWAY)%n", Target.directive(options.reply()));
        out.printf(Locale.ROOT, "estimated duration: %d s%n%n", estimatedSeconds(options));
        out.flush();

        // A run-wide random prefix keeps nonces unique across runs against a long-lived emulator too.
        String run = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        List<Map<Target, PhaseResult>> results = new ArrayList<>();
        List<Target> targets = options.targets();
        // what each front's processes burn with no load, measured once before any phase and subtracted from every phase's CPU
        Map<Target, Double> idle = new EnumMap<>(Target.class);
        for (Target target : targets) {
            idle.put(target, Phase.idleCpuMsPerSecond(options.pids(target), IDLE_WINDOW));
        }
        out.printf(Locale.ROOT, "idle CPU (ms/s, subtracted): %s%n%n", idle);
        out.flush();
        for (int index = 0; index < options.levels().size(); index++) {
            int level = options.levels().get(index);
            Map<Target, PhaseResult> phases = new EnumMap<>(Target.class);
            // interleaved: each level starts with the next target, so no front always runs first (or last) on a warm machine
            for (int k = 0; k < targets.size(); k++) {
                Target target = targets.get((index + k) % targets.size());
                System.err.printf(Locale.ROOT, "[%s] C=%d %s: %ss warm-up + %ss measured...%n",
                        LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_TIME).substring(0, 8), level, target, seconds(options.warmup()),
                        seconds(options.measure()));
                PhaseResult result = new Phase(target, level, options, run + "-" + level + "-" + target.ordinal(), idle.get(target)).run();
                phases.put(target, result);
                System.err.println(row(result));
                Thread.sleep(PAUSE_BETWEEN_PHASES.toMillis());
            }
            results.add(phases);
        }
        printTable(out, results);
    }

    private static void printTable(PrintStream out, List<Map<Target, PhaseResult>> results) {
        String header = String.format(Locale.ROOT, "%5s  %-8s %8s %7s %8s %9s %9s %9s %9s %6s %9s",
                "C", "phase", "samples", "errors", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "reconn", "cpu/reply");
        out.println(header);
        out.println("-".repeat(header.length()));
        boolean sideBySide = results.stream().anyMatch(phases -> phases.containsKey(Target.NGINX));
        for (Map<Target, PhaseResult> phases : results) {
            phases.values().forEach(result -> out.println(row(result)));
            PhaseResult direct = phases.get(Target.DIRECT);
            if (direct != null) {
                for (PhaseResult front : phases.values()) {
                    if (front.target() != Target.DIRECT) {
                        out.println(added(direct, front, phases.get(Target.NGINX), sideBySide));
                    }
                }
            }
            out.println();
        }
        out.println(sideBySide ? TARGET_SIDE_BY_SIDE + "." : TARGET + ".");
        out.println("+X = X pXX - DIRECT pXX at the same C (nearest-rank percentiles over all samples); "
                + "cpu/reply = the front's processes' CPU ms in the measured window, less their idle rate, / requests started in it.");

        boolean anyErrors = false;
        for (Map<Target, PhaseResult> phases : results) {
            for (PhaseResult result : phases.values()) {
                if (result.errorCount() == 0 && result.forced() == 0) {
                    continue;
                }
                if (!anyErrors) {
                    out.println();
                    out.println("Errors (not in the percentiles):");
                    anyErrors = true;
                }
                for (Map.Entry<String, Long> error : result.errors().entrySet()) {
                    out.printf(Locale.ROOT, "  C=%d %-8s %6d x %s%n", result.concurrency(), result.target(),
                            error.getValue(), error.getKey());
                }
                if (result.forced() > 0) {
                    out.printf(Locale.ROOT, "  C=%d %-8s %d client(s) still running at the phase deadline, closed by force%n",
                            result.concurrency(), result.target(), result.forced());
                }
            }
        }
        if (!anyErrors) {
            out.println("No errors.");
        }
        out.flush();
    }

    private static String row(PhaseResult result) {
        return String.format(Locale.ROOT, "%5d  %-8s %8d %7d %8.1f %9.2f %9.2f %9.2f %9.2f %6d %9s", result.concurrency(),
                result.target(), result.samples().length, result.errorCount(), result.requestsPerSecond(),
                result.percentileMs(50), result.percentileMs(95), result.percentileMs(99), result.maxMs(),
                result.reconnects(), Double.isNaN(result.cpuMsPerReply()) ? "-" : String.format(Locale.ROOT, "%.2f", result.cpuMsPerReply()));
    }

    /** What {@code front} adds over DIRECT, and for the gateway's surfaces the P1 verdict against nginx at the same C. */
    static String added(PhaseResult direct, PhaseResult front, PhaseResult nginx, boolean sideBySide) {
        double p50 = front.percentileMs(50) - direct.percentileMs(50);
        double p95 = front.percentileMs(95) - direct.percentileMs(95);
        double p99 = front.percentileMs(99) - direct.percentileMs(99);
        String line = String.format(Locale.ROOT, "%5d  %-8s %8s %7s %8s %+9.2f %+9.2f %+9.2f", direct.concurrency(), "+" + front.target(),
                "", "", "", p50, p95, p99);
        if (front.target() == Target.NGINX) {
            return line;
        }
        if (!sideBySide) {
            return line + "   " + verdict(direct, front, p50, p99);
        }
        return line + "   " + versusNginx(direct, front, nginx);
    }

    /**
     * P1 side by side: at every level, the gateway surface's added TTFT within nginx's + 1 ms at p50 and + 5 ms at p99,
     * its CPU per reply at most twice nginx's, and no errors in any of the three phases.
     */
    static String versusNginx(PhaseResult direct, PhaseResult front, PhaseResult nginx) {
        if (nginx == null) {
            return "no NGINX phase at this level: no verdict";
        }
        double p50 = (front.percentileMs(50) - direct.percentileMs(50)) - (nginx.percentileMs(50) - direct.percentileMs(50));
        double p99 = (front.percentileMs(99) - direct.percentileMs(99)) - (nginx.percentileMs(99) - direct.percentileMs(99));
        double cpu = front.cpuMsPerReply() / nginx.cpuMsPerReply();
        long errors = direct.errorCount() + front.errorCount() + nginx.errorCount();
        if (Double.isNaN(p50) || Double.isNaN(p99)) {
            return "vs nginx: no verdict, a phase has no samples";
        }
        boolean cpuKnown = !Double.isNaN(cpu) && !Double.isInfinite(cpu);
        boolean latencyMet = p50 <= TARGET_P50_MS && p99 <= TARGET_P99_MS && errors == 0;
        String verdict = !latencyMet ? "P1 NOT met" : !cpuKnown ? "no P1 verdict: CPU not measured (--gateway-pid, --nginx-pids)"
                : cpu <= TARGET_CPU_RATIO ? "P1 MET" : "P1 NOT met";
        return String.format(Locale.ROOT, "vs nginx %+.2f p50, %+.2f p99, cpu %s -> %s%s", p50, p99,
                cpuKnown ? String.format(Locale.ROOT, "%.1fx", cpu) : "not measured", verdict,
                errors > 0 ? " (errors: see below)" : "");
    }

    /** Without nginx: the P1 target as the gateway's own budget over the emulator, at 500 streams only. */
    private static String verdict(PhaseResult direct, PhaseResult gateway, double addedP50, double addedP99) {
        String errors = direct.errorCount() + gateway.errorCount() > 0 ? " (errors: see below)" : "";
        if (direct.concurrency() != TARGET_LEVEL) {
            return errors.isEmpty() ? "" : errors.trim();
        }
        if (Double.isNaN(addedP50) || Double.isNaN(addedP99)) {
            return "P1 target: no verdict, a phase has no samples" + errors;
        }
        boolean met = addedP50 <= TARGET_P50_MS && addedP99 <= TARGET_P99_MS && errors.isEmpty();
        return (met ? "P1 target MET" : "P1 target NOT met") + " (p50 <= 1 ms, p99 <= 5 ms, no errors)" + errors;
    }

    private static long estimatedSeconds(Options options) {
        long perPhase = options.warmup().toSeconds() + options.measure().toSeconds() + 1
                + PAUSE_BETWEEN_PHASES.toSeconds();
        return perPhase * options.targets().size() * options.levels().size();
    }

    private static String seconds(Duration duration) {
        double value = duration.toMillis() / 1000.0;
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
