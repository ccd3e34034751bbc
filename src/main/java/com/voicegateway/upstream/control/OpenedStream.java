package com.voicegateway.upstream.control;

import com.voicegateway.upstream.entity.UpstreamChunk;

/** An upstream reply whose first chunk has arrived (not yet sent to anyone), on the model that produced it. */
public record OpenedStream(UpstreamStream stream, UpstreamChunk first, String model, long firstChunkNanos) {
}
