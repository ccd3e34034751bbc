package com.voicegateway.chat.boundary;

import com.voicegateway.relay.boundary.ReplyStreams;

import com.voicegateway.chat.control.Completions;
import com.voicegateway.chat.entity.CompletionRequest;
import com.voicegateway.responses.entity.CachePolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code POST /api/v1/completions}: a reply to one text, as SSE, NDJSON or one JSON body by {@code Accept}. */
@Path("api/v1/completions")
@ApplicationScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces({MediaType.SERVER_SENT_EVENTS, "application/x-ndjson", MediaType.APPLICATION_JSON})
public class CompletionsResource {

    @Inject
    Completions completions;

    @Inject
    ReplyStreams streams;

    @POST
    @Operation(summary = "Complete a text",
            description = "Streams the reply as Server-Sent Events (delta, then done or error), as NDJSON lines, "
                    + "or returns one JSON body, chosen by Accept.")
    @APIResponse(responseCode = "200", description = "The reply (streamed for SSE and NDJSON). Identical requests are "
            + "served from the response cache (done.cached = true) or share one upstream call; Cache-Control: no-cache "
            + "asks for a fresh reply, no-store for one that is neither read from nor written to the cache.")
    @APIResponse(responseCode = "400", description = "Invalid body; the problem names the field")
    @APIResponse(responseCode = "401", description = "Missing or invalid API key")
    @APIResponse(responseCode = "406", description = "No acceptable reply format")
    @APIResponse(responseCode = "503", description = "Upstream unavailable or gateway at capacity; see Retry-After")
    public void complete(@Valid @NotNull(message = "a JSON body with 'input' is required") CompletionRequest request,
            @Context HttpHeaders headers, @Suspended AsyncResponse async) {
        long arrived = System.nanoTime();
        completions.reply(request, CachePolicy.of(headers.getHeaderString(HttpHeaders.CACHE_CONTROL)), arrived,
                streams.channel(headers, async, "completions", arrived));
    }
}
