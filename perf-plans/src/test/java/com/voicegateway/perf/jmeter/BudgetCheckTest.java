package com.voicegateway.perf.jmeter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BudgetCheckTest {

    /** The shape JMeter 5.6.3's dashboard writes (fields it adds that the check ignores included). */
    private static String statistics(String... lines) {
        return "{" + String.join(",", lines) + "}";
    }

    private static String line(String label, long count, long errors, double median, double p95, double p99) {
        return """
                "%s" : {
                  "transaction" : "%s", "sampleCount" : %d, "errorCount" : %d, "errorPct" : 0.0,
                  "meanResTime" : 12.5, "medianResTime" : %s, "minResTime" : 1.0, "maxResTime" : 900.0,
                  "pct1ResTime" : 80.0, "pct2ResTime" : %s, "pct3ResTime" : %s,
                  "throughput" : 3.25, "receivedKBytesPerSec" : 1.5, "sentKBytesPerSec" : 0.5
                }""".formatted(label, label, count, errors, median, p95, p99);
    }

    @Test
    void readsEveryLineOfStatisticsJson() {
        Map<String, SamplerStatistics> stats = SamplerStatistics.parse(statistics(
                line("Total", 30, 1, 40, 300, 500), line("chat.sse.ttft", 10, 1, 210, 260.5, 301)));
        SamplerStatistics ttft = stats.get("chat.sse.ttft");
        assertEquals(10, ttft.count());
        assertEquals(1, ttft.errors());
        assertEquals(210, ttft.p50());
        assertEquals(260.5, ttft.p95());
        assertEquals(301, ttft.p99());
        assertEquals(3.25, ttft.throughput());
        assertEquals(10.0, ttft.errorPercent());
        assertEquals(2, stats.size());
    }

    @Test
    void statisticsWithoutAPercentileAreRefused() {
        String broken = "{\"x\": {\"transaction\": \"x\", \"sampleCount\": 1, \"errorCount\": 0, \"medianResTime\": 1,"
                + " \"pct3ResTime\": 1, \"throughput\": 1}}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SamplerStatistics.parse(broken));
        assertTrue(e.getMessage().contains("pct2ResTime"), e.getMessage());
    }

    @Test
    void passesWhenEverySamplerKeepsItsLimits() {
        Budgets budgets = Budgets.parse("""
                *.errors=0
                *.p95=1000
                chat.sse.ttft.p95=400
                chat.sse.ttft.count=5
                """);
        BudgetCheck.Result result = BudgetCheck.check(SamplerStatistics.parse(statistics(
                line("Total", 20, 0, 40, 300, 500),
                line("chat.sse.ttft", 10, 0, 210, 260, 301),
                line("session.read", 10, 0, 5, 900, 990))), budgets);
        assertTrue(result.passed(), BudgetCheck.format(result));
        assertEquals(3, result.lines().size());
    }

    @Test
    void aPercentileOverItsBudgetFailsThatLineOnly() {
        Budgets budgets = Budgets.parse("*.p95=1000\nchat.sse.ttft.p95=250\n");
        BudgetCheck.Result result = BudgetCheck.check(SamplerStatistics.parse(statistics(
                line("chat.sse.ttft", 10, 0, 210, 260, 301),
                line("session.read", 10, 0, 5, 20, 30))), budgets);
        assertFalse(result.passed());
        BudgetCheck.Line ttft = lineFor(result, "chat.sse.ttft");
        assertFalse(ttft.passed());
        assertTrue(lineFor(result, "session.read").passed());
        String report = BudgetCheck.format(result);
        assertTrue(report.contains("p95 260<=250 MISSED"), report);
        assertTrue(report.contains("1 of 2 lines fail"), report);
    }

    @Test
    void theSamplersOwnLimitReplacesTheDefaultForThatMetric() {
        Budgets budgets = Budgets.parse("*.p95=100\nvoice.turn.p95=5000\n");
        BudgetCheck.Result result = BudgetCheck.check(SamplerStatistics.parse(statistics(
                line("voice.turn", 4, 0, 3000, 3500, 3900))), budgets);
        assertTrue(result.passed(), BudgetCheck.format(result));
    }

    @Test
    void anyErrorFailsAZeroErrorBudget() {
        Budgets budgets = Budgets.parse("*.errors=0\n");
        BudgetCheck.Result result = BudgetCheck.check(SamplerStatistics.parse(statistics(
                line("session.create", 50, 1, 5, 10, 20))), budgets);
        assertFalse(result.passed());
        assertTrue(BudgetCheck.format(result).contains("errors 1<=0 MISSED"));
    }

    @Test
    void errorPercentAndCountFloorAreChecked() {
        Budgets budgets = Budgets.parse("*.errorPct=5\nws.chat.reply.count=20\n");
        BudgetCheck.Result result = BudgetCheck.check(SamplerStatistics.parse(statistics(
                line("ws.chat.reply", 10, 1, 5, 10, 20))), budgets);
        String report = BudgetCheck.format(result);
        assertFalse(result.passed(), report);
        assertTrue(report.contains("errorPct 10<=5 MISSED"), report);
        assertTrue(report.contains("count 10>=20 MISSED"), report);
    }

    @Test
    void aBudgetedSamplerThatNeverRanFails() {
        Budgets budgets = Budgets.parse("*.errors=0\nvoice.first_audio.p95=3000\n");
        BudgetCheck.Result result = BudgetCheck.check(SamplerStatistics.parse(statistics(
                line("session.read", 10, 0, 5, 10, 20))), budgets);
        assertFalse(result.passed());
        BudgetCheck.Line missing = lineFor(result, "voice.first_audio");
        assertEquals(null, missing.statistics());
        assertTrue(BudgetCheck.format(result).contains("no samples"));
    }

    @Test
    void theTotalLineGetsOnlyTheLimitsWrittenForIt() {
        Budgets budgets = Budgets.parse("*.p95=100\nTotal.errors=0\n");
        BudgetCheck.Result result = BudgetCheck.check(SamplerStatistics.parse(statistics(
                line("Total", 10, 0, 50, 4000, 5000), line("session.read", 10, 0, 5, 10, 20))), budgets);
        assertTrue(result.passed(), BudgetCheck.format(result));
        assertEquals(1, lineFor(result, "Total").budgets().size());
        assertEquals("Total", result.lines().get(result.lines().size() - 1).label(), "Total is printed last");
    }

    @Test
    void aRunWithNoSamplesDoesNotPass() {
        BudgetCheck.Result result = BudgetCheck.check(Map.of(), Budgets.parse("*.errors=0\n"));
        assertFalse(result.passed());
    }

    @Test
    void malformedBudgetsAreRefusedWithTheKey() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Budgets.parse("p95=100\n"))
                .getMessage().contains("'p95'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Budgets.parse("x.p90=100\n"))
                .getMessage().contains("p90"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Budgets.parse("x.p95=fast\n"))
                .getMessage().contains("not a number"));
        assertThrows(IllegalArgumentException.class, () -> Budgets.parse("x.p95=-1\n"));
        assertThrows(IllegalArgumentException.class, () -> Budgets.parse("# nothing\n"));
    }

    @Test
    void readsBothFilesFromDisk(@TempDir Path dir) throws IOException {
        Path json = Files.writeString(dir.resolve("statistics.json"), statistics(line("a.b", 3, 0, 1, 2, 3)));
        Path props = Files.writeString(dir.resolve("b.properties"), "# from the seed target\na.b.p99=3\n");
        BudgetCheck.Result result = BudgetCheck.check(SamplerStatistics.read(json), Budgets.read(props));
        assertTrue(result.passed(), BudgetCheck.format(result));
    }

    private static BudgetCheck.Line lineFor(BudgetCheck.Result result, String label) {
        return result.lines().stream().filter(l -> l.label().equals(label)).findFirst().orElseThrow();
    }
}
