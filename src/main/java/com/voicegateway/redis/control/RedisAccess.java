package com.voicegateway.redis.control;

import com.voicegateway.monitoring.control.GatewayMetrics;
import com.voicegateway.redis.entity.RedisPoolSettings;
import com.voicegateway.redis.entity.RedisSettings;
import com.voicegateway.redis.entity.RedisUnavailableException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLParameters;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The gateway's one door to Redis: a pooled Jedis client (standalone {@link RedisClient}, or
 * {@link RedisSentinelClient} / {@link RedisClusterClient}, all behind {@link UnifiedJedis}) opened
 * at start-up. Short connect and read timeouts turn an outage into a fast 503, never a hang.
 * Without {@code REDIS_URL} or {@code redis.nodes} it uses {@code redis://127.0.0.1:6379}, where the
 * development server runs its Redis (the WAR ships none).
 *
 * <p>Recovery needs no restart: a connection that failed is destroyed by the pool, and the first
 * connection failure also drops every idle connection, since they point at the same dead server
 * (otherwise each stale one would fail one more request after Redis is back); the pool then
 * dials afresh. Idle connections are also PINGed in the background.
 */
@ApplicationScoped
public class RedisAccess {

    private static final Logger LOG = Logger.getLogger(RedisAccess.class.getName());
    /** Whether the last Redis call failed: read by every call, written at the transitions. */
    private volatile boolean failing;

    @Inject
    RedisSettings settings;

    @Inject
    RedisPoolSettings poolSettings;

    @Inject
    GatewayMetrics metrics;

    private UnifiedJedis client;
    private RedisEndpoint endpoint;

    @PostConstruct
    public void open() {
        endpoint = endpoint();
        client = connect(endpoint);
        LOG.log(Level.INFO, "Redis client opened to {0} (pool of {1} per node, timeouts: connect {2} ms, command {3} ms)",
                new Object[] {endpoint.target(), Integer.toString(poolSettings.maxTotal()), Integer.toString(settings.connectTimeoutMs()),
                        Integer.toString(settings.timeoutMs())});
    }

    /** The configured Redis; nothing configured: the one on 127.0.0.1:6379. */
    RedisEndpoint endpoint() {
        Optional<String> url = settings.url().map(String::trim).filter(value -> !value.isEmpty());
        Optional<String> nodeList = settings.nodes().map(String::trim).filter(value -> !value.isEmpty());
        RedisEndpoint configured;
        if (url.isPresent()) {
            configured = RedisEndpoint.parse(url.get());
        } else if (nodeList.isPresent()) {
            configured = RedisEndpoint.ofNodes(nodeList.get(),
                    settings.mode().filter(m -> !m.isBlank()).map(RedisEndpoint.Mode::named).orElse(RedisEndpoint.Mode.STANDALONE), settings.ssl());
        } else {
            configured = RedisEndpoint.local(RedisEndpoint.Mode.STANDALONE.defaultPort);
        }
        RedisEndpoint resolved = configured.with(settings.mode(), settings.nodes(), settings.sentinelMaster(), settings.user(), settings.password());
        return settings.ssl() && !resolved.ssl()
                ? new RedisEndpoint(resolved.mode(), resolved.nodes(), resolved.master(), resolved.user(), resolved.password(),
                        resolved.database(), true)
                : resolved;
    }

    private UnifiedJedis connect(RedisEndpoint target) {
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(poolSettings.maxTotal());
        pool.setMaxIdle(poolSettings.maxTotal());
        pool.setMinIdle(Math.min(poolSettings.minIdle(), poolSettings.maxTotal()));
        // a borrow must not outwait the request's own budget: past this the caller gets a 503
        pool.setMaxWait(Duration.ofMillis(poolSettings.maxWaitMs()));
        pool.setBlockWhenExhausted(true);
        pool.setTestOnBorrow(poolSettings.testOnBorrow());
        pool.setTestWhileIdle(true);
        pool.setTimeBetweenEvictionRuns(Duration.ofMillis(poolSettings.idleCheckMs()));
        pool.setNumTestsPerEvictionRun(-1);
        // idle connections are tested, not aged out: a busy node keeps its warm connections
        pool.setMinEvictableIdleDuration(Duration.ofMinutes(30));
        pool.setJmxEnabled(false);
        JedisClientConfig config = clientConfig(target, true);
        return switch (target.mode()) {
            case STANDALONE -> RedisClient.builder()
                    .hostAndPort(target.nodes().get(0))
                    .clientConfig(config)
                    .poolConfig(pool)
                    .build();
            case SENTINEL -> RedisSentinelClient.builder()
                    .masterName(target.master())
                    .sentinels(new HashSet<>(target.nodes()))
                    .clientConfig(config)
                    .sentinelClientConfig(clientConfig(target, false))
                    .poolConfig(pool)
                    .build();
            case CLUSTER -> RedisClusterClient.builder()
                    .nodes(new HashSet<>(target.nodes()))
                    .clientConfig(config)
                    .poolConfig(pool)
                    .maxAttempts(settings.clusterMaxAttempts())
                    // Jedis would otherwise retry redirects and dead nodes for timeout x attempts
                    .maxTotalRetriesDuration(Duration.ofMillis(settings.timeoutMs()))
                    .build();
        };
    }

    /** Client settings for the data nodes ({@code data}) or for the Sentinels (no data-node credentials or database). */
    JedisClientConfig clientConfig(RedisEndpoint target, boolean data) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(settings.connectTimeoutMs())
                .socketTimeoutMillis(settings.timeoutMs())
                .clientName("voice-gateway")
                .ssl(target.ssl());
        if (target.ssl()) {
            // Jedis verifies the certificate chain but not the host name unless asked
            SSLParameters verifyHost = new SSLParameters();
            verifyHost.setEndpointIdentificationAlgorithm("HTTPS");
            config.sslParameters(verifyHost);
        }
        if (data) {
            config.user(target.user()).password(target.password()).database(target.database());
        }
        return config.build();
    }

    /** Eager start, so the client is open before the first request and readiness can see it. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        metrics.redisPool(this::poolActive, this::poolIdle);
    }

    @PreDestroy
    public void close() {
        if (client != null) {
            client.close();
        }
    }

    /**
     * Runs one unit of Redis work, timed under {@code operation}; any Redis failure becomes
     * {@link RedisUnavailableException} (503) within the client's timeouts.
     */
    public <T> T call(String operation, Function<UnifiedJedis, T> work) {
        long start = System.nanoTime();
        try {
            T result = work.apply(client);
            if (failing) {
                recovered();
            }
            return result;
        } catch (JedisException e) {
            metrics.redisError(operation);
            if (e instanceof JedisConnectionException) {
                dropIdleConnections();
            }
            failed(operation, e);
            // the client hears what failed, not where: the host, port and the driver's words stay in the log
            throw new RedisUnavailableException("The session store did not answer ('" + operation + "'); retry shortly.", e);
        } finally {
            metrics.redis(operation, System.nanoTime() - start);
        }
    }

    /** The first failure after a success is logged once, not every request's. */
    private void failed(String operation, JedisException e) {
        synchronized (this) {
            if (failing) {
                return;
            }
            failing = true;
        }
        LOG.log(Level.WARNING, "Redis at {0} stopped answering ({1}: {2}); requests that need it get 503 until it answers again",
                new Object[] {endpoint.target(), operation, e.getMessage()});
    }

    private void recovered() {
        synchronized (this) {
            if (!failing) {
                return;
            }
            failing = false;
        }
        LOG.log(Level.INFO, "Redis at {0} answers again", endpoint.target());
    }

    /** Runs a Lua script, timed under the script's name. */
    public Object run(RedisScript script, List<String> keys, List<String> args) {
        return call(script.name(), redis -> script.run(redis, keys, args));
    }

    /** Connections in use, over all pools (cluster: every node's pool); -1 if the client keeps none we can see. */
    public int poolActive() {
        return poolSum(GenericObjectPool::getNumActive);
    }

    public int poolIdle() {
        return poolSum(GenericObjectPool::getNumIdle);
    }

    private int poolSum(ToIntFunction<GenericObjectPool<Connection>> count) {
        Collection<? extends GenericObjectPool<Connection>> pools = pools();
        return pools == null ? -1 : pools.stream().mapToInt(count).sum();
    }

    private Collection<? extends GenericObjectPool<Connection>> pools() {
        if (client instanceof RedisClient standalone) {
            return List.of(standalone.getPool());
        }
        if (client instanceof RedisClusterClient cluster) {
            return cluster.getClusterNodes().values();
        }
        if (client instanceof RedisSentinelClient sentinel) {
            return sentinel.getPrimaryNodesConnectionMap().values();
        }
        return null;
    }

    private void dropIdleConnections() {
        Collection<? extends GenericObjectPool<Connection>> pools = pools();
        if (pools != null) {
            pools.forEach(GenericObjectPool::clear);
        }
    }

    public boolean ping() {
        try {
            return "PONG".equals(client.ping());
        } catch (JedisException e) {
            if (e instanceof JedisConnectionException) {
                dropIdleConnections();
            }
            return false;
        }
    }

    public String target() {
        return endpoint.target();
    }
}
