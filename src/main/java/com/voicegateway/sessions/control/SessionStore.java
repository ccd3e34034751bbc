package com.voicegateway.sessions.control;

import com.voicegateway.redis.control.RedisAccess;
import com.voicegateway.redis.control.RedisScript;

import com.voicegateway.monitoring.control.GatewayMetrics;
import com.voicegateway.sessions.entity.Message;
import com.voicegateway.audio.entity.MessageAudio;
import com.voicegateway.redis.entity.Page;
import com.voicegateway.redis.entity.RedisUnavailableException;
import com.voicegateway.sessions.entity.Session;
import com.voicegateway.sessions.entity.SessionNotFoundException;
import com.voicegateway.sessions.entity.SessionSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReaderFactory;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.Retry;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.resps.Tuple;

/**
 * Sessions and their histories, in Redis and nowhere else, so any node serves any session: create,
 * use (sliding the idle TTL of all of a session's keys in one script), list by owner, delete, read
 * and append messages, with the owner index and the live-session count kept beside them. The key
 * layout is {@link SessionKeys}, a message's stored form {@link MessageCodec}, the turn lock
 * {@link TurnLocks}. Reads are retried briefly (they are idempotent); writes never are.
 */
@ApplicationScoped
public class SessionStore {

    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private static final RedisScript CREATE = RedisScript.load("session-create");
    private static final RedisScript TOUCH = RedisScript.load("session-touch");
    private static final RedisScript APPEND = RedisScript.load("session-append");
    private static final RedisScript DELETE = RedisScript.load("session-delete");

    @Inject
    RedisAccess redis;

    @Inject
    GatewayMetrics metrics;

    @Inject
    SessionSettings settings;

    @PostConstruct
    void registerGauges() {
        metrics.activeSessions(this::countLive);
    }

    /** Sessions not yet expired, from a sorted set of ids scored by expiry (pruned as it is read). */
    long countLive() {
        try {
            long now = System.currentTimeMillis();
            return redis.call("sessions-count", r -> {
                r.zremrangeByScore(SessionKeys.LIVE, Double.NEGATIVE_INFINITY, now);
                return r.zcount(SessionKeys.LIVE, now, Double.POSITIVE_INFINITY);
            });
        } catch (RedisUnavailableException down) {
            return -1;
        }
    }

    /** {@code ttl} null means the configured idle TTL. */
    public Session create(String owner, String templateId, String model, String language, Map<String, String> variables,
            Duration ttl) {
        String id = SessionKeys.newId();
        long now = System.currentTimeMillis();
        long ttlMs = ttl == null ? ttlMillis() : ttl.toMillis();
        List<String> args = new ArrayList<>(List.of(Long.toString(ttlMs), "ttl", Long.toString(ttlMs),
                "owner", owner, "templateId", templateId, "model", model, "createdAt", Long.toString(now),
                "lastActivity", Long.toString(now), "messageCount", "0", "seq", "0"));
        if (language != null) {
            args.addAll(List.of("language", language));
        }
        if (variables != null && !variables.isEmpty()) {
            JsonObjectBuilder json = JSON.createObjectBuilder();
            variables.forEach(json::add);
            args.addAll(List.of("variables", json.build().toString()));
        }
        redis.run(CREATE, List.of(SessionKeys.sessionKey(id)), args);
        index(owner, id, now, ttlMs);
        metrics.sessionCreated();
        return new Session(id, owner, templateId, model, language, variables, Instant.ofEpochMilli(now),
                Instant.ofEpochMilli(now + ttlMs), 0);
    }

    /** The caller's session, its idle TTL slid; 404 for a missing, expired or foreign one. */
    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 1500, retryOn = RedisUnavailableException.class)
    public Session use(String id, String owner) {
        if (!SessionKeys.validId(id)) {
            throw new SessionNotFoundException(id);
        }
        long now = System.currentTimeMillis();
        Object fields = redis.run(TOUCH, List.of(SessionKeys.sessionKey(id), SessionKeys.messagesKey(id)),
                List.of(owner, Long.toString(now)));
        if (fields == null) {
            throw new SessionNotFoundException(id);
        }
        Session session = session(id, pairs(fields));
        index(owner, id, now, session.expiresAt().toEpochMilli() - now);
        return session;
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 1500, retryOn = RedisUnavailableException.class)
    public Page<Session> list(String owner, int limit, String cursor) {
        SessionCursor after = SessionCursor.parse(cursor);
        String key = SessionKeys.ownerKey(owner);
        List<Tuple> candidates = redis.call("sessions-index", r -> r.zrevrangeByScoreWithScores(key,
                after == null ? Double.POSITIVE_INFINITY : after.score(), Double.NEGATIVE_INFINITY, 0, limit * 2 + 16));
        List<Session> items = new ArrayList<>();
        String next = null;
        double lastScore = 0;
        for (Tuple candidate : candidates) {
            if (after != null && candidate.getScore() == after.score() && candidate.getElement().compareTo(after.id()) >= 0) {
                continue;
            }
            Map<String, String> fields = redis.call("session-read", r -> r.hgetAll(SessionKeys.sessionKey(candidate.getElement())));
            if (fields.isEmpty() || !owner.equals(fields.get("owner"))) {
                redis.call("sessions-prune", r -> r.zrem(key, candidate.getElement()));
                continue;
            }
            if (items.size() == limit) {
                next = new SessionCursor(lastScore, items.get(items.size() - 1).id()).encode();
                break;
            }
            items.add(session(candidate.getElement(), fields));
            lastScore = candidate.getScore();
        }
        return new Page<>(items, next);
    }

    public void delete(String id, String owner) {
        Object deleted = SessionKeys.validId(id) ? redis.run(DELETE, List.of(SessionKeys.sessionKey(id), SessionKeys.messagesKey(id), SessionKeys.lockKey(id)), List.of(owner)) : 0L;
        if (!Long.valueOf(1).equals(deleted)) {
            throw new SessionNotFoundException(id);
        }
        redis.call("sessions-unindex", r -> {
            r.zrem(SessionKeys.LIVE, id);
            return r.zrem(SessionKeys.ownerKey(owner), id);
        });
    }

    /** Oldest first, after the message id in {@code cursor}. */
    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 1500, retryOn = RedisUnavailableException.class)
    public Page<Message> messages(String id, String owner, int limit, String cursor) {
        use(id, owner);
        long after = cursor == null || cursor.isBlank() ? 0 : parseMessageCursor(cursor);
        List<String> members = redis.call("messages-read",
                r -> r.zrangeByScore(SessionKeys.messagesKey(id), "(" + after, "+inf", 0, limit + 1));
        List<Message> items = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, members.size()); i++) {
            items.add(MessageCodec.message(members.get(i)));
        }
        String next = members.size() > limit ? Long.toString(items.get(items.size() - 1).id()) : null;
        return new Page<>(items, next);
    }

    /** The complete messages of the history, for the upstream as context. */
    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 1500, retryOn = RedisUnavailableException.class)
    public List<Message> history(String id) {
        List<String> members = redis.call("messages-read", r -> r.zrange(SessionKeys.messagesKey(id), 0, -1));
        List<Message> history = new ArrayList<>(members.size());
        for (String member : members) {
            Message message = MessageCodec.message(member);
            if (message.complete()) {
                history.add(message);
            }
        }
        return history;
    }

    /**
     * Records one exchange: the user's text and the model's reply (complete or not), with the next
     * two message ids. Returns the reply's id.
     */
    public long append(String id, String owner, String userText, String replyText, boolean complete) {
        return append(id, owner, userText, null, replyText, null, complete);
    }

    /** Records one spoken exchange: like {@link #append(String, String, String, String, boolean)}, with audio metadata. */
    public long append(String id, String owner, String userText, MessageAudio userAudio, String replyText, MessageAudio replyAudio,
            boolean complete) {
        long now = System.currentTimeMillis();
        Object first = redis.run(APPEND, List.of(SessionKeys.sessionKey(id), SessionKeys.messagesKey(id)), List.of(owner, "",
                Integer.toString(settings.maxMessages()), Long.toString(now),
                MessageCodec.json(Message.Role.USER, userText, now, true, userAudio),
                MessageCodec.json(Message.Role.MODEL, replyText, now, complete, replyAudio)));
        if (first == null) {
            throw new SessionNotFoundException(id);
        }
        index(owner, id, now, ttlMillis());
        metrics.messagesAppended(2);
        return (Long) first + 1;
    }

    /**
     * The owner's index lives at least as long as the default TTL; entries of expired sessions are
     * pruned on listing. One pipelined round trip, not three: this runs on every use and append
     * (benchmark P6). The keys live in different cluster slots, so this cannot join the scripts.
     */
    private void index(String owner, String id, long now, long sessionTtlMs) {
        String key = SessionKeys.ownerKey(owner);
        redis.call("sessions-index", r -> {
            try (AbstractPipeline pipeline = r.pipelined()) {
                pipeline.zadd(key, now, id);
                pipeline.pexpire(key, Math.max(ttlMillis(), sessionTtlMs));
                pipeline.zadd(SessionKeys.LIVE, now + sessionTtlMs, id);
                pipeline.sync();
            }
            return null;
        });
    }

    private long ttlMillis() {
        return settings.ttlSeconds() * 1000;
    }

    private Session session(String id, Map<String, String> fields) {
        long lastActivity = Long.parseLong(fields.getOrDefault("lastActivity", fields.getOrDefault("createdAt", "0")));
        Map<String, String> variables = new HashMap<>();
        String json = fields.get("variables");
        if (json != null) {
            READERS.createReader(new StringReader(json)).readObject()
                    .forEach((name, value) -> variables.put(name, value.getValueType() == jakarta.json.JsonValue.ValueType.STRING
                            ? ((jakarta.json.JsonString) value).getString() : value.toString()));
        }
        long ttl = Long.parseLong(fields.getOrDefault("ttl", Long.toString(ttlMillis())));
        return new Session(id, fields.get("owner"), fields.get("templateId"), fields.get("model"), fields.get("language"),
                variables, Instant.ofEpochMilli(Long.parseLong(fields.getOrDefault("createdAt", "0"))),
                Instant.ofEpochMilli(lastActivity + ttl), Integer.parseInt(fields.getOrDefault("messageCount", "0")));
    }

    private static Map<String, String> pairs(Object flat) {
        List<?> list = (List<?>) flat;
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i + 1 < list.size(); i += 2) {
            map.put(text(list.get(i)), text(list.get(i + 1)));
        }
        return map;
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
    }

    private static long parseMessageCursor(String cursor) {
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw com.voicegateway.problems.entity.GatewayException.badRequest("cursor",
                    "cursor must be the nextCursor of a previous page");
        }
    }

}
