package com.voicegateway.upstream.entity;

/**
 * A reply broke off after its first chunk (connection cut, in-stream error, total timeout). Never
 * retried: part of the reply already reached the client, which gets exactly one {@code error} event.
 */
public class StreamBrokenException extends UpstreamException {

    private static final long serialVersionUID = 1L;

    public StreamBrokenException(String slug, int status, String detail, Throwable cause) {
        super(slug, "Upstream reply broke off", status, detail, null, cause);
    }
}
