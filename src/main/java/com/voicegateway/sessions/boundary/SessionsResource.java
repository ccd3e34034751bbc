package com.voicegateway.sessions.boundary;

import com.voicegateway.sessions.control.SessionStore;
import com.voicegateway.sessions.entity.CreateSessionRequest;
import com.voicegateway.redis.entity.Page;
import com.voicegateway.sessions.entity.Session;
import com.voicegateway.templates.control.Templates;
import com.voicegateway.upstream.entity.GeminiSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Conversation sessions, kept in Redis: any node serves any session. A foreign session is a 404. */
@Path("api/v1/sessions")
@ApplicationScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SessionsResource {

    @Inject
    SessionStore store;

    @Inject
    Templates templates;

    @Inject
    GeminiSettings gemini;

    @POST
    @Operation(summary = "Start a session", description = "201 with Location; the session expires after its idle TTL.")
    public Response create(@Valid @NotNull(message = "a JSON body with 'templateId' is required") CreateSessionRequest request,
            @Context SecurityContext caller, @Context UriInfo uri) {
        // renders once to refuse an unknown template or a missing variable now, not at the first message
        templates.instruction(request.templateId(), request.variables());
        Session session = store.create(caller.getUserPrincipal().getName(), request.templateId(),
                request.model() == null ? gemini.model() : request.model(), request.language(), request.variables(),
                request.ttlSeconds() == null ? null : java.time.Duration.ofSeconds(request.ttlSeconds()));
        return Response.created(uri.getAbsolutePathBuilder().path(session.id()).build())
                .entity(SessionJson.SessionView.of(session)).build();
    }

    @GET
    @Consumes(MediaType.WILDCARD) // no body: a stray Content-Type is no reason for a 415
    @Path("{id}")
    public SessionJson.SessionView get(@PathParam("id") String id, @Context SecurityContext caller) {
        return SessionJson.SessionView.of(store.use(id, caller.getUserPrincipal().getName()));
    }

    @GET
    @Consumes(MediaType.WILDCARD) // no body: a stray Content-Type is no reason for a 415
    @Operation(summary = "The caller's sessions, most recently used first")
    public SessionJson.PageView<SessionJson.SessionView> list(
            @QueryParam("limit") @DefaultValue("20") @Min(value = 1, message = "limit must be between 1 and 100")
            @Max(value = 100, message = "limit must be between 1 and 100") int limit,
            @QueryParam("cursor") String cursor, @Context SecurityContext caller) {
        Page<Session> page = store.list(caller.getUserPrincipal().getName(), limit, cursor);
        return new SessionJson.PageView<>(page.items().stream().map(SessionJson.SessionView::of).toList(), page.nextCursor());
    }

    @DELETE
    @Consumes(MediaType.WILDCARD) // no body: a stray Content-Type is no reason for a 415
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @Context SecurityContext caller) {
        store.delete(id, caller.getUserPrincipal().getName());
        return Response.noContent().build();
    }
}
