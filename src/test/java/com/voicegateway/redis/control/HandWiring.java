package com.voicegateway.redis.control;

import com.voicegateway.monitoring.control.GatewayMetrics;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.Optional;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Builds the Redis beans by hand, for code that runs outside Liberty (the topology tests and the
 * P6 benchmark): the fields CDI and MP Config would set, with the production defaults.
 */
public final class HandWiring {

    private HandWiring() {
    }

    /** A RedisAccess on {@code url}, not yet opened. */
    public static RedisAccess access(String url, int poolMaxTotal, int poolMinIdle, boolean testOnBorrow, GatewayMetrics metrics) {
        RedisAccess access = new RedisAccess();
        access.redisUrl = Optional.of(url);
        access.mode = Optional.empty();
        access.nodes = Optional.empty();
        access.sentinelMaster = Optional.empty();
        access.user = Optional.empty();
        access.password = Optional.empty();
        access.poolMaxTotal = poolMaxTotal;
        access.poolMinIdle = poolMinIdle;
        access.poolMaxWaitMs = 500;
        access.testOnBorrow = testOnBorrow;
        access.idleCheckMs = 5000;
        access.connectTimeoutMs = 500;
        access.timeoutMs = 1000;
        access.clusterMaxAttempts = 3;
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
