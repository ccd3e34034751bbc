package com.voicegateway.admin.boundary;

import com.voicegateway.monitoring.control.MemoryWatch;
import com.voicegateway.monitoring.entity.MemoryReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The JVM's memory for administrators: read only (there is deliberately no way to force a collection). */
@Path("api/v1/admin/memory")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class MemoryResource {

    @Inject
    MemoryWatch memory;

    @GET
    @Operation(summary = "Heap, post-GC trend, collectors and leak suspicion of this node (admin)",
            description = "Heap used/committed/max now; the heap after collection, sampled when a collection has happened, with its "
                    + "growth per minute over the window; each collector's count and time; leakSuspected and the reason either way.")
    public MemoryReport memory(@Context SecurityContext caller) {
        AdminRole.require(caller, "the memory report");
        return memory.report();
    }
}
