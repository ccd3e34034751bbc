package com.voicegateway.devredis;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Starts the development Redis with the web application that carries this jar (the Gemini
 * emulator's WAR, deployed beside the gateway by the development and integration-test servers,
 * never in the production EAR): a real redis-server on 127.0.0.1:{@code redis.embedded.port},
 * persistent and supervised (see {@link #options} and {@link EmbeddedRedis}). With the port unset or 0, or with
 * {@code redis.url} or {@code redis.nodes} naming another Redis than {@code redis://127.0.0.1:port},
 * it starts nothing.
 * The gateway finds it like any other Redis, through {@code redis.url} (default
 * {@code redis://127.0.0.1:6379}).
 */
@WebListener
public class DevRedis implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(DevRedis.class.getName());

    private EmbeddedRedis redis;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Config config = ConfigProvider.getConfig(DevRedis.class.getClassLoader());
        int port = config.getOptionalValue("redis.embedded.port", Integer.class).orElse(0);
        if (port <= 0) {
            LOG.info("Development Redis not started (redis.embedded.port is not set)");
            return;
        }
        if (namesAnotherRedis(config.getOptionalValue("redis.url", String.class),
                config.getOptionalValue("redis.nodes", String.class), port)) {
            // the gateway talks to the Redis the operator named; a second, unused server would only confuse
            LOG.info("Development Redis not started: redis.url or redis.nodes names another Redis");
            return;
        }
        EmbeddedRedis.Options options;
        try {
            options = options(name -> config.getOptionalValue(name, String.class), port);
        } catch (IllegalArgumentException invalid) {
            LOG.log(Level.SEVERE, "Development Redis not started: {0}", invalid.getMessage());
            return;
        }
        try {
            redis = EmbeddedRedis.start(port, options);
        } catch (IOException | RuntimeException notStarted) {
            // typically the port is taken, by another redis-server: the gateway then uses that one
            LOG.log(Level.WARNING, "Development Redis could not start on 127.0.0.1:{0}: {1}",
                    new Object[] {Integer.toString(port), notStarted.getMessage()});
        }
    }

    /**
     * Persistent by default, like a Redis an operator runs: {@code redis.embedded.dir} (default
     * {@code ~/.voice-gateway/redis-<port>}, one folder per port so that two servers never share an
     * append-only file), {@code redis.embedded.appendfsync} (default {@code everysec}),
     * {@code redis.embedded.persistent=false} for a Redis that keeps nothing, and
     * {@code redis.embedded.restart-delay-ms} (default 500) before a dead server is started again.
     */
    static EmbeddedRedis.Options options(Function<String, Optional<String>> setting, int port) {
        String persistent = setting.apply("redis.embedded.persistent").map(String::trim).orElse("true");
        if (!persistent.equalsIgnoreCase("true") && !persistent.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("redis.embedded.persistent is true or false, not " + persistent);
        }
        Path dir = Boolean.parseBoolean(persistent) ? setting.apply("redis.embedded.dir")
                .map(String::trim).filter(value -> !value.isEmpty()).map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".voice-gateway", "redis-" + port)) : null;
        String delay = setting.apply("redis.embedded.restart-delay-ms").map(String::trim).orElse("500");
        try {
            return new EmbeddedRedis.Options(dir, setting.apply("redis.embedded.appendfsync").orElse("everysec"),
                    Long.parseLong(delay));
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("redis.embedded.restart-delay-ms is a number of milliseconds, not " + delay);
        }
    }

    /** True when the gateway's settings point somewhere other than this development Redis. */
    static boolean namesAnotherRedis(Optional<String> url, Optional<String> nodes, int port) {
        if (nodes.filter(value -> !value.isBlank()).isPresent()) {
            return true;
        }
        return url.map(String::trim).filter(value -> !value.isEmpty())
                .map(value -> !isThisRedis(value, port))
                .orElse(false);
    }

    static boolean isThisRedis(String url, int port) {
        try {
            URI uri = new URI(url);
            String host = uri.getHost();
            return "redis".equals(uri.getScheme()) && uri.getPort() == port
                    && ("127.0.0.1".equals(host) || "localhost".equals(host));
        } catch (URISyntaxException notAUrl) {
            return false;
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (redis != null) {
            try {
                redis.close();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "Development Redis did not stop cleanly", e);
            }
        }
    }
}
