package com.voicegateway.geminiapi.boundary;

import com.voicegateway.problems.entity.Problem;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * Under {@code /gemini/**} errors are Gemini's {@code {"error": {...}}}, not problem+json: Gemini
 * SDKs parse only that. {@code ProblemMapper} still decides every status and Retry-After (one place
 * for that); this filter only re-renders its problem, whatever raised it (the key filter, the body
 * limit, an unknown path, the resource, a failed upstream call).
 */
@Provider
@ApplicationScoped
@Priority(Priorities.ENTITY_CODER)
public class GeminiErrorFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(response.getEntity() instanceof Problem problem) || !underGemini(request.getUriInfo().getPath())) {
            return;
        }
        response.setEntity(GeminiJson.error(problem, retryAfterSeconds(response)).toString(), null,
                MediaType.APPLICATION_JSON_TYPE);
    }

    static boolean underGemini(String path) {
        return path.startsWith("gemini/") || path.startsWith("/gemini/") || path.equals("gemini") || path.equals("/gemini");
    }

    private static long retryAfterSeconds(ContainerResponseContext response) {
        String header = response.getHeaderString(HttpHeaders.RETRY_AFTER);
        try {
            return header == null ? 0 : Long.parseLong(header.trim());
        } catch (NumberFormatException notSeconds) {
            return 0;
        }
    }
}
