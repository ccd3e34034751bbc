package com.voicegateway.caching.control;

import com.hazelcast.cache.HazelcastCachingProvider;
import com.hazelcast.cache.ICache;
import com.hazelcast.config.CacheSimpleConfig;
import com.hazelcast.config.CacheSimpleConfig.ExpiryPolicyFactoryConfig;
import com.hazelcast.config.CacheSimpleConfig.ExpiryPolicyFactoryConfig.DurationConfig;
import com.hazelcast.config.CacheSimpleConfig.ExpiryPolicyFactoryConfig.TimedExpiryPolicyFactoryConfig;
import com.hazelcast.config.CacheSimpleConfig.ExpiryPolicyFactoryConfig.TimedExpiryPolicyFactoryConfig.ExpiryPolicyType;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.voicegateway.caching.entity.HazelcastSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;

/**
 * The one Hazelcast member embedded in this node (member mode, the application's class loader,
 * TCP-IP join from configuration, multicast off) and its JCache manager. Every gateway cache opens
 * its cache here, so a node runs one member however many caches it has. A member that cannot start
 * leaves the caches closed: each cache then degrades to its source, never to an error.
 *
 * <p>The member starts on a managed thread, off the application's deployment (it takes 1.5-4 s, and the
 * rest of the deployment runs meanwhile); caches ask for theirs with {@link #afterStart}. Until the start
 * has been attempted, {@link #starting()} is true and the template cache's readiness check is DOWN: a node
 * whose member has not joined could not tell the others' caches about a write it takes.
 */
@ApplicationScoped
public class CacheCluster {

    private static final Logger LOG = Logger.getLogger(CacheCluster.class.getName());

    @Inject
    HazelcastSettings settings;

    /** Liberty's default executor; absent outside a server (tests that wire the bean by hand), where the member starts at once. */
    @Resource
    ManagedExecutorService executor;

    private volatile HazelcastInstance hazelcast;
    private volatile CacheManager manager;

    private final Object lock = new Object();
    /** What ran {@link #afterStart} before the start was attempted; run by the start, once. */
    private final List<Runnable> pending = new ArrayList<>();
    private boolean attempted;
    private boolean stopped;
    private volatile boolean starting = true;

    @PostConstruct
    void start() {
        if (executor != null) {
            try {
                executor.submit(this::join);
                return;
            } catch (RejectedExecutionException notNow) {
                LOG.log(Level.FINE, "executor refused the member start, starting it here", notNow);
            }
        }
        join();
    }

    /**
     * Runs {@code action} once the member's start has been attempted, whether it came up or not (so an
     * action that calls {@link #open} sees an empty result when it did not): on the starting thread if
     * that is still to come, else at once on the caller's.
     */
    public void afterStart(Runnable action) {
        synchronized (lock) {
            if (!attempted) {
                pending.add(action);
                return;
            }
        }
        action.run();
    }

    /** True until the member's start has been attempted and what waited for it has run. */
    public boolean starting() {
        return starting;
    }

    void join() {
        long began = System.nanoTime();
        launch();
        List<Runnable> waiting;
        boolean shutDown;
        synchronized (lock) {
            attempted = true;
            shutDown = stopped;
            waiting = List.copyOf(pending);
            pending.clear();
        }
        if (shutDown) {
            // the application stopped while the member was starting
            release();
        } else {
            for (Runnable action : waiting) {
                try {
                    action.run();
                } catch (RuntimeException failed) {
                    LOG.log(Level.WARNING, "A cache did not open after the member's start", failed);
                }
            }
        }
        starting = false;
        LOG.log(Level.FINE, "member start attempted in {0} ms", (System.nanoTime() - began) / 1_000_000);
    }

    private void launch() {
        ClassLoader loader = CacheCluster.class.getClassLoader();
        try {
            Config config = new Config();
            config.setClassLoader(loader);
            config.setClusterName(settings.clusterName());
            config.setProperty("hazelcast.logging.type", "jdk");
            // Liberty stops the application; Hazelcast's own JVM hook would race it
            config.setProperty("hazelcast.shutdownhook.enabled", "false");
            config.setProperty("hazelcast.phone.home.enabled", "false");
            NetworkConfig network = config.getNetworkConfig();
            network.setPort(settings.port()).setPortAutoIncrement(true);
            JoinConfig join = network.getJoin();
            join.getMulticastConfig().setEnabled(false);
            join.getAutoDetectionConfig().setEnabled(false);
            join.getTcpIpConfig().setEnabled(true).setMembers(Arrays.stream(settings.members().split(",")).map(String::trim)
                    .filter(member -> !member.isEmpty()).toList());
            HazelcastInstance started = Hazelcast.newHazelcastInstance(config);
            hazelcast = started;
            CachingProvider provider = Caching.getCachingProvider(HazelcastCachingProvider.class.getName(), loader);
            manager = provider.getCacheManager(null, loader, HazelcastCachingProvider.propertiesByInstanceItself(started));
            LOG.log(Level.INFO, "Hazelcast member {0} up in cluster {1} ({2} members)", new Object[] {
                started.getCluster().getLocalMember().getAddress(), settings.clusterName(), started.getCluster().getMembers().size()});
        } catch (RuntimeException | LinkageError failed) {
            LOG.log(Level.WARNING, "Hazelcast member did not start; the caches are off and every read goes to its source", failed);
            release();
        }
    }

    /**
     * Opens (creating it in the cluster when no member has yet) the cache {@code config} describes;
     * empty while the member is down or when the cluster refuses the configuration.
     */
    public <K, V> Optional<Cache<K, V>> open(CacheSimpleConfig config) {
        HazelcastInstance member = hazelcast;
        if (member == null || manager == null) {
            return Optional.empty();
        }
        try {
            // a dynamic configuration: every member holds the same one, whichever member added it first
            member.getConfig().addCacheConfig(config);
            Cache<K, V> cache = manager.getCache(config.getName());
            return Optional.ofNullable(cache);
        } catch (RuntimeException refused) {
            LOG.log(Level.WARNING, "Cache " + config.getName() + " not opened; it stays off", refused);
            return Optional.empty();
        }
    }

    /** A gateway cache's configuration: statistics on, entries expiring {@code ttlSeconds} after they were stored. */
    public static CacheSimpleConfig expiring(String name, long ttlSeconds) {
        return new CacheSimpleConfig().setName(name).setStatisticsEnabled(true).setManagementEnabled(true)
                .setExpiryPolicyFactoryConfig(new ExpiryPolicyFactoryConfig(new TimedExpiryPolicyFactoryConfig(
                        ExpiryPolicyType.CREATED, new DurationConfig(ttlSeconds, TimeUnit.SECONDS))));
    }

    /** Entries in {@code cache} across the cluster; 0 while it cannot be asked. */
    public static long size(Cache<?, ?> cache) {
        try {
            return cache == null ? 0 : cache.unwrap(ICache.class).size();
        } catch (RuntimeException closed) {
            return 0;
        }
    }

    /** Entries this member evicted from {@code cache} for size; 0 while it cannot be asked. */
    public static long evictions(Cache<?, ?> cache) {
        try {
            return cache == null ? 0 : cache.unwrap(ICache.class).getLocalCacheStatistics().getCacheEvictions();
        } catch (RuntimeException closed) {
            return 0;
        }
    }

    public boolean isUp() {
        HazelcastInstance member = hazelcast;
        return member != null && member.getLifecycleService().isRunning();
    }

    /** Members of the Hazelcast cluster this node is in; 0 while the member is down. */
    public long members() {
        HazelcastInstance member = hazelcast;
        try {
            return member == null || !member.getLifecycleService().isRunning() ? 0 : member.getCluster().getMembers().size();
        } catch (RuntimeException stopping) {
            return 0;
        }
    }

    @PreDestroy
    void stop() {
        synchronized (lock) {
            stopped = true;
            pending.clear();
        }
        release();
    }

    private void release() {
        try {
            if (manager != null) {
                manager.close();
            }
        } catch (RuntimeException ignored) {
            LOG.log(Level.FINE, "cache manager close failed", ignored);
        }
        manager = null;
        HazelcastInstance member = hazelcast;
        hazelcast = null;
        if (member != null) {
            member.shutdown();
        }
    }
}
