package com.voicegateway.responses.entity;

import java.util.Locale;

/**
 * What a request's {@code Cache-Control} lets the response cache do. {@code no-store} (anywhere in
 * the header) wins over {@code no-cache}; {@code max-age=0} means {@code no-cache}; every other
 * directive is ignored.
 */
public enum CachePolicy {
    /** Served from the cache or an identical call in flight when there is one; the reply is stored. */
    USE,
    /** {@code no-cache}: a call of its own upstream, whose complete reply replaces the stored one. */
    REFRESH,
    /** {@code no-store}: a call of its own upstream; nothing is read from or written to the cache. */
    BYPASS;

    public static CachePolicy of(String cacheControl) {
        if (cacheControl == null || cacheControl.isBlank()) {
            return USE;
        }
        CachePolicy policy = USE;
        for (String directive : cacheControl.toLowerCase(Locale.ROOT).split(",")) {
            String name = directive.trim();
            if (name.equals("no-store")) {
                return BYPASS;
            }
            if (name.equals("no-cache") || name.replace(" ", "").equals("max-age=0")) {
                policy = REFRESH;
            }
        }
        return policy;
    }

    public boolean reads() {
        return this == USE;
    }

    public boolean stores() {
        return this != BYPASS;
    }
}
