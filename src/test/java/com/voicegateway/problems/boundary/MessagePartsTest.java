package com.voicegateway.problems.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class MessagePartsTest {

    @Test
    void textPartsMakeOneMessageAndTheNextStartsAfresh() {
        MessageParts parts = new MessageParts(10);
        assertNull(parts.text("{\"a\":", false));
        assertEquals("{\"a\":1}", parts.text("1}", true));
        assertEquals("0123456789", parts.text("0123456789", true), "exactly the limit is allowed, counted from the new message");
        assertFalse(parts.exceeded());
    }

    @Test
    void theLimitIsInUtf8BytesNotCharacters() {
        MessageParts parts = new MessageParts(6);
        assertNull(parts.text("éé€", true), "2 + 2 + 3 bytes is over 6");
        assertTrue(parts.exceeded());
        MessageParts fits = new MessageParts(7);
        assertEquals("éé€", fits.text("éé€", true));
        MessageParts emoji = new MessageParts(3);
        assertNull(emoji.text("😀", true), "a surrogate pair is 4 bytes");
        assertTrue(emoji.exceeded());
    }

    @Test
    void aMessageOverTheLimitIsNeverDeliveredAndSaysSoInItsReason() {
        MessageParts parts = new MessageParts(8);
        assertNull(parts.text("12345", false));
        assertNull(parts.text("67890", false));
        assertTrue(parts.exceeded());
        assertNull(parts.text("x", true), "the rest of an oversize message is dropped too");
        assertEquals("Message too big: at most 8 bytes", parts.reason());
    }

    @Test
    void binaryPartsAreJoinedAndAWholeFrameIsCopiedOnce() {
        MessageParts parts = new MessageParts(6);
        assertArrayEquals(new byte[] {1, 2, 3}, parts.binary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true));
        assertNull(parts.binary(ByteBuffer.wrap(new byte[] {4, 5}), false));
        assertArrayEquals(new byte[] {4, 5, 6, 7}, parts.binary(ByteBuffer.wrap(new byte[] {6, 7}), true));
        assertNull(parts.binary(ByteBuffer.wrap(new byte[7]), true));
        assertTrue(parts.exceeded());
    }
}
