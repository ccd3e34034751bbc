package com.voicegateway.monitoring.boundary;

import com.voicegateway.monitoring.control.GatewayMetrics;
import com.voicegateway.monitoring.entity.ServerTiming;
import com.voicegateway.problems.entity.Problem;
import com.voicegateway.problems.boundary.ProblemJson;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What only JAX-RS knows, for the access log and the problem bodies: the matched route's template
 * (class and method {@code @Path}s, so {@code /api/v1/sessions/{id}}, not the id itself) and the
 * authenticated caller, as request attributes that {@link RequestIds} writes out; and the request
 * id added to every problem+json body. Runs after authentication; the problem body is completed
 * after {@code GeminiErrorFilter} (lower priority runs later for responses), which has already
 * turned problems under /gemini into Gemini's shape.
 */
@jakarta.ws.rs.ext.Provider
@ApplicationScoped
@Priority(Priorities.HEADER_DECORATOR)
public class RouteRecorder implements ContainerRequestFilter, ContainerResponseFilter {

    /** A resource method's route template, worked out once. */
    private static final Map<Method, String> TEMPLATES = new ConcurrentHashMap<>();

    @Context
    HttpServletRequest servletRequest;

    @Context
    ResourceInfo resource;

    @Inject
    GatewayMetrics metrics;

    @Override
    public void filter(ContainerRequestContext request) {
        Class<?> type = resource.getResourceClass();
        Method method = resource.getResourceMethod();
        if (type != null && method != null) {
            servletRequest.setAttribute(RequestIds.ROUTE, TEMPLATES.computeIfAbsent(method,
                    matched -> template(type.getAnnotation(Path.class), matched.getAnnotation(Path.class))));
        }
        Principal caller = request.getSecurityContext().getUserPrincipal();
        if (caller != null) {
            servletRequest.setAttribute(RequestIds.PRINCIPAL, caller.getName());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof Problem problem && servletRequest.getAttribute(RequestIds.ID) instanceof String id) {
            response.setEntity(ProblemJson.body(problem, id), null, response.getMediaType());
        }
        timing(response);
    }

    /**
     * Every reply's {@code Server-Timing}, and its gateway share as {@code gateway_overhead_seconds}
     * by route template. A reply relayed from the model has its header already (gateway and upstream
     * apart, set by the relay when its headers go out); any other is all the gateway's time, from
     * arrival to its headers. A 5xx carries none: its time is mostly an upstream or a store that
     * failed, which is not the gateway's overhead either.
     */
    private void timing(ContainerResponseContext response) {
        if (response.getStatus() >= 500 || !(servletRequest.getAttribute(RequestIds.ARRIVED) instanceof Long arrived)) {
            return;
        }
        Object relayed = response.getHeaders().getFirst(ServerTiming.HEADER);
        long gatewayNanos;
        if (relayed != null) {
            gatewayNanos = ServerTiming.gatewayNanos(relayed.toString());
        } else {
            gatewayNanos = System.nanoTime() - arrived;
            response.getHeaders().putSingle(ServerTiming.HEADER, ServerTiming.of(gatewayNanos, 0));
        }
        Object route = servletRequest.getAttribute(RequestIds.ROUTE);
        if (gatewayNanos >= 0) {
            metrics.overhead(route instanceof String template ? template : "unmatched", gatewayNanos);
        }
    }

    static String template(Path type, Path method) {
        String joined = "/" + strip(type == null ? "" : type.value()) + (method == null ? "" : "/" + strip(method.value()));
        return joined.endsWith("/") && joined.length() > 1 ? joined.substring(0, joined.length() - 1) : joined;
    }

    private static String strip(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
