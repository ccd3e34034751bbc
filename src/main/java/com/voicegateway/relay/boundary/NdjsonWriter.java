package com.voicegateway.relay.boundary;

import com.voicegateway.relay.control.ReplyWriter;
import com.voicegateway.relay.entity.ReplyDone;
import com.voicegateway.problems.entity.Problem;
import com.voicegateway.audio.entity.MessageAudio;
import jakarta.json.JsonObject;
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

    @Override
    public void transcript(String text) throws IOException {
        send("transcript", ReplyJson.transcript(text));
    }

    @Override
    public void audio(MessageAudio audio) throws IOException {
        send("audio", ReplyJson.audio(audio));
    }

    private void send(String type, JsonObject payload) throws IOException {
        String json = ReplyJson.event(type, payload) + "\n";
        out.write(json.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
