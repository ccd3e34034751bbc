package com.voicegateway.emulator.control;

import com.voicegateway.emulator.entity.LiveConversation;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Session resumption handles and the conversation each stands for, in memory: valid for
 * {@code ttlMs} (Gemini: about two hours), at most {@code maxEntries}, the oldest dropped first, so a
 * load run that never resumes cannot grow the emulator without bound.
 */
public final class LiveHandles {

    private record Held(LiveConversation conversation, long expiresAtMs) {
    }

    private final long ttlMs;
    private final int maxEntries;
    private final LongSupplier clockMs;
    private final SecureRandom random = new SecureRandom();
    // insertion order is expiry order: every handle lives equally long
    private final LinkedHashMap<String, Held> held = new LinkedHashMap<>();

    public LiveHandles(long ttlMs, int maxEntries, LongSupplier clockMs) {
        this.ttlMs = ttlMs;
        this.maxEntries = maxEntries;
        this.clockMs = clockMs;
    }

    /** A new handle for the conversation as it is now. */
    public synchronized String issue(LiveConversation conversation) {
        long now = clockMs.getAsLong();
        dropExpired(now);
        while (held.size() >= maxEntries) {
            Iterator<String> oldest = held.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String handle = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        held.put(handle, new Held(conversation, now + ttlMs));
        return handle;
    }

    public synchronized Optional<LiveConversation> find(String handle) {
        dropExpired(clockMs.getAsLong());
        Held found = handle == null ? null : held.get(handle);
        return Optional.ofNullable(found).map(Held::conversation);
    }

    public synchronized int size() {
        return held.size();
    }

    private void dropExpired(long now) {
        Iterator<Map.Entry<String, Held>> entries = held.entrySet().iterator();
        while (entries.hasNext() && entries.next().getValue().expiresAtMs() <= now) {
            entries.remove();
        }
    }
}
