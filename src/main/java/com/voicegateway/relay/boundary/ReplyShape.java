package com.voicegateway.relay.boundary;

import com.voicegateway.relay.control.ReplyWriter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.OutputStream;

/**
 * What one streamed surface's reply looks like on the wire: either collected into one body or
 * streamed event by event. {@link AsyncReply} does the suspending, streaming and waiting for every
 * surface (the gateway's own API, the Gemini-compatible API); a surface only says how its bytes look.
 */
public interface ReplyShape {

    /** The {@code format} label of the request metric. */
    String label();

    /** A fresh collector when the reply goes out as one body; null when it streams. */
    Collector collector();

    /** The streamed response's content type. */
    MediaType streamType();

    /** The writer that puts each event of a streamed reply on {@code out}. */
    ReplyWriter streamTo(OutputStream out);

    /** Gathers a whole reply in memory and turns it into one response (a reply that broke off becomes its error). */
    interface Collector extends ReplyWriter {
        Response response();
    }
}
