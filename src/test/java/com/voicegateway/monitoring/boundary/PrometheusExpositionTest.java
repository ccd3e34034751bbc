package com.voicegateway.monitoring.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exposition checker finds each defect /metrics had, and passes valid text. */
class PrometheusExpositionTest {

    private static final String VALID = """
            # HELP gateway_ttft_seconds Time to the first token
            # TYPE gateway_ttft_seconds histogram
            gateway_ttft_seconds_bucket{model="m",mp_scope="application",le="0.1",} 1.0
            gateway_ttft_seconds_bucket{model="m",mp_scope="application",le="1.0",} 2.0
            gateway_ttft_seconds_bucket{model="m",mp_scope="application",le="+Inf",} 2.0
            gateway_ttft_seconds_count{model="m",mp_scope="application",} 2.0
            gateway_ttft_seconds_sum{model="m",mp_scope="application",} 0.6
            # HELP gateway_tokens_output_total Reply tokens
            # TYPE gateway_tokens_output_total counter
            gateway_tokens_output_total{model="m"} 12
            # HELP http_server_request_duration_seconds HTTP requests
            # TYPE http_server_request_duration_seconds summary
            http_server_request_duration_seconds_count{http_route="/api/v1/sessions/{id}",error_type="",} 2.0
            http_server_request_duration_seconds_sum{http_route="/api/v1/sessions/{id}",error_type="",} 0.2
            # HELP rest_request_seconds REST requests
            # TYPE rest_request_seconds summary
            rest_request_seconds{quantile="0.5"} 0.1
            rest_request_seconds_count 3
            rest_request_seconds_sum 0.4
            """;

    /** An excerpt of what /metrics served before the fix. */
    private static String beforeFix() throws IOException {
        try (java.io.InputStream in = PrometheusExpositionTest.class.getResourceAsStream("/metrics/before-fix.txt")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static List<String> problems(String text) {
        return PrometheusExposition.read(text, name -> false).problems();
    }

    @Test
    void validTextHasNoProblemsAndItsValuesCanBeRead() {
        PrometheusExposition exposition = PrometheusExposition.read(VALID, name -> false);
        assertEquals(List.of(), exposition.problems());
        assertEquals(2.0, exposition.value("gateway_ttft_seconds_bucket", Map.of("model", "m", "le", "+Inf")));
        assertEquals(12.0, exposition.value("gateway_tokens_output_total", Map.of("model", "m")));
        assertEquals("histogram", exposition.families().get("gateway_ttft_seconds").type());
    }

    @Test
    void theOldMetricsOutputFails() throws IOException {
        List<String> problems = problems(beforeFix());
        assertEquals(3, problems.stream().filter(p -> p.contains("is not _bucket, _sum or _count")).count(), problems.toString());
        assertTrue(problems.contains("ft_retry_calls_total: HELP without text"), problems.toString());
        assertTrue(PrometheusExposition.read(beforeFix(),
                name -> name.startsWith("ft_")).problems().stream().noneMatch(p -> p.startsWith("ft_")), "an allowed empty HELP");
    }

    @Test
    void aSampleBeforeItsTypeOrASecondTypeFails() {
        assertTrue(problems("gateway_x 1\n# HELP gateway_x x\n# TYPE gateway_x gauge\n").stream()
                .anyMatch(p -> p.contains("before any TYPE")));
        assertTrue(problems("# HELP gateway_x x\n# TYPE gateway_x gauge\n# TYPE gateway_x counter\ngateway_x 1\n").stream()
                .anyMatch(p -> p.contains("second TYPE")));
    }

    @Test
    void aMissingHelpOrASplitFamilyFails() {
        assertTrue(problems("# TYPE gateway_x gauge\ngateway_x 1\n").contains("gateway_x: no HELP"));
        assertTrue(problems("# HELP a a\n# TYPE a gauge\na{k=\"1\"} 1\n# HELP b b\n# TYPE b gauge\nb 1\na{k=\"2\"} 2\n").stream()
                .anyMatch(p -> p.contains("family a continues after another family")));
    }

    @Test
    void bucketsMustAscendAccumulateAndEndWithInfinityEqualToTheCount() {
        String head = "# HELP h h\n# TYPE h histogram\n";
        assertTrue(problems(head + "h_bucket{le=\"1\"} 2\nh_bucket{le=\"0.5\"} 2\nh_bucket{le=\"+Inf\"} 2\nh_count 2\nh_sum 1\n")
                .stream().anyMatch(p -> p.contains("le not ascending")));
        assertTrue(problems(head + "h_bucket{le=\"1\"} 2\nh_bucket{le=\"2\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_count 2\nh_sum 1\n")
                .stream().anyMatch(p -> p.contains("not cumulative")));
        assertTrue(problems(head + "h_bucket{le=\"1\"} 2\nh_count 2\nh_sum 1\n")
                .stream().anyMatch(p -> p.contains("do not end with le=\"+Inf\"")));
        assertTrue(problems(head + "h_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 3\nh_count 2\nh_sum 1\n")
                .stream().anyMatch(p -> p.contains("differs from _count")));
    }

    @Test
    void malformedLinesFail() {
        assertTrue(problems("# HELP g g\n# TYPE g gauge\ng{k=\"1\" j=\"2\"} 1\n").stream().anyMatch(p -> p.contains("bad label set")));
        assertTrue(problems("# HELP g g\n# TYPE g gauge\ng one\n").stream().anyMatch(p -> p.contains("bad number")));
        assertTrue(problems("# HELP g g\n# TYPE g gauge\ng 1\ng 2\n").stream().anyMatch(p -> p.contains("duplicate series")));
        assertTrue(problems("# HELP g g\n# TYPE g gaug\ng 1\n").stream().anyMatch(p -> p.contains("unknown TYPE")));
    }
}
