package com.voicegateway.templates.control;

import com.voicegateway.caching.control.CacheCluster;
import com.voicegateway.caching.control.CacheCounters;
import com.voicegateway.caching.entity.CacheStats;
import com.voicegateway.monitoring.control.GatewayMetrics;
import com.voicegateway.templates.entity.Template;
import com.voicegateway.templates.entity.TemplateSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;

/**
 * The cache layers over the template store. Reads are served, fastest first, by the process-local
 * {@link CompiledTemplates} (while younger than the TTL), the {@value #NAME} JCache in the
 * Hazelcast cluster, and Redis, which loads a miss into the JCache. Writes put the new version (a
 * delete removes it); the JCache's synchronous entry listeners empty every member's local entry
 * before the write returns, so every node serves the new version from its next read on. Without a
 * working JCache (Hazelcast down, listener not registered) the local layer is not used and every
 * read goes to Redis: the cache makes templates faster, never unavailable or stale.
 */
@ApplicationScoped
public class TemplateCache {

    public static final String NAME = "templates";
    private static final Logger LOG = Logger.getLogger(TemplateCache.class.getName());

    @Inject
    TemplateSettings settings;

    @Inject
    CacheCluster cluster;

    @Inject
    TemplateStore store;

    @Inject
    CompiledTemplates compiled;

    @Inject
    GatewayMetrics metrics;

    private final CacheCounters counters = new CacheCounters();
    private volatile Cache<String, Template> cache;
    /** True once every change in the cluster reaches {@link #compiled}: only then may it serve reads. */
    private volatile boolean listening;

    @PostConstruct
    void start() {
        metrics.cache(NAME, counters, () -> CacheCluster.evictions(current()));
        // until the member is up every read goes to Redis
        cluster.afterStart(this::open);
    }

    private void open() {
        Optional<Cache<String, Template>> opened = cluster.open(CacheCluster.expiring(NAME, settings.cacheTtlSeconds()));
        opened.ifPresent(this::listen);
        cache = opened.orElse(null);
        LOG.log(Level.INFO, "Template cache {0}, TTL {1} s, local layer {2}",
                new Object[] {cache == null ? "off (Redis only)" : "up", settings.cacheTtlSeconds(), listening ? "on" : "off"});
    }

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // starts the member at deployment (on its own thread, 1.5-4 s) rather than on the first request
        LOG.log(Level.FINE, "Template cache {0}", cluster.starting() ? "starting" : cache == null ? "down" : "up");
    }

    /** True while the member's start and this cache's opening are still to come. */
    public boolean starting() {
        return cluster.starting();
    }

    /**
     * Synchronous: a put or remove on any member returns only after this member's listener ran, which
     * is what lets the local layer serve reads without asking the cluster.
     */
    private void listen(Cache<String, Template> opened) {
        try {
            opened.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
                    FactoryBuilder.factoryOf(new Forget(compiled::forget)), null, false, true));
            listening = true;
        } catch (RuntimeException notRegistered) {
            LOG.log(Level.WARNING, "Template cache listener not registered, the local layer stays off: {0}",
                    notRegistered.getMessage());
        }
    }

    public Optional<Template> find(String id) {
        Cache<String, Template> open = current();
        boolean local = listening && open != null;
        if (local) {
            Optional<Template> kept = compiled.fresh(id);
            if (kept.isPresent()) {
                counters.hit();
                return kept;
            }
        }
        long epoch = compiled.epoch();
        Template cached = open == null ? null : attempt("get", () -> open.get(id));
        if (cached != null) {
            counters.hit();
            if (local) {
                compiled.keep(cached, epoch, TimeUnit.SECONDS.toNanos(settings.cacheTtlSeconds()));
            }
            return Optional.of(cached);
        }
        counters.miss();
        long start = System.nanoTime();
        Optional<Template> loaded = store.find(id);
        metrics.cacheLoad(NAME, System.nanoTime() - start);
        if (loaded.isPresent() && open != null) {
            // putIfAbsent: a write that raced this load has already put the newer version, and only
            // what this load put may be kept locally
            Boolean put = attempt("load", () -> open.putIfAbsent(id, loaded.get()));
            if (local && Boolean.TRUE.equals(put)) {
                compiled.keep(loaded.get(), epoch, TimeUnit.SECONDS.toNanos(settings.cacheTtlSeconds()));
            }
        }
        return loaded;
    }

    public void written(Template template) {
        Cache<String, Template> open = current();
        if (open != null) {
            attempt("put", () -> {
                open.put(template.id(), template);
                return null;
            });
        }
        compiled.forget(template.id());
    }

    public void deleted(String id) {
        Cache<String, Template> open = current();
        if (open != null) {
            attempt("remove", () -> open.remove(id));
        }
        compiled.forget(id);
    }

    public List<CacheStats> statistics() {
        Cache<String, Template> open = current();
        if (open == null) {
            return List.of();
        }
        return List.of(new CacheStats(NAME, CacheCluster.size(open), counters.hits(), counters.misses(), counters.ratio(),
                CacheCluster.evictions(open), null));
    }

    /** Clears the named cache on every member; false when no such cache is open here. */
    public boolean clear(String name) {
        Cache<String, Template> open = current();
        if (!NAME.equals(name) || open == null) {
            return false;
        }
        // removeAll, unlike clear, fires the removed events that empty every member's local layer
        open.removeAll();
        compiled.forgetAll();
        return true;
    }

    public boolean isUp() {
        return current() != null;
    }

    /** Members of the Hazelcast cluster this node is in; 0 while the cache is down. */
    public long members() {
        return cluster.members();
    }

    private Cache<String, Template> current() {
        Cache<String, Template> open = cache;
        return open == null || open.isClosed() || !cluster.isUp() ? null : open;
    }

    private <T> T attempt(String operation, Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "Template cache {0} failed, using Redis: {1}", new Object[] {operation, failed.toString()});
            return null;
        }
    }

    /** Serializable because Hazelcast ships listener configurations to the other members. */
    static final class Forget implements CacheEntryUpdatedListener<String, Template>, CacheEntryRemovedListener<String, Template>,
            CacheEntryExpiredListener<String, Template>, Serializable {

        private static final long serialVersionUID = 1L;
        private final transient Consumer<String> forget;

        Forget(Consumer<String> forget) {
            this.forget = forget;
        }

        private void each(Iterable<CacheEntryEvent<? extends String, ? extends Template>> events) {
            if (forget != null) {
                events.forEach(event -> forget.accept(event.getKey()));
            }
        }

        @Override
        public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends Template>> events) {
            each(events);
        }

        @Override
        public void onRemoved(Iterable<CacheEntryEvent<? extends String, ? extends Template>> events) {
            each(events);
        }

        @Override
        public void onExpired(Iterable<CacheEntryEvent<? extends String, ? extends Template>> events) {
            each(events);
        }
    }
}
