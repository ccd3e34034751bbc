package com.voicegateway.lifecycle.entity;

import com.voicegateway.settings.entity.Setting;

/** How long replies in flight may go on once the server is told to stop. */
public record DrainSettings(
        @Setting(name = "gateway.shutdown.drain-ms", defaultValue = "20000") long drainMs) {

    public DrainSettings {
        if (drainMs < 0 || drainMs > 25_000) {
            throw new IllegalArgumentException("gateway.shutdown.drain-ms is 0-25000 (Liberty cuts what is left after its 30 s quiesce), not "
                    + drainMs);
        }
    }
}
