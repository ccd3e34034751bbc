package com.voicegateway.templates.boundary;

import com.voicegateway.problems.entity.GatewayException;
import com.voicegateway.templates.control.TemplateCache;
import com.voicegateway.templates.entity.CacheStats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The caches (today the template cache) for administrators: statistics and a cluster-wide clear. */
@Path("api/v1/admin/caches")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class CachesResource {

    @Inject
    TemplateCache cache;

    @GET
    @Operation(summary = "Cache statistics (admin)", description = "Counted by the member that answers.")
    public List<CacheStats> list(@Context SecurityContext caller) {
        requireAdmin(caller);
        return cache.statistics();
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Clear one cache on every member (admin)")
    public Response clear(@PathParam("name") String name, @Context SecurityContext caller) {
        requireAdmin(caller);
        if (!cache.clear(name)) {
            throw new GatewayException("cache-not-found", "Cache not found", 404,
                    "No cache '" + name + "' is open; list them with GET /api/v1/admin/caches.", null, null);
        }
        return Response.noContent().build();
    }

    private static void requireAdmin(SecurityContext caller) {
        if (!caller.isUserInRole("admin")) {
            throw GatewayException.forbidden("the cache administration needs an admin key");
        }
    }
}
