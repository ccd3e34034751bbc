package com.voicegateway.chat.control;

import com.voicegateway.chat.entity.ReplyDone;
import com.voicegateway.problems.entity.Problem;
import java.io.IOException;

/**
 * Where a relayed reply goes, in one of the reply formats. An {@link IOException} means the client
 * is gone: the relay then cancels the upstream call.
 */
public interface ReplyWriter {

    void delta(String text) throws IOException;

    void done(ReplyDone done) throws IOException;

    void error(Problem problem) throws IOException;
}
