package com.voicegateway.problems.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FrameRateTest {

    @Test
    void aBurstOfTwiceTheRateThenOneAfterAnotherAsTimePasses() {
        FrameRate rate = new FrameRate(10);
        long now = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            assertEquals(FrameRate.Verdict.TAKE, rate.next(now), "frame " + i + " of the burst");
        }
        assertEquals(FrameRate.Verdict.REFUSE_AND_TELL, rate.next(now), "the first over the limit is answered");
        assertEquals(FrameRate.Verdict.REFUSE, rate.next(now), "the next ones in that second are not");
        assertEquals(FrameRate.Verdict.TAKE, rate.next(now + 100_000_000L), "100 ms later: one more at 10 a second");
        assertEquals(FrameRate.Verdict.REFUSE, rate.next(now + 100_000_000L));
        long later = now + 1_100_000_000L;
        for (int i = 0; i < 10; i++) {
            assertEquals(FrameRate.Verdict.TAKE, rate.next(later), "a second later: ten more");
        }
        assertEquals(FrameRate.Verdict.REFUSE_AND_TELL, rate.next(later), "over again, and a second since the last answer");
        assertEquals(429, rate.refused().status());
    }
}
