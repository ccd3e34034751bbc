package com.voicegateway.voice.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LittleEndianPcmTest {

    @Test
    void wholeSamplesAreReadLittleEndianAndSigned() {
        short[] samples = new LittleEndianPcm().next(new byte[] {0x01, 0x00, (byte) 0xff, (byte) 0xff, 0x00, (byte) 0x80, (byte) 0xff, 0x7f});
        assertArrayEquals(new short[] {1, -1, Short.MIN_VALUE, Short.MAX_VALUE}, samples);
    }

    @Test
    void aSampleSplitAcrossChunksIsJoined() {
        LittleEndianPcm pcm = new LittleEndianPcm();
        assertArrayEquals(new short[] {0x0201}, pcm.next(new byte[] {0x01, 0x02, 0x34}));
        assertTrue(pcm.pending());
        assertArrayEquals(new short[] {(short) 0xff34, 0x0605}, pcm.next(new byte[] {(byte) 0xff, 0x05, 0x06}));
        assertFalse(pcm.pending());
        assertArrayEquals(new short[0], pcm.next(new byte[] {0x07}));
        assertArrayEquals(new short[] {0x0807}, pcm.next(new byte[] {0x08}));
        assertArrayEquals(new short[0], pcm.next(new byte[0]));
    }
}
