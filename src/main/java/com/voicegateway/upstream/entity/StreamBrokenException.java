package com.voicegateway.upstream.entity;

import com.voicegateway.problems.entity.ProblemType;

/**
 * A reply broke off after its first chunk (connection cut, in-stream error, total timeout). Never
 * retried: part of the reply already reached the client, which gets exactly one {@code error} event.
 */
public class StreamBrokenException extends UpstreamException {

    private static final long serialVersionUID = 1L;

    public StreamBrokenException(ProblemType type, String detail, Throwable cause) {
        super(type, detail, null, cause);
    }
}
