package com.voicegateway.relay.boundary;

import com.voicegateway.relay.control.ReplyWriter;
import com.voicegateway.relay.entity.ReplyDone;
import com.voicegateway.problems.entity.Problem;
import com.voicegateway.audio.entity.MessageAudio;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Server-Sent Events: {@code event: delta|done|error} with a one-line JSON {@code data}, flushed per event. */
final class SseWriter implements ReplyWriter {

    private final OutputStream out;

    SseWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public void delta(String text) throws IOException {
        send("delta", ReplyJson.delta(text).toString());
    }

    @Override
    public void done(ReplyDone done) throws IOException {
        send("done", ReplyJson.done(done).toString());
    }

    @Override
    public void error(Problem problem) throws IOException {
        send("error", ReplyJson.problem(problem).toString());
    }

    @Override
    public void transcript(String text) throws IOException {
        send("transcript", ReplyJson.transcript(text).toString());
    }

    @Override
    public void audio(MessageAudio audio) throws IOException {
        send("audio", ReplyJson.audio(audio).toString());
    }

    private void send(String event, String json) throws IOException {
        out.write(("event: " + event + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
