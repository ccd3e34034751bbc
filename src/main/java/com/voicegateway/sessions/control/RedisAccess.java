package com.voicegateway.sessions.control;

import com.voicegateway.sessions.entity.RedisUnavailableException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import com.voicegateway.monitoring.control.GatewayMetrics;
import java.util.List;

/**
 * The gateway's one door to Redis: a pooled Jedis {@link RedisClient} opened at start-up, with
 * short connect/read timeouts so that a Redis outage turns into a fast 503, never a hang. Without
 * {@code REDIS_URL} it starts an embedded redis-server first.
 */
@ApplicationScoped
public class RedisAccess {

    private static final Logger LOG = Logger.getLogger(RedisAccess.class.getName());

    @Inject
    @ConfigProperty(name = "redis.url")
    Optional<String> redisUrl;

    @Inject
    @ConfigProperty(name = "redis.embedded.port", defaultValue = "0")
    int embeddedPort;

    @Inject
    @ConfigProperty(name = "redis.pool.max-total", defaultValue = "64")
    int poolMaxTotal;

    @Inject
    @ConfigProperty(name = "redis.pool.max-wait-ms", defaultValue = "500")
    long poolMaxWaitMs;

    @Inject
    @ConfigProperty(name = "redis.connect-timeout-ms", defaultValue = "500")
    int connectTimeoutMs;

    @Inject
    @ConfigProperty(name = "redis.timeout-ms", defaultValue = "1000")
    int timeoutMs;

    @Inject
    GatewayMetrics metrics;

    private EmbeddedRedis embedded;
    private RedisClient client;
    private String target;

    @PostConstruct
    void open() {
        URI uri;
        if (redisUrl.filter(url -> !url.isBlank()).isPresent()) {
            uri = URI.create(redisUrl.get().trim());
        } else {
            try {
                embedded = EmbeddedRedis.start(embeddedPort);
            } catch (IOException e) {
                throw new IllegalStateException("Could not start the embedded redis-server; set REDIS_URL", e);
            }
            uri = URI.create("redis://127.0.0.1:" + embedded.port());
        }
        target = uri.getHost() + ":" + uri.getPort();
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(poolMaxTotal);
        pool.setMaxIdle(poolMaxTotal);
        pool.setMinIdle(Math.min(4, poolMaxTotal));
        pool.setMaxWait(Duration.ofMillis(poolMaxWaitMs));
        pool.setTestWhileIdle(true);
        pool.setTimeBetweenEvictionRuns(Duration.ofSeconds(30));
        client = RedisClient.builder()
                .fromURI(uri)
                .clientConfig(DefaultJedisClientConfig.builder(uri)
                        .connectionTimeoutMillis(connectTimeoutMs)
                        .socketTimeoutMillis(timeoutMs)
                        .clientName("voice-gateway")
                        .build())
                .poolConfig(pool)
                .build();
        LOG.info(() -> "Redis client pool opened to " + target + " (max " + poolMaxTotal + " connections)");
    }

    /** Eager start, so Redis (embedded or not) is up before the first request and readiness can see it. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        metrics.redisPool(this::poolActive, this::poolIdle);
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Embedded redis-server did not stop cleanly", e);
            }
        }
    }

    /**
     * Runs one unit of Redis work, timed under {@code operation}; any Redis failure becomes
     * {@link RedisUnavailableException} (503) within the client's timeouts.
     */
    public <T> T call(String operation, Function<UnifiedJedis, T> work) {
        long start = System.nanoTime();
        try {
            return work.apply(client);
        } catch (JedisException e) {
            metrics.redisError(operation);
            throw new RedisUnavailableException("Redis did not complete '" + operation + "' at " + target
                    + ": " + e.getMessage(), e);
        } finally {
            metrics.redis(operation, System.nanoTime() - start);
        }
    }

    /** Runs a Lua script, timed under the script's name. */
    public Object run(RedisScript script, List<String> keys, List<String> args) {
        return call(script.name(), redis -> script.run(redis, keys, args));
    }

    public int poolActive() {
        return client.getPool().getNumActive();
    }

    public int poolIdle() {
        return client.getPool().getNumIdle();
    }

    public boolean ping() {
        try {
            return "PONG".equals(client.ping());
        } catch (JedisException e) {
            return false;
        }
    }

    public String target() {
        return target;
    }
}
