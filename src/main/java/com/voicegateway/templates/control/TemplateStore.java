package com.voicegateway.templates.control;

import com.voicegateway.redis.control.RedisAccess;
import com.voicegateway.redis.control.RedisScript;
import com.voicegateway.redis.entity.Page;
import com.voicegateway.templates.entity.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.params.SetParams;

/**
 * The templates' source of truth, in Redis: {@code vg:t:{id}} hash (version, text, description,
 * updatedAt) and {@code vg:t:index}, a sorted set of ids all scored 0 so it pages by id
 * (ZRANGEBYLEX, the cursor is the last id of the previous page). The version and content change in
 * one script on the one hash key, so the store works on Redis Cluster too; the index is written
 * after the hash, and a listed id whose hash is gone is skipped.
 */
@ApplicationScoped
public class TemplateStore {

    static final String INDEX = "vg:t:index";
    private static final RedisScript SAVE = RedisScript.load("template-save");

    @Inject
    RedisAccess redis;

    public Optional<Template> find(String id) {
        Map<String, String> fields = redis.call("template-read", r -> r.hgetAll(key(id)));
        return fields == null || fields.isEmpty() || !fields.containsKey("text") ? Optional.empty() : Optional.of(of(id, fields));
    }

    /** Creates or replaces; returns the stored template with its new version. */
    public Template save(String id, String text, String description) {
        Instant now = Instant.now();
        String safeDescription = description == null ? "" : description;
        long version = ((Number) redis.run(SAVE, List.of(key(id)),
                List.of(text, safeDescription, Long.toString(now.toEpochMilli())))).longValue();
        redis.call("template-index", r -> r.zadd(INDEX, 0, id));
        return new Template(id, version, safeDescription, text, now);
    }

    /** Stores a seed only when no template by that id exists, so operators' edits survive restarts. */
    public boolean seed(String id, String text, String description) {
        // a short lock per id keeps two nodes starting together from both seeding version 1 and 2
        String claimed = redis.call("template-seed", r -> r.set(key(id) + ":seed", "1", SetParams.setParams().nx().ex(60)));
        if (!"OK".equals(claimed) || find(id).isPresent()) {
            return false;
        }
        save(id, text, description);
        return true;
    }

    public boolean delete(String id) {
        long removed = redis.call("template-delete", r -> r.del(key(id)));
        redis.call("template-index", r -> r.zrem(INDEX, id));
        return removed > 0;
    }

    public Page<Template> list(int limit, String cursor) {
        String from = cursor == null || cursor.isBlank() ? "-" : "(" + cursor;
        List<String> ids = redis.call("template-index", r -> r.zrangeByLex(INDEX, from, "+", 0, limit + 1));
        List<Template> items = new ArrayList<>(Math.min(limit, ids.size()));
        for (String id : ids.subList(0, Math.min(limit, ids.size()))) {
            find(id).ifPresent(items::add);
        }
        String next = ids.size() > limit ? ids.get(limit - 1) : null;
        return new Page<>(items, next);
    }

    private static Template of(String id, Map<String, String> fields) {
        return new Template(id, Long.parseLong(fields.getOrDefault("version", "1")), fields.get("description"),
                fields.get("text"), Instant.ofEpochMilli(Long.parseLong(fields.getOrDefault("updatedAt", "0"))));
    }

    static String key(String id) {
        return "vg:t:{" + id + "}";
    }
}
