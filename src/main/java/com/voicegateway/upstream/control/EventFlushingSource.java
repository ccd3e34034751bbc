package com.voicegateway.upstream.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okio.Buffer;
import okio.Source;
import okio.Timeout;

/**
 * Appends an empty {@code data: {}} event after every Server-Sent Event of an upstream stream.
 *
 * <p>Why: the GenAI SDK's {@code ResponseStream} iterator reads one event ahead, so without this
 * each chunk would reach us only when the <em>next</em> one had arrived: a whole token interval
 * added to time-to-first-token and to every delta. With a filler behind each event, the
 * look-ahead finds the filler already buffered and returns the real chunk at once. The filler
 * parses to an empty response, which {@link GeminiClient} skips.
 */
final class EventFlushingSource implements Source {

    private static final byte[] FILLER = "data: {}\n\n".getBytes(StandardCharsets.US_ASCII);

    private final Source upstream;
    private final Buffer raw = new Buffer();
    private final Buffer ready = new Buffer();
    private boolean lineJustEnded;

    EventFlushingSource(Source upstream) {
        this.upstream = upstream;
    }

    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
        if (ready.size() == 0) {
            long read = upstream.read(raw, 8192);
            if (read == -1) {
                return -1;
            }
            while (raw.size() > 0) {
                byte b = raw.readByte();
                ready.writeByte(b);
                if (b == '\n') {
                    if (lineJustEnded) {
                        ready.write(FILLER);
                        lineJustEnded = false;
                    } else {
                        lineJustEnded = true;
                    }
                } else if (b != '\r') {
                    lineJustEnded = false;
                }
            }
        }
        return ready.read(sink, Math.min(byteCount, ready.size()));
    }

    @Override
    public Timeout timeout() {
        return upstream.timeout();
    }

    @Override
    public void close() throws IOException {
        upstream.close();
    }
}
