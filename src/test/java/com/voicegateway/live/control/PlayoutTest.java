package com.voicegateway.live.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlayoutTest {

    private final Playout playout = new Playout(3, 100, 1_000);

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

    @Test
    void isFullAtItsFrameBoundAndHasRoomAgainAQuarterBelowIt() {
        for (int i = 0; i < 99; i++) {
            playout.add(new byte[] {1}, 0);
        }
        assertFalse(playout.full());
        playout.add(new byte[] {1}, 0);
        assertTrue(playout.full(), "100 frames");
        assertFalse(playout.room());
        for (int i = 0; i < 24; i++) {
            assertEquals(Playout.Tick.SENT, playout.tick());
        }
        assertFalse(playout.full());
        assertFalse(playout.room(), "76 frames: not yet a quarter below");
        playout.tick();
        assertTrue(playout.room(), "75 frames");
    }

    @Test
    void isFullAtItsByteBoundWhateverTheFrameCount() {
        playout.add(new byte[600], 0);
        assertFalse(playout.full());
        playout.add(new byte[399], 0);
        playout.add(new byte[1], 0);
        assertEquals(1_000, playout.bytes());
        assertTrue(playout.full(), "1,000 bytes in three frames");
        assertEquals(Playout.Tick.SENT, playout.tick());
        assertEquals(400, playout.bytes(), "what was sent no longer counts");
        assertTrue(playout.room());
        playout.flush();
        assertEquals(0, playout.bytes());
    }
}
