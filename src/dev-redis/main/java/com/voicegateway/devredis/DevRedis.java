package com.voicegateway.devredis;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Starts the development Redis with the web application that carries this jar (the Gemini
 * emulator's WAR, deployed beside the gateway by the development and integration-test servers,
 * never in the production EAR): a real redis-server on 127.0.0.1:{@code redis.embedded.port},
 * kept in {@code redis.embedded.dir} when that is set. With the port unset or 0, or with
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
        Optional<Path> dir = config.getOptionalValue("redis.embedded.dir", String.class)
                .map(String::trim).filter(value -> !value.isEmpty()).map(Path::of);
        try {
            redis = EmbeddedRedis.start(port, dir.orElse(null));
        } catch (IOException | RuntimeException notStarted) {
            // typically the port is taken, by another redis-server: the gateway then uses that one
            LOG.log(Level.WARNING, "Development Redis could not start on 127.0.0.1:{0}: {1}",
                    new Object[] {Integer.toString(port), notStarted.getMessage()});
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
