package com.voicegateway.emulator.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.emulator.entity.ReplyPlan;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class ReplyPlannerTest {

    private final ReplyPlanner planner = planner();

    private static ReplyPlanner planner() {
        ReplyPlanner planner = new ReplyPlanner();
        planner.defaultTtftMs = 300;
        planner.defaultTokensPerSecond = 50;
        planner.defaultReplyTokens = 40;
        planner.defaultHangMs = 1000;
        return planner;
    }

    private static JsonObject request(String text) {
        return Json.createObjectBuilder().add("contents", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("role", "user")
                        .add("parts", Json.createArrayBuilder().add(Json.createObjectBuilder().add("text", text)))))
                .build();
    }

    @Test
    void theSameContentsGiveTheSameReplyOnAnyModel() {
        ReplyPlan a = planner.plan("gemini-2.5-flash", request("What is the weather?"));
        ReplyPlan b = planner.plan("gemini-2.5-pro", request("What is the weather?"));
        assertEquals(a.text(), b.text());
        assertEquals(40, a.tokens().size());
        assertNotEquals(a.text(), planner.plan("gemini-2.5-flash", request("Something else")).text());
    }

    @Test
    void directivesShapeThePlan() {
        ReplyPlan plan = planner.plan("m", request("x [[emulator ttftMs=5 tokens=3 tokensPerSecond=10 cutAfterTokens=2]]"));
        assertEquals(5, plan.ttftMs());
        assertEquals(3, plan.tokens().size());
        assertEquals(100.0, plan.tokenIntervalMs(), 1e-9);
        assertEquals(2, plan.cutAfterTokens());
        assertFalse(plan.fails());
    }

    @Test
    void aFailureRepeatsTimesThenTheSameRequestSucceeds() {
        JsonObject failing = request("y [[emulator fail=503 retryAfter=2 times=2]]");
        ReplyPlan first = planner.plan("m", failing);
        assertTrue(first.fails());
        assertEquals(503, first.failStatus());
        assertEquals(2, first.retryAfterSeconds());
        assertTrue(planner.plan("other-model", failing).fails(), "counted per contents, across models");
        assertFalse(planner.plan("m", failing).fails());
    }

    @Test
    void promptTokensCountTheWordsOfEveryTurnAndTheSystemInstruction() {
        JsonObject request = Json.createObjectBuilder(request("one two three"))
                .add("systemInstruction", Json.createObjectBuilder().add("parts",
                        Json.createArrayBuilder().add(Json.createObjectBuilder().add("text", "be brief"))))
                .build();
        assertEquals(5, planner.countTokens(request));
    }
}
