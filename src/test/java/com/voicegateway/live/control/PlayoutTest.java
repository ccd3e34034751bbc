package com.voicegateway.live.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlayoutTest {

    private final Playout playout = new Playout(3);

    @Test
    void waitsForThePrebufferThenSendsOnePacketPerTickInOrder() {
        assertEquals(Playout.Tick.IDLE, playout.tick());
        playout.add(new byte[] {1}, 0);
        playout.add(new byte[] {2}, 0);
        assertEquals(Playout.Tick.WAITING, playout.tick(), "two of three prebuffer frames");
        playout.add(new byte[] {3}, 0);
        for (byte expected = 1; expected <= 3; expected++) {
            assertEquals(Playout.Tick.SENT, playout.tick());
            assertArrayEquals(new byte[] {expected}, playout.sent());
        }
        assertEquals(Playout.Tick.UNDERRUN, playout.tick(), "the reply is still coming");
        playout.add(new byte[] {4}, 0);
        assertEquals(Playout.Tick.WAITING, playout.tick(), "after an underrun it rebuilds the prebuffer, not frame by frame");
    }

    @Test
    void aCompleteReplyPlaysOutEvenBelowThePrebufferThenDrains() {
        playout.add(new byte[] {1}, 0);
        playout.complete();
        assertEquals(Playout.Tick.SENT, playout.tick());
        assertEquals(Playout.Tick.DRAINED, playout.tick());
        assertFalse(playout.active());
        assertEquals(Playout.Tick.IDLE, playout.tick());
    }

    @Test
    void aFlushDropsEverythingAtOnce() {
        for (int i = 0; i < 12; i++) {
            playout.add(new byte[] {(byte) i}, 0);
        }
        playout.tick();
        assertTrue(playout.active());
        assertEquals(11, playout.flush());
        assertFalse(playout.active());
        assertEquals(Playout.Tick.IDLE, playout.tick());
    }
}
