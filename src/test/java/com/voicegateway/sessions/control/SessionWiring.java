package com.voicegateway.sessions.control;

import java.util.Map;
import com.voicegateway.sessions.entity.SessionSettings;
import com.voicegateway.redis.control.RedisAccess;

/** Builds a SessionStore and TurnLocks by hand over a hand-wired RedisAccess, for code that runs outside Liberty. */
public final class SessionWiring {

    private SessionWiring() {
    }

    public static SessionStore store(RedisAccess access, long ttlSeconds) {
        SessionStore store = new SessionStore();
        store.redis = access;
        store.metrics = com.voicegateway.redis.control.HandWiring.noOpMetrics();
        store.settings = SessionSettings.of(Map.of("gateway.sessions.ttl-seconds", Long.toString(ttlSeconds)));
        return store;
    }

    public static TurnLocks locks(RedisAccess access, long turnLockSeconds) {
        TurnLocks locks = new TurnLocks();
        locks.redis = access;
        locks.settings = SessionSettings.of(Map.of("gateway.sessions.turn-lock-seconds", Long.toString(turnLockSeconds)));
        return locks;
    }
}
