package com.voicegateway.upstream.control;

import com.google.genai.ResponseStream;
import com.google.genai.types.GenerateContentResponse;
import com.voicegateway.upstream.entity.UpstreamChunk;
import java.util.Iterator;

/**
 * One open upstream reply. {@link #close()} may be called from another thread (client gone, total
 * timeout): the blocked reader then fails, and the socket is released.
 */
public final class UpstreamStream implements AutoCloseable {

    private final ResponseStream<GenerateContentResponse> responses;
    private final Iterator<GenerateContentResponse> iterator;
    private final UpstreamWatchdog.Watch watch;
    private volatile boolean closed;
    private volatile boolean complete;

    UpstreamStream(ResponseStream<GenerateContentResponse> responses, UpstreamWatchdog.Watch watch) {
        this.responses = responses;
        this.iterator = responses.iterator();
        this.watch = watch;
        if (watch != null) {
            // the SDK read the first event before handing the stream over
            watch.progress();
        }
    }

    /** The next chunk with content, or null when the upstream ended the stream. */
    public UpstreamChunk next() {
        try {
            while (iterator.hasNext()) {
                UpstreamChunk chunk = SdkResponses.chunk(iterator.next());
                if (watch != null) {
                    watch.progress();
                }
                if (chunk != null) {
                    complete = chunk.last();
                    return chunk;
                }
            }
            return null;
        } catch (RuntimeException e) {
            throw SdkFailures.translate(e);
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
        } else if (watch != null) {
            // ResponseStream.close() alone waits for a blocked read; cancelling the call ends it now.
            watch.cancel();
        }
        if (watch != null) {
            watch.close();
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
            if (watch != null) {
                watch.cancel();
            }
        }
    }
}
