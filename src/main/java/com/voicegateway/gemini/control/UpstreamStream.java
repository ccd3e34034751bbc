package com.voicegateway.gemini.control;

import com.google.genai.ResponseStream;
import com.google.genai.types.GenerateContentResponse;
import com.voicegateway.gemini.entity.UpstreamChunk;
import java.util.Iterator;
import okhttp3.Call;

/**
 * One open upstream reply. {@link #close()} may be called from another thread (client gone, total
 * timeout): the blocked reader then fails, and the socket is released.
 */
public final class UpstreamStream implements AutoCloseable {

    private final ResponseStream<GenerateContentResponse> responses;
    private final Iterator<GenerateContentResponse> iterator;
    private final Call call;
    private volatile boolean closed;
    private volatile boolean complete;

    UpstreamStream(ResponseStream<GenerateContentResponse> responses, Call call) {
        this.responses = responses;
        this.iterator = responses.iterator();
        this.call = call;
    }

    /** The next chunk with content, or null when the upstream ended the stream. */
    public UpstreamChunk next() {
        try {
            while (iterator.hasNext()) {
                UpstreamChunk chunk = GeminiClient.chunk(iterator.next());
                if (chunk != null) {
                    complete = chunk.last();
                    return chunk;
                }
            }
            return null;
        } catch (RuntimeException e) {
            throw GeminiClient.translate(e);
        }
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (complete) {
            drain();
        } else if (call != null) {
            // ResponseStream.close() alone waits for a blocked read; cancelling the call ends it now.
            call.cancel();
        }
        responses.close();
    }

    /**
     * Reads what follows the last chunk (our filler, the end of the body), so that OkHttp returns the
     * connection to its pool instead of closing it: no new TCP/TLS handshake for the next reply.
     */
    private void drain() {
        try {
            while (iterator.hasNext()) {
                iterator.next();
            }
        } catch (RuntimeException unreadableTail) {
            if (call != null) {
                call.cancel();
            }
        }
    }
}
