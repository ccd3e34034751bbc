package com.voicegateway.geminiapi.boundary;

import com.voicegateway.relay.boundary.ReplyShape;
import com.voicegateway.relay.control.ReplyWriter;
import jakarta.ws.rs.core.MediaType;
import java.io.OutputStream;
import java.util.UUID;

/**
 * A Gemini-surface reply: collected into one {@code GenerateContentResponse}, or streamed chunk by
 * chunk as Server-Sent Events or a JSON array. Every chunk of one reply carries the same response id.
 */
final class GeminiShape implements ReplyShape {

    /** How the reply goes out; {@code label} is the metric's {@code format}. */
    enum Format {
        JSON("json"), SSE("sse"), JSON_ARRAY("json-array");

        final String label;

        Format(String label) {
            this.label = label;
        }
    }

    static final String ROUTE = "gemini";

    private final Format format;
    private final String responseId = UUID.randomUUID().toString().replace("-", "");

    GeminiShape(Format format) {
        this.format = format;
    }

    @Override
    public String label() {
        return format.label;
    }

    @Override
    public Collector collector() {
        return format == Format.JSON ? new GeminiCollector(responseId) : null;
    }

    @Override
    public MediaType streamType() {
        return format == Format.SSE ? MediaType.SERVER_SENT_EVENTS_TYPE : MediaType.APPLICATION_JSON_TYPE;
    }

    @Override
    public ReplyWriter streamTo(OutputStream out) {
        return new GeminiStreamWriter(out, format == Format.SSE, responseId);
    }
}
