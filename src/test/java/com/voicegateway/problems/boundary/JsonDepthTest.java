package com.voicegateway.problems.boundary;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.voicegateway.problems.entity.GatewayException;
import com.voicegateway.problems.entity.ProblemType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonDepthTest {

    @Test
    void nestingUpToTheLimitPassesAndOneMoreLevelIsRefused() {
        assertDoesNotThrow(() -> JsonDepth.check("{\"a\":" + "[".repeat(3) + "]".repeat(3) + "}", 4));
        GatewayException deep = assertThrows(GatewayException.class,
                () -> JsonDepth.check("{\"a\":" + "[".repeat(4) + "]".repeat(4) + "}", 4));
        assertEquals("/problems/" + ProblemType.JSON_TOO_DEEP.slug(), deep.problem().type());
    }

    @Test
    void siblingsDoNotAddUp() {
        assertDoesNotThrow(() -> JsonDepth.check("[" + "{\"a\":[1]},".repeat(1_000) + "{}]", 3));
    }

    @Test
    void bracketsInStringsAndEscapedQuotesAreText() {
        assertDoesNotThrow(() -> JsonDepth.check("{\"text\":\"[[[[{{{{ \\\" [[[[ \\\\\"}", 1));
        // after an escaped backslash the quote does end the string, so the bracket after it counts
        assertThrows(GatewayException.class, () -> JsonDepth.check("{\"t\":\"\\\\\",\"u\":[[1]]}", 2));
    }

    @Test
    void readsUtf8BytesLikeChars() {
        byte[] body = ("{\"text\":\"こんにちは [[[\",\"deep\":[[1]]}").getBytes(StandardCharsets.UTF_8);
        JsonDepth depth = new JsonDepth(3);
        for (byte b : body) {
            depth.next(b);
        }
        JsonDepth shallow = new JsonDepth(2);
        assertThrows(GatewayException.class, () -> {
            for (byte b : body) {
                shallow.next(b);
            }
        });
    }
}
