package com.voicegateway.admin.boundary;

import com.voicegateway.problems.entity.ProblemType;
import com.voicegateway.problems.entity.GatewayException;
import com.voicegateway.caching.entity.CacheStats;
import com.voicegateway.responses.control.ResponseCache;
import com.voicegateway.templates.control.TemplateCache;
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
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The caches (templates, responses) for administrators: statistics and a cluster-wide clear. */
@Path("api/v1/admin/caches")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class CachesResource {

    @Inject
    TemplateCache templates;

    @Inject
    ResponseCache responses;

    @GET
    @Operation(summary = "Cache statistics (admin)",
            description = "Size is cluster-wide; hits, misses, hitRatio, evictions (and coalesced, for responses) are "
                    + "counted by the node that answers. A cache that is off (Hazelcast down, disabled) is not listed.")
    public List<CacheStats> list(@Context SecurityContext caller) {
        AdminRole.require(caller, "the cache administration");
        return Stream.concat(templates.statistics().stream(), responses.statistics().stream()).toList();
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Clear one cache on every member (admin)")
    public Response clear(@PathParam("name") String name, @Context SecurityContext caller) {
        AdminRole.require(caller, "the cache administration");
        if (!templates.clear(name) && !responses.clear(name)) {
            throw new GatewayException(ProblemType.CACHE_NOT_FOUND,
                    "No cache '" + name + "' is open; list them with GET /api/v1/admin/caches.", null, null);
        }
        return Response.noContent().build();
    }
}
