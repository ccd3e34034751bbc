package com.voicegateway.responses.control;

import com.hazelcast.config.CacheSimpleConfig;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.MaxSizePolicy;
import com.voicegateway.caching.control.CacheCluster;
import com.voicegateway.caching.control.CacheCounters;
import com.voicegateway.caching.entity.CacheStats;
import com.voicegateway.monitoring.control.GatewayMetrics;
import com.voicegateway.responses.entity.ResponseSettings;
import com.voicegateway.responses.entity.StoredReply;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;

/**
 * The {@value #NAME} JCache: complete upstream replies by call fingerprint, in the cluster's
 * Hazelcast member, expiring {@code ttl} after they were stored and evicted least-recently-used
 * above {@code max-entries} per member. A failing cache is a miss (the call goes upstream) and a
 * failing store is logged: the cache saves calls, it never fails one.
 */
@ApplicationScoped
public class ResponseCache {

    public static final String NAME = "responses";
    private static final Logger LOG = Logger.getLogger(ResponseCache.class.getName());

    @Inject
    ResponseSettings settings;

    @Inject
    CacheCluster cluster;

    @Inject
    GatewayMetrics metrics;

    private final CacheCounters counters = new CacheCounters();
    private volatile Cache<String, StoredReply> cache;

    @PostConstruct
    void start() {
        metrics.cache(NAME, counters, () -> CacheCluster.evictions(current()));
        // until the member is up every request goes upstream
        cluster.afterStart(this::open);
    }

    private void open() {
        if (settings.enabled()) {
            CacheSimpleConfig config = CacheCluster.expiring(NAME, settings.cacheTtlSeconds()).setEvictionConfig(new EvictionConfig().setSize(settings.cacheMaxEntries()).setMaxSizePolicy(MaxSizePolicy.ENTRY_COUNT)
                            .setEvictionPolicy(EvictionPolicy.LRU));
            cache = cluster.<String, StoredReply>open(config).orElse(null);
        }
        LOG.log(Level.INFO, "Response cache {0}, TTL {1} s, at most {2} entries per member of at most {3} bytes",
                new Object[] {!settings.enabled() ? "disabled" : cache == null ? "off (Hazelcast down)" : "up", settings.cacheTtlSeconds(), settings.cacheMaxEntries(), settings.maxEntryBytes()});
    }

    /** The stored reply for {@code key}, counted as a hit or a miss. */
    public Optional<StoredReply> find(String key) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        Cache<String, StoredReply> open = current();
        StoredReply stored = null;
        if (open != null) {
            try {
                stored = open.get(key);
            } catch (RuntimeException failed) {
                LOG.log(Level.WARNING, "Response cache get failed, calling upstream: {0}", failed.toString());
            }
        }
        if (stored == null) {
            counters.miss();
            return Optional.empty();
        }
        counters.hit();
        return Optional.of(stored);
    }

    /** Whether a reply of {@code bytes} characters may be stored at all. */
    public boolean fits(long bytes) {
        return current() != null && bytes <= settings.maxEntryBytes();
    }

    public void store(String key, StoredReply reply, long loadNanos) {
        Cache<String, StoredReply> open = current();
        if (open == null) {
            return;
        }
        metrics.cacheLoad(NAME, loadNanos);
        try {
            open.put(key, reply);
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "Response cache put failed; the reply was delivered but not stored: {0}", failed.toString());
        }
    }

    CacheCounters counters() {
        return counters;
    }

    public List<CacheStats> statistics() {
        Cache<String, StoredReply> open = current();
        if (open == null) {
            return List.of();
        }
        return List.of(new CacheStats(NAME, CacheCluster.size(open), counters.hits(), counters.misses(), counters.ratio(),
                CacheCluster.evictions(open), counters.coalescedCount()));
    }

    /** Clears the cache on every member; false when {@code name} is not this cache or it is not open. */
    public boolean clear(String name) {
        Cache<String, StoredReply> open = current();
        if (!NAME.equals(name) || open == null) {
            return false;
        }
        open.clear();
        return true;
    }

    private Cache<String, StoredReply> current() {
        Cache<String, StoredReply> open = cache;
        return open == null || open.isClosed() || !cluster.isUp() ? null : open;
    }
}
