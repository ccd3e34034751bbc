package com.voicegateway.templates.boundary;

import com.voicegateway.problems.entity.GatewayException;
import com.voicegateway.redis.entity.Page;
import com.voicegateway.templates.control.Templates;
import com.voicegateway.templates.entity.PutTemplateRequest;
import com.voicegateway.templates.entity.RenderRequest;
import com.voicegateway.templates.entity.Rendered;
import com.voicegateway.templates.entity.Template;
import com.voicegateway.templates.entity.TemplatePage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Prompt templates: anyone with a key reads and renders, only admins write. */
@Path("api/v1/templates")
@ApplicationScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TemplatesResource {

    @Inject
    Templates templates;

    @GET
    @Consumes(MediaType.WILDCARD) // no body: a stray Content-Type is no reason for a 415
    @Operation(summary = "Templates by id, paged")
    public TemplatePage list(
            @QueryParam("limit") @DefaultValue("20") @Min(value = 1, message = "limit must be between 1 and 100")
            @Max(value = 100, message = "limit must be between 1 and 100") int limit,
            @QueryParam("cursor") String cursor) {
        Page<Template> page = templates.list(limit, cursor);
        return new TemplatePage(page.items(), page.nextCursor());
    }

    @GET
    @Consumes(MediaType.WILDCARD) // no body: a stray Content-Type is no reason for a 415
    @Path("{id}")
    @Operation(summary = "One template", description = "With an ETag; If-None-Match with the current one (weak or strong, or *) is a 304.")
    public Response get(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Template template = templates.get(id);
        EntityTag tag = new EntityTag(template.id() + "-" + template.version());
        if (ifNoneMatch != null && noneMatchHits(ifNoneMatch, tag.getValue())) {
            return Response.notModified(tag).build();
        }
        return Response.ok(template).tag(tag).build();
    }

    /**
     * RFC 9110 13.1.2: If-None-Match compares weakly, so {@code W/"v"} matches the strong {@code "v"}
     * too, and {@code *} matches any current representation. A list is a match when any member is.
     */
    static boolean noneMatchHits(String header, String opaque) {
        for (String member : header.split(",")) {
            String candidate = member.trim();
            if (candidate.equals("*")) {
                return true;
            }
            if (candidate.startsWith("W/")) {
                candidate = candidate.substring(2);
            }
            if (candidate.length() >= 2 && candidate.startsWith("\"") && candidate.endsWith("\"")
                    && candidate.substring(1, candidate.length() - 1).equals(opaque)) {
                return true;
            }
        }
        return false;
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Create or replace a template (admin)", description = "201 when created, 200 when replaced; the version grows by one.")
    public Response put(
            @PathParam("id") @Size(max = 128, message = "the template id must be at most 128 characters")
            @Pattern(regexp = "(?!\\.{1,2}$)[A-Za-z0-9._-]{1,128}",
                    message = "the template id is 1-128 letters, digits, '.', '_' and '-', and not '.' or '..'") String id,
            @Valid @NotNull(message = "a JSON body with 'text' is required") PutTemplateRequest body,
            @Context SecurityContext caller, @Context UriInfo uri) {
        requireAdmin(caller);
        Template saved = templates.put(id, body.text(), body.description());
        EntityTag tag = new EntityTag(saved.id() + "-" + saved.version());
        Response.ResponseBuilder response = saved.version() == 1
                ? Response.created(uri.getAbsolutePath())
                : Response.ok();
        return response.entity(saved).tag(tag).build();
    }

    @DELETE
    @Consumes(MediaType.WILDCARD) // no body: a stray Content-Type is no reason for a 415
    @Path("{id}")
    @Operation(summary = "Delete a template (admin)")
    public Response delete(@PathParam("id") String id, @Context SecurityContext caller) {
        requireAdmin(caller);
        templates.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/render")
    @Operation(summary = "Render a template with variables", description = "A missing variable is a 400 naming it.")
    public Rendered render(@PathParam("id") String id, RenderRequest body) {
        return templates.render(id, body == null ? null : body.variables());
    }

    private static void requireAdmin(SecurityContext caller) {
        if (!caller.isUserInRole("admin")) {
            throw GatewayException.forbidden("changing templates needs an admin key");
        }
    }
}
