package com.voicegateway.redis.control;

import java.util.Map;
import com.voicegateway.redis.entity.RedisSettings;
import com.voicegateway.redis.entity.RedisPoolSettings;
import com.voicegateway.monitoring.control.GatewayMetrics;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Builds the Redis beans by hand, for code that runs outside Liberty (the topology tests and the
 * P6 benchmark): the given settings over the production defaults, taken from the settings types themselves.
 */
public final class HandWiring {

    private HandWiring() {
    }

    /** A RedisAccess on {@code url}, not yet opened. */
    public static RedisAccess access(String url, int poolMaxTotal, int poolMinIdle, boolean testOnBorrow, GatewayMetrics metrics) {
        RedisAccess access = new RedisAccess();
        access.settings = RedisSettings.of(Map.of("redis.url", url));
        access.poolSettings = RedisPoolSettings.of(Map.of("redis.pool.max-total", Integer.toString(poolMaxTotal),
                "redis.pool.min-idle", Integer.toString(poolMinIdle), "redis.pool.test-on-borrow", Boolean.toString(testOnBorrow)));
        access.metrics = metrics;
        return access;
    }


    /** GatewayMetrics over a registry whose metrics do nothing (there is no MP Metrics runtime outside Liberty). */
    public static GatewayMetrics noOpMetrics() {
        try {
            GatewayMetrics metrics = new GatewayMetrics();
            Field registry = GatewayMetrics.class.getDeclaredField("registry");
            registry.setAccessible(true);
            registry.set(metrics, noOp(MetricRegistry.class));
            java.lang.reflect.Method postConstruct = GatewayMetrics.class.getDeclaredMethod("register");
            postConstruct.setAccessible(true);
            postConstruct.invoke(metrics);
            return metrics;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("GatewayMetrics has an injected 'registry' field and a @PostConstruct register()", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T noOp(Class<T> type) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Class<?> returns = method.getReturnType();
            if (returns.isInterface() && returns.getName().startsWith("org.eclipse.microprofile.metrics")) {
                return noOp(returns);
            }
            if (returns == boolean.class) {
                return false;
            }
            if (returns == long.class || returns == int.class || returns == double.class) {
                return returns == double.class ? (Object) 0.0 : returns == long.class ? (Object) 0L : (Object) 0;
            }
            return null;
        });
    }
}
