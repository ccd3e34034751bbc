package com.voicegateway.relay.boundary;

import com.voicegateway.relay.control.ReplyWriter;
import com.voicegateway.relay.entity.ReplyFormat;
import jakarta.ws.rs.core.MediaType;
import java.io.OutputStream;

/** The gateway's own reply formats: one JSON body, Server-Sent Events or NDJSON. */
record FormatShape(ReplyFormat format) implements ReplyShape {

    @Override
    public String label() {
        return format.label();
    }

    @Override
    public Collector collector() {
        return format == ReplyFormat.JSON ? new JsonCollector() : null;
    }

    @Override
    public MediaType streamType() {
        return format.mediaType();
    }

    @Override
    public ReplyWriter streamTo(OutputStream out) {
        return format == ReplyFormat.SSE ? new SseWriter(out) : new NdjsonWriter(out);
    }
}
