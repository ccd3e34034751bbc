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
        if (!closed) {
            closed = true;
            if (call != null) {
                // ResponseStream.close() alone waits for the blocked read; cancelling the call ends it now.
                call.cancel();
            }
            responses.close();
        }
    }
}
