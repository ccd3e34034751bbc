package com.voicegateway.geminiapi.boundary;

import com.voicegateway.relay.control.ReplyWriter;
import com.voicegateway.relay.entity.ReplyDone;
import com.voicegateway.problems.entity.Problem;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A streamed {@code streamGenerateContent} reply, one {@code GenerateContentResponse} per upstream
 * chunk, flushed as it arrives: Server-Sent Events ({@code data: <json>\r\n\r\n}, with {@code alt=sse})
 * or, without it, Gemini's default of one JSON array written element by element. The last element
 * carries the finish reason and token counts; a failure midway is an {@code {"error": ...}} element,
 * which is how Gemini reports it and what its SDKs throw on.
 */
final class GeminiStreamWriter implements ReplyWriter {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.UTF_8);
    private static final byte[] EVENT_END = "\r\n\r\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ARRAY_START = "[".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ARRAY_NEXT = ",\r\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ARRAY_END = "]".getBytes(StandardCharsets.UTF_8);

    private final OutputStream out;
    private final boolean sse;
    private final String responseId;
    private boolean first = true;

    GeminiStreamWriter(OutputStream out, boolean sse, String responseId) {
        this.out = out;
        this.sse = sse;
        this.responseId = responseId;
    }

    @Override
    public void delta(String text) throws IOException {
        send(GeminiJson.chunk(text, responseId).toString(), false);
    }

    @Override
    public void done(ReplyDone done) throws IOException {
        // the relay sends the last chunk's text as a delta before done: the final element has none left
        send(GeminiJson.last("", done, responseId).toString(), true);
    }

    @Override
    public void error(Problem problem) throws IOException {
        send(GeminiJson.error(problem, 0).toString(), true);
    }

    private void send(String json, boolean last) throws IOException {
        if (sse) {
            out.write(DATA);
            out.write(json.getBytes(StandardCharsets.UTF_8));
            out.write(EVENT_END);
        } else {
            out.write(first ? ARRAY_START : ARRAY_NEXT);
            out.write(json.getBytes(StandardCharsets.UTF_8));
            if (last) {
                out.write(ARRAY_END);
            }
        }
        first = false;
        out.flush();
    }
}
