package com.voicegateway.relay.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyFormatTest {

    @Test
    void theClientsFirstAcceptableTypeWins() {
        assertEquals(ReplyFormat.SSE, ReplyFormat.negotiate(List.of(MediaType.SERVER_SENT_EVENTS_TYPE)));
        assertEquals(ReplyFormat.NDJSON, ReplyFormat.negotiate(List.of(new MediaType("application", "x-ndjson"), MediaType.APPLICATION_JSON_TYPE)));
        assertEquals(ReplyFormat.JSON, ReplyFormat.negotiate(List.of(MediaType.APPLICATION_JSON_TYPE, MediaType.SERVER_SENT_EVENTS_TYPE)));
    }

    @Test
    void wildcardsMeanOneJsonBody() {
        assertEquals(ReplyFormat.JSON, ReplyFormat.negotiate(List.of(MediaType.WILDCARD_TYPE)));
        assertEquals(ReplyFormat.JSON, ReplyFormat.negotiate(List.of(new MediaType("application", "*"))));
        assertEquals(ReplyFormat.SSE, ReplyFormat.negotiate(List.of(new MediaType("text", "*"))));
    }

    @Test
    void nothingAcceptableIsNull() {
        assertNull(ReplyFormat.negotiate(List.of(new MediaType("image", "png"))));
    }
}
