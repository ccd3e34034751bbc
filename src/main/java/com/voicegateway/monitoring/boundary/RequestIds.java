package com.voicegateway.monitoring.boundary;

import com.voicegateway.monitoring.control.AccessLog;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Every request gets an id: the client's {@code X-Request-Id} when it is a sane token (1-128 of
 * {@code A-Z a-z 0-9 . _ : -}), else a fresh one. It is sent back as {@code X-Request-Id}, put in
 * every problem body ({@code requestId}) and in the request's access-log line, which is recorded
 * when the response is complete: at the end of an asynchronous (streamed) reply, not when its
 * headers go out.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true, dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR})
public class RequestIds extends HttpFilter {

    public static final String HEADER = "X-Request-Id";
    /** Request attributes: the id, the matched route template and the caller (set by {@link RouteRecorder}). */
    public static final String ID = "voicegateway.requestId";
    public static final String ROUTE = "voicegateway.route";
    public static final String PRINCIPAL = "voicegateway.principal";
    /** Request attribute: when the request reached the gateway ({@link System#nanoTime()}, a Long). */
    public static final String ARRIVED = "voicegateway.arrivedNanos";
    private static final long serialVersionUID = 1L;
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Inject
    AccessLog log;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getAttribute(ID) != null) {
            // an error-page dispatch of a request already counted; one the container refused before any filter
            // (an encoded dot in its URI) is first seen here, on its error dispatch, and counted then
            chain.doFilter(request, response);
            return;
        }
        String offered = request.getHeader(HEADER);
        String id = offered != null && SANE.matcher(offered).matches() ? offered : UUID.randomUUID().toString().replace("-", "");
        request.setAttribute(ID, id);
        response.setHeader(HEADER, id);
        long start = System.nanoTime();
        request.setAttribute(ARRIVED, start);
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new AsyncListener() {
                    @Override
                    public void onComplete(AsyncEvent event) {
                        record(request, response, start);
                    }

                    @Override
                    public void onTimeout(AsyncEvent event) {
                    }

                    @Override
                    public void onError(AsyncEvent event) {
                    }

                    @Override
                    public void onStartAsync(AsyncEvent event) {
                        event.getAsyncContext().addListener(this);
                    }
                });
            } else {
                record(request, response, start);
            }
        }
    }

    private void record(HttpServletRequest request, HttpServletResponse response, long start) {
        Object route = request.getAttribute(ROUTE);
        Object principal = request.getAttribute(PRINCIPAL);
        log.record((String) request.getAttribute(ID), request.getMethod(),
                route instanceof String template ? template : request.getRequestURI(), response.getStatus(),
                System.nanoTime() - start, principal instanceof String name ? name : null);
    }
}
