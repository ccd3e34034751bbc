package com.voicegateway.security.boundary;

import com.voicegateway.problems.boundary.JsonDepth;
import com.voicegateway.problems.entity.GatewayException;
import com.voicegateway.security.entity.SecuritySettings;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Caps JSON request bodies: refused from {@code Content-Length} before anything is read, and while
 * reading for chunked bodies that announce no length; and their nesting, counted as the bytes go
 * by ({@link JsonDepth}), so no parser ever sees a body deeper than {@code gateway.request.max-json-depth}. Runs after authentication, so a caller
 * without a key hears 401, not 413. Audio uploads have their own, larger limit.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION + 10)
public class BodyLimitFilter implements ContainerRequestFilter {

    @Inject
    SecuritySettings settings;

    @Override
    public void filter(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        if (type == null || !(type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"))) {
            return;
        }
        if (request.getLength() > settings.maxBodyBytes()) {
            throw GatewayException.payloadTooLarge(settings.maxBodyBytes());
        }
        request.setEntityStream(new LimitedStream(request.getEntityStream(), settings.maxBodyBytes(), settings.maxJsonDepth()));
    }

    private static final class LimitedStream extends FilterInputStream {
        private final long limit;
        private final JsonDepth depth;
        private long read;

        LimitedStream(InputStream in, long limit, int maxDepth) {
            super(in);
            this.limit = limit;
            this.depth = new JsonDepth(maxDepth);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
                depth.next(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
                for (int i = offset; i < offset + n; i++) {
                    depth.next(buffer[i]);
                }
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw GatewayException.payloadTooLarge(limit);
            }
        }
    }
}
