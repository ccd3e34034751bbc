package com.voicegateway.live.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.genai.types.LiveServerMessage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LiveUpstreamTest {

    @Test
    void aGoAwayWithAFractionalTimeLeftIsReadRoundedDown() {
        // protobuf JSON writes 0, 3, 6 or 9 fractional digits; the SDK reads only whole seconds
        LiveServerMessage message = LiveUpstream.read("{\"goAway\":{\"timeLeft\":\"1.500s\"}}");
        assertEquals(Duration.ofSeconds(1), message.goAway().orElseThrow().timeLeft().orElseThrow());
        assertEquals(Duration.ZERO, LiveUpstream.read("{\"goAway\":{\"timeLeft\":\"0.250s\"}}").goAway().orElseThrow().timeLeft().orElseThrow());
    }

    @Test
    void wholeSecondsAndOtherMessagesAreReadAsTheSdkReadsThem() {
        assertEquals(Duration.ofSeconds(50), LiveUpstream.read("{\"goAway\":{\"timeLeft\":\"50s\"}}").goAway().orElseThrow().timeLeft().orElseThrow());
        LiveServerMessage content = LiveUpstream.read(
                "{\"serverContent\":{\"outputTranscription\":{\"text\":\"it took 1.5s\"},\"turnComplete\":true}}");
        assertEquals("it took 1.5s", content.serverContent().orElseThrow().outputTranscription().orElseThrow().text().orElseThrow());
    }

    @Test
    void aMessageTheSdkCannotReadForAnotherReasonStillFails() {
        assertThrows(RuntimeException.class, () -> LiveUpstream.read("{\"goAway\":{\"timeLeft\":\"soon\"}}"));
    }
}
