package com.voicegateway.upstream.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import org.junit.jupiter.api.Test;

class EventFlushingSourceTest {

    @Test
    void appendsAnEmptyEventAfterEveryEvent() throws IOException {
        assertEquals("data: {\"a\":1}\r\n\r\ndata: {}\n\ndata: {\"b\":2}\n\ndata: {}\n\n",
                through("data: {\"a\":1}\r\n\r\ndata: {\"b\":2}\n\n"));
    }

    @Test
    void anEventSplitAcrossReadsIsStillFollowedByOneFiller() throws IOException {
        Buffer upstream = new Buffer();
        BufferedSource flushed = Okio.buffer(new EventFlushingSource(upstream));
        upstream.writeUtf8("data: {\"a\"");
        assertEquals("data: {\"a\"", flushed.readUtf8(flushed.getBuffer().size() + upstreamRead(flushed)));
        upstream.writeUtf8(":1}\n");
        upstream.writeUtf8("\n");
        assertEquals(":1}\n\ndata: {}\n\n", flushed.readUtf8());
    }

    @Test
    void aStreamWithoutEventsIsUntouched() throws IOException {
        assertEquals(": keep-alive\n", through(": keep-alive\n"));
    }

    private static long upstreamRead(BufferedSource source) throws IOException {
        source.request(1);
        return source.getBuffer().size();
    }

    private static String through(String sse) throws IOException {
        Buffer upstream = new Buffer().writeString(sse, StandardCharsets.UTF_8);
        try (BufferedSource flushed = Okio.buffer(new EventFlushingSource(upstream))) {
            return flushed.readUtf8();
        }
    }
}
