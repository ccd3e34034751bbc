package com.voicegateway.emulator.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DirectivesTest {

    @Test
    void readsKeyValuePairsAndFlags() {
        Directives directives = Directives.parse("Hi [[emulator ttftMs=400 tokens=120 tokensPerSecond=80.5 hang]] there");
        assertEquals(400, directives.number("ttftMs", 0));
        assertEquals(120, directives.number("TOKENS", 0), "keys are case-insensitive");
        assertEquals(80.5, directives.decimal("tokensPerSecond", 0), 1e-9);
        assertTrue(directives.has("hang"));
    }

    @Test
    void missingOrUnreadableValuesFallBack() {
        Directives directives = Directives.parse("[[emulator tokens=lots]]");
        assertEquals(7, directives.number("tokens", 7));
        assertEquals(3, directives.number("ttftMs", 3));
        assertFalse(directives.has("fail"));
    }

    @Test
    void textWithoutADirectiveHasNone() {
        assertEquals(Directives.NONE, Directives.parse("just a question [[not emulator]]"));
        assertEquals(Directives.NONE, Directives.parse(null));
    }

    @Test
    void onlyTheLastBlockCounts() {
        Directives directives = Directives.parse("earlier turn [[emulator fail=429 cutAfterTokens=2]]\nnow [[emulator retryAfter=2 times=3]]");
        assertFalse(directives.has("fail"), "an earlier turn's directive does not leak");
        assertFalse(directives.has("cutAfterTokens"));
        assertEquals(2, directives.number("retryAfter", 0));
        assertEquals(3, directives.number("times", 0));
    }
}
