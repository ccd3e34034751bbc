package com.voicegateway.sessions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.problems.entity.GatewayException;
import com.voicegateway.sessions.entity.Message;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The parts of the store that need no Redis: ids, keys, cursors, message encoding. */
class SessionStoreTest {

    @Test
    void idsAreRandomAndWellFormed() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = SessionKeys.newId();
            assertTrue(SessionKeys.validId(id), id);
            ids.add(id);
        }
        assertEquals(1000, ids.size());
        assertFalse(SessionKeys.validId("s_short"));
        assertFalse(SessionKeys.validId("x_0000000000000000000000"));
        assertFalse(SessionKeys.validId("s_00000000000000000000}:m"), "no key injection through ids");
    }

    @Test
    void aSessionsKeysShareOneClusterSlot() {
        String id = SessionKeys.newId();
        String tag = "{" + id + "}";
        assertTrue(SessionKeys.sessionKey(id).contains(tag));
        assertTrue(SessionKeys.messagesKey(id).contains(tag));
        assertTrue(SessionKeys.lockKey(id).contains(tag));
    }

    @Test
    void cursorsRoundTripAndGarbageIsA400NamingTheCursor() {
        SessionCursor cursor = new SessionCursor(1_732_000_000_000L, "s_abcdefabcdefabcdefabcd");
        assertEquals(cursor, SessionCursor.parse(cursor.encode()));
        assertNull(SessionCursor.parse(null));
        GatewayException bad = assertThrows(GatewayException.class, () -> SessionCursor.parse("%%%"));
        assertEquals(400, bad.status());
        assertEquals("cursor", bad.problem().invalidParams().get(0).name());
    }

    @Test
    void messagesAreStoredWithoutIdsAndReadBackWithThem() {
        String json = MessageCodec.json(Message.Role.MODEL, "Hi \"there\"", 1_000L, false);
        assertFalse(json.contains("\"id\""), "the script puts the id first");
        String stored = "{\"id\":7," + json.substring(1);
        Message message = MessageCodec.message(stored);
        assertEquals(new Message(7, Message.Role.MODEL, "Hi \"there\"", Instant.ofEpochMilli(1_000L), false), message);
    }

    @Test
    void audioMetadataTravelsWithTheMessage() {
        com.voicegateway.audio.entity.MessageAudio upload =
                com.voicegateway.audio.entity.MessageAudio.upload("audio/wav", 7_000L, 224_044L, "q83vEjRWeJA=");
        String stored = "{\"id\":3," + MessageCodec.json(Message.Role.USER, "", 5L, true, upload).substring(1);
        assertEquals(new Message(3, Message.Role.USER, "", Instant.ofEpochMilli(5L), true, upload), MessageCodec.message(stored));
        com.voicegateway.audio.entity.MessageAudio reply =
                com.voicegateway.audio.entity.MessageAudio.reply("audio/ogg", 2_400L, 9_000L, "/api/v1/sessions/s/utterances/u/reply.ogg");
        String model = "{\"id\":4," + MessageCodec.json(Message.Role.MODEL, "Hi", 5L, true, reply).substring(1);
        assertEquals(reply, MessageCodec.message(model).audio());
        assertFalse(model.contains("sha256"), "fields that do not apply are left out");
        assertNull(MessageCodec.message("{\"id\":5," + MessageCodec.json(Message.Role.MODEL, "x", 5L, true).substring(1)).audio());
    }
}
