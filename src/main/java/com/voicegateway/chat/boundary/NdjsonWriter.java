package com.voicegateway.chat.boundary;

import com.voicegateway.chat.control.ReplyWriter;
import com.voicegateway.chat.entity.ReplyDone;
import com.voicegateway.problems.entity.Problem;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Newline-delimited JSON: the SSE events as {@code {"type": ..., ...}} lines, flushed per line (chunked). */
final class NdjsonWriter implements ReplyWriter {

    private final OutputStream out;

    NdjsonWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public void delta(String text) throws IOException {
        send("delta", ReplyJson.delta(text));
    }

    @Override
    public void done(ReplyDone done) throws IOException {
        send("done", ReplyJson.done(done));
    }

    @Override
    public void error(Problem problem) throws IOException {
        send("error", ReplyJson.problem(problem));
    }

    /**
     * The event's {@code type} comes first; a problem's own {@code type} (its URI) would collide
     * with it, so in an error line it is called {@code problemType}.
     */
    private void send(String type, JsonObject payload) throws IOException {
        JsonObjectBuilder line = ReplyJson.JSON.createObjectBuilder().add("type", type);
        payload.forEach((name, value) -> line.add("type".equals(name) ? "problemType" : name, value));
        String json = line.build() + "\n";
        out.write(json.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
