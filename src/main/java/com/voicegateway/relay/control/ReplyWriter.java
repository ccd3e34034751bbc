package com.voicegateway.relay.control;

import com.voicegateway.relay.entity.ReplyDone;
import com.voicegateway.problems.entity.Problem;
import com.voicegateway.audio.entity.MessageAudio;
import java.io.IOException;

/**
 * Where a relayed reply goes, in one of the reply formats. An {@link IOException} means the client
 * is gone: the relay then cancels the upstream call.
 */
public interface ReplyWriter {

    void delta(String text) throws IOException;

    void done(ReplyDone done) throws IOException;

    void error(Problem problem) throws IOException;

    /**
     * A voice turn's transcript of what the user said. Only voice turns send it; formats that never
     * carry a voice turn (the Gemini surface, the chat socket) ignore it.
     */
    default void transcript(String text) throws IOException {
    }

    /** A voice turn's spoken reply can be fetched from {@code audio.url()} (while it is still being produced). */
    default void audio(MessageAudio audio) throws IOException {
    }
}
