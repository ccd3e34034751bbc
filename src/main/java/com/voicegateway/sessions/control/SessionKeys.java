package com.voicegateway.sessions.control;

import com.voicegateway.sessions.entity.Session;
import java.security.SecureRandom;

/**
 * Session ids and the Redis key layout. Hash tags keep one session's keys on one cluster slot, so
 * scripts can touch them together: {@code vg:s:{id}} hash (owner, templateId, model, language,
 * variables, createdAt, lastActivity, messageCount, seq), {@code vg:s:{id}:m} sorted set of messages
 * scored by id, {@code vg:s:{id}:lock} the turn lock; {@code vg:u:{owner}} sorted set of the owner's
 * session ids scored by last activity; {@code vg:sessions:live} ids scored by expiry.
 */
final class SessionKeys {

    static final String LIVE = "vg:sessions:live";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

    private SessionKeys() {
    }

    static String newId() {
        char[] id = new char[22];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return "s_" + new String(id);
    }

    static boolean validId(String id) {
        return Session.validId(id);
    }

    static String sessionKey(String id) {
        return "vg:s:{" + id + "}";
    }

    static String messagesKey(String id) {
        return "vg:s:{" + id + "}:m";
    }

    static String lockKey(String id) {
        return "vg:s:{" + id + "}:lock";
    }

    static String ownerKey(String owner) {
        return "vg:u:{" + owner + "}";
    }
}
