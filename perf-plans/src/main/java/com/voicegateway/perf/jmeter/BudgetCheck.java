package com.voicegateway.perf.jmeter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks a JMeter run against its plan's budgets: one line per sampler (count, errors, p50/p95/p99,
 * throughput, each limit with its measured value) and PASS or FAIL per line. The jmeter-maven-plugin's
 * own results goal looks at error rates only; this is what fails a build on a latency miss.
 *
 * <pre>BudgetCheck statistics.json budgets.properties [summary.txt]</pre>
 * Exit status 0 when every line passes, 1 on any miss, 2 when the input cannot be read.
 */
public final class BudgetCheck {

    /** One sampler's verdict. {@code statistics} is null when a budgeted sampler never ran. */
    public record Line(String label, SamplerStatistics statistics, List<Budget> budgets, boolean passed) {
    }

    public record Result(List<Line> lines) {
        public boolean passed() {
            return !lines.isEmpty() && lines.stream().allMatch(Line::passed);
        }
    }

    private BudgetCheck() {
    }

    public static Result check(Map<String, SamplerStatistics> statistics, Budgets budgets) {
        List<Line> lines = new ArrayList<>();
        SamplerStatistics total = statistics.get(SamplerStatistics.TOTAL);
        statistics.values().stream()
                .filter(s -> !SamplerStatistics.TOTAL.equals(s.label()))
                .sorted((a, b) -> a.label().compareTo(b.label()))
                .forEach(s -> lines.add(judge(s.label(), s, budgets.forLabel(s.label()))));
        for (String label : budgets.namedLabels()) {
            if (!statistics.containsKey(label)) {
                lines.add(new Line(label, null, budgets.forLabel(label), false));
            }
        }
        if (total != null) {
            lines.add(judge(total.label(), total, budgets.forLabel(total.label())));
        }
        return new Result(lines);
    }

    private static Line judge(String label, SamplerStatistics statistics, List<Budget> applying) {
        boolean passed = applying.stream().allMatch(b -> b.isKeptBy(statistics));
        return new Line(label, statistics, applying, passed);
    }

    public static String format(Result result) {
        int width = Math.max(7, result.lines().stream().mapToInt(l -> l.label().length()).max().orElse(7));
        StringBuilder out = new StringBuilder();
        String header = String.format(Locale.ROOT, "%-" + width + "s %7s %6s %6s %8s %8s %8s %8s  %-4s  %s%n",
                "sampler", "count", "errors", "err%", "p50 ms", "p95 ms", "p99 ms", "req/s", "", "budgets");
        out.append(header).append("-".repeat(header.length() - 1)).append('\n');
        for (Line line : result.lines()) {
            SamplerStatistics s = line.statistics();
            String verdict = line.passed() ? "PASS" : "FAIL";
            if (s == null) {
                out.append(String.format(Locale.ROOT, "%-" + width + "s %7s %6s %6s %8s %8s %8s %8s  %-4s  %s%n",
                        line.label(), "-", "-", "-", "-", "-", "-", "-", verdict, "no samples: the sampler never ran"));
                continue;
            }
            String limits = line.budgets().isEmpty() ? "(none)"
                    : line.budgets().stream().map(b -> b.describe(s) + (b.isKeptBy(s) ? "" : " MISSED"))
                            .collect(Collectors.joining(", "));
            out.append(String.format(Locale.ROOT, "%-" + width + "s %7d %6d %6.2f %8.0f %8.0f %8.0f %8.2f  %-4s  %s%n",
                    line.label(), s.count(), s.errors(), s.errorPercent(), s.p50(), s.p95(), s.p99(), s.throughput(),
                    verdict, limits));
        }
        long failed = result.lines().stream().filter(l -> !l.passed()).count();
        out.append(result.passed() ? "Budgets kept: every line passes.\n"
                : failed == 0 ? "Budgets NOT kept: the run has no samples.\n"
                : "Budgets NOT kept: " + failed + " of " + result.lines().size() + " lines fail.\n");
        return out.toString();
    }

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: BudgetCheck statistics.json budgets.properties [summary.txt]");
            System.exit(2);
        }
        Result result;
        try {
            result = check(SamplerStatistics.read(Path.of(args[0])), Budgets.read(Path.of(args[1])));
        } catch (IOException | RuntimeException unreadable) {
            System.err.println("BudgetCheck: cannot check " + args[0] + " against " + args[1] + ": " + unreadable);
            System.exit(2);
            return;
        }
        String report = "JMeter results " + args[0] + "\nbudgets " + args[1] + "\n\n" + format(result);
        System.out.print(report);
        if (args.length == 3) {
            try {
                Files.writeString(Path.of(args[2]), report, StandardCharsets.UTF_8);
            } catch (IOException unwritable) {
                System.err.println("BudgetCheck: cannot write " + args[2] + ": " + unwritable);
            }
        }
        System.exit(result.passed() ? 0 : 1);
    }
}
