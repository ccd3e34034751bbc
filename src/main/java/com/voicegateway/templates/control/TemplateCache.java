package com.voicegateway.templates.control;

import com.hazelcast.cache.CacheStatistics;
import com.hazelcast.cache.HazelcastCachingProvider;
import com.hazelcast.cache.ICache;
import com.hazelcast.config.CacheSimpleConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.voicegateway.monitoring.control.GatewayMetrics;
import com.voicegateway.templates.entity.CacheStats;
import com.voicegateway.templates.entity.Template;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.spi.CachingProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The JCache layer over the template store: a Hazelcast member embedded in the application
 * (member mode, the application's class loader, TCP-IP join, multicast off) holding the
 * {@value #NAME} cache, partitioned across the cluster, with a TTL. Reads go cache first and load
 * misses from Redis; writes put the new version (a delete removes it), so every member serves it
 * from its next read on. Any cache failure, including Hazelcast not starting, falls back to the
 * store: the cache makes templates faster, never unavailable.
 */
@ApplicationScoped
public class TemplateCache {

    public static final String NAME = "templates";
    private static final Logger LOG = Logger.getLogger(TemplateCache.class.getName());

    @Inject
    @ConfigProperty(name = "gateway.hazelcast.members", defaultValue = "127.0.0.1")
    String members;

    @Inject
    @ConfigProperty(name = "gateway.hazelcast.port", defaultValue = "5701")
    int port;

    @Inject
    @ConfigProperty(name = "gateway.hazelcast.cluster-name", defaultValue = "voice-gateway")
    String clusterName;

    @Inject
    @ConfigProperty(name = "gateway.templates.cache-ttl-seconds", defaultValue = "300")
    long ttlSeconds;

    @Inject
    TemplateStore store;

    @Inject
    CompiledTemplates compiled;

    @Inject
    GatewayMetrics metrics;

    private HazelcastInstance hazelcast;
    private CacheManager manager;
    private volatile Cache<String, Template> cache;

    @PostConstruct
    void start() {
        ClassLoader loader = TemplateCache.class.getClassLoader();
        try {
            Config config = new Config();
            config.setClassLoader(loader);
            config.setClusterName(clusterName);
            config.setProperty("hazelcast.logging.type", "jdk");
            // Liberty stops the application; Hazelcast's own JVM hook would race it
            config.setProperty("hazelcast.shutdownhook.enabled", "false");
            config.setProperty("hazelcast.phone.home.enabled", "false");
            NetworkConfig network = config.getNetworkConfig();
            network.setPort(port).setPortAutoIncrement(true);
            JoinConfig join = network.getJoin();
            join.getMulticastConfig().setEnabled(false);
            join.getAutoDetectionConfig().setEnabled(false);
            join.getTcpIpConfig().setEnabled(true).setMembers(Arrays.stream(members.split(",")).map(String::trim)
                    .filter(member -> !member.isEmpty()).toList());
            config.addCacheConfig(new CacheSimpleConfig().setName(NAME).setStatisticsEnabled(true).setManagementEnabled(true)
                    .setExpiryPolicyFactoryConfig(new CacheSimpleConfig.ExpiryPolicyFactoryConfig(
                            new CacheSimpleConfig.ExpiryPolicyFactoryConfig.TimedExpiryPolicyFactoryConfig(
                                    CacheSimpleConfig.ExpiryPolicyFactoryConfig.TimedExpiryPolicyFactoryConfig.ExpiryPolicyType.CREATED,
                                    new CacheSimpleConfig.ExpiryPolicyFactoryConfig.DurationConfig(ttlSeconds, TimeUnit.SECONDS)))));
            hazelcast = Hazelcast.newHazelcastInstance(config);
            CachingProvider provider = Caching.getCachingProvider(HazelcastCachingProvider.class.getName(), loader);
            manager = provider.getCacheManager(null, loader, HazelcastCachingProvider.propertiesByInstanceItself(hazelcast));
            Cache<String, Template> opened = manager.getCache(NAME);
            listen(opened);
            ICache<?, ?> statistics = opened.unwrap(ICache.class);
            metrics.cache(NAME, () -> stats(statistics).getCacheHits(), () -> stats(statistics).getCacheMisses(),
                    () -> stats(statistics).getCacheEvictions());
            cache = opened;
            LOG.log(Level.INFO, "Template cache up: Hazelcast member {0} in cluster {1} ({2} members), TTL {3} s",
                    new Object[] {hazelcast.getCluster().getLocalMember().getAddress(), clusterName,
                        hazelcast.getCluster().getMembers().size(), ttlSeconds});
        } catch (RuntimeException | LinkageError failed) {
            LOG.log(Level.WARNING, "Template cache unavailable, templates are read from Redis directly", failed);
            stop();
        }
    }

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // starts the member at deployment (1.5-4 s) rather than on the first request
        LOG.log(Level.FINE, "Template cache {0}", cache == null ? "down" : "up");
    }

    /** The compiled layer follows changes made anywhere in the cluster. */
    private void listen(Cache<String, Template> opened) {
        try {
            opened.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
                    FactoryBuilder.factoryOf(new Forget(compiled::forget)), null, false, false));
        } catch (RuntimeException notRegistered) {
            // the compiled layer still only reuses a compilation of the same text, so it stays correct
            LOG.log(Level.WARNING, "Template cache listener not registered: {0}", notRegistered.getMessage());
        }
    }

    public Optional<Template> find(String id) {
        Template cached = attempt("get", () -> current() == null ? null : current().get(id));
        if (cached != null) {
            return Optional.of(cached);
        }
        long start = System.nanoTime();
        Optional<Template> loaded = store.find(id);
        metrics.cacheLoad(NAME, System.nanoTime() - start);
        // putIfAbsent: a write that raced this load has already put the newer version
        loaded.ifPresent(template -> attempt("load", () -> current() == null ? null : current().putIfAbsent(id, template)));
        return loaded;
    }

    public void written(Template template) {
        attempt("put", () -> {
            if (current() != null) {
                current().put(template.id(), template);
            }
            return null;
        });
    }

    public void deleted(String id) {
        attempt("remove", () -> current() == null ? null : current().remove(id));
        compiled.forget(id);
    }

    public List<CacheStats> statistics() {
        Cache<String, Template> open = current();
        if (open == null) {
            return List.of();
        }
        ICache<?, ?> icache = open.unwrap(ICache.class);
        CacheStatistics stats = stats(icache);
        long gets = stats.getCacheHits() + stats.getCacheMisses();
        return List.of(new CacheStats(NAME, icache.size(), stats.getCacheHits(), stats.getCacheMisses(),
                gets == 0 ? 0.0 : (double) stats.getCacheHits() / gets, stats.getCacheEvictions()));
    }

    /** Clears the named cache on every member; false when no such cache is open here. */
    public boolean clear(String name) {
        Cache<String, Template> open = current();
        if (!NAME.equals(name) || open == null) {
            return false;
        }
        // removeAll, unlike clear, fires the removed events that empty every member's compiled layer
        open.removeAll();
        compiled.forgetAll();
        return true;
    }

    public boolean isUp() {
        return current() != null;
    }

    /** Members of the Hazelcast cluster this node is in; 0 while the cache is down. */
    public long members() {
        HazelcastInstance member = hazelcast;
        try {
            return member == null || !member.getLifecycleService().isRunning() ? 0 : member.getCluster().getMembers().size();
        } catch (RuntimeException stopping) {
            return 0;
        }
    }

    private Cache<String, Template> current() {
        Cache<String, Template> open = cache;
        return open == null || open.isClosed() ? null : open;
    }

    private static CacheStatistics stats(ICache<?, ?> icache) {
        return icache.getLocalCacheStatistics();
    }

    private <T> T attempt(String operation, Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "Template cache {0} failed, using Redis: {1}", new Object[] {operation, failed.toString()});
            return null;
        }
    }

    @PreDestroy
    void stop() {
        cache = null;
        try {
            if (manager != null) {
                manager.close();
            }
        } catch (RuntimeException ignored) {
            LOG.log(Level.FINE, "cache manager close failed", ignored);
        }
        if (hazelcast != null) {
            hazelcast.shutdown();
            hazelcast = null;
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
