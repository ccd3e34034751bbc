package com.voicegateway.problems.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemTest {

    @Test
    void onlyErrorStatusesMakeProblems() {
        assertThrows(IllegalArgumentException.class, () -> Problem.of("ok", "OK", 200, "fine"));
        assertThrows(IllegalArgumentException.class, () -> new Problem("/problems/x", null, 400, "d", null));
    }

    @Test
    void aGatewayExceptionKnowsItsProblem() {
        GatewayException badRequest = GatewayException.badRequest("input", "input is required");
        Problem problem = badRequest.problem();
        assertEquals("/problems/invalid-request", problem.type());
        assertEquals(400, problem.status());
        assertEquals(List.of(new Problem.InvalidParam("input", "input is required")), problem.invalidParams());
        assertNull(GatewayException.unauthorized("no key").problem().invalidParams(), "absent, not an empty list");
        assertEquals(413, GatewayException.payloadTooLarge(10).status());
    }
}
