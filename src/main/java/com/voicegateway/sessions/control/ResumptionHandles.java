package com.voicegateway.sessions.control;

import com.voicegateway.redis.control.RedisAccess;
import com.voicegateway.redis.control.RedisScript;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A session's newest Gemini Live resumption handle, kept in the session's hash ({@code liveHandle},
 * {@code liveHandleAt}) so that it lives and dies with the session and any node can resume the
 * conversation. A handle older than the resumption window is as good as none.
 */
@ApplicationScoped
public class ResumptionHandles {

    private static final RedisScript SAVE = RedisScript.load("session-live-handle");

    @Inject
    RedisAccess redis;

    /** The handle, if one was kept within {@code window}. */
    public Optional<String> find(String sessionId, Duration window) {
        List<String> fields = redis.call("live-handle-read",
                r -> r.hmget(SessionKeys.sessionKey(sessionId), "liveHandle", "liveHandleAt"));
        if (fields.size() < 2 || fields.get(0) == null || fields.get(0).isEmpty() || fields.get(1) == null) {
            return Optional.empty();
        }
        long age = System.currentTimeMillis() - Long.parseLong(fields.get(1));
        return age <= window.toMillis() ? Optional.of(fields.get(0)) : Optional.empty();
    }

    /** Keeps {@code handle} as the session's newest; false when the session is gone or not the owner's. */
    public boolean save(String sessionId, String owner, String handle) {
        Object saved = redis.run(SAVE, List.of(SessionKeys.sessionKey(sessionId)),
                List.of(owner, handle, Long.toString(System.currentTimeMillis())));
        return saved instanceof Long one && one == 1;
    }

    /** Forgets the handle (the upstream refused it). */
    public void forget(String sessionId) {
        redis.call("live-handle-forget", r -> r.hdel(SessionKeys.sessionKey(sessionId), "liveHandle", "liveHandleAt"));
    }
}
