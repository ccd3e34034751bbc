package com.voicegateway.security.boundary;

import com.voicegateway.problems.entity.GatewayException;
import com.voicegateway.security.control.ApiKeys;
import com.voicegateway.security.entity.Caller;
import com.voicegateway.security.entity.Role;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;

/**
 * Every {@code /api/**} request carries {@code Authorization: Bearer <key>}; the Gemini-compatible
 * surface accepts Gemini's own {@code x-goog-api-key} (or {@code ?key=}). The caller becomes the
 * request's principal.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyFilter implements ContainerRequestFilter {

    @Inject
    ApiKeys keys;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        String normalized = path.startsWith("/") ? path.substring(1) : path;
        boolean api = normalized.startsWith("api/");
        boolean gemini = normalized.startsWith("gemini/");
        if (!api && !gemini) {
            return;
        }
        String presented = gemini ? geminiKey(request) : bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (presented == null) {
            throw GatewayException.unauthorized(gemini
                    ? "Send the gateway API key in the x-goog-api-key header."
                    : "Send the API key as 'Authorization: Bearer <key>'.");
        }
        Caller caller = keys.authenticate(presented)
                .orElseThrow(() -> GatewayException.unauthorized("The API key is not valid."));
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return caller;
            }

            @Override
            public boolean isUserInRole(String role) {
                return caller.role() == Role.ADMIN || caller.role().label().equals(role);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        });
    }

    private static String geminiKey(ContainerRequestContext request) {
        String header = request.getHeaderString("x-goog-api-key");
        if (header != null && !header.isBlank()) {
            return header;
        }
        String query = request.getUriInfo().getQueryParameters().getFirst("key");
        return query == null || query.isBlank() ? bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION)) : query;
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String key = authorization.substring(7).trim();
        return key.isEmpty() ? null : key;
    }
}
