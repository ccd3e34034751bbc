package com.voicegateway.chat.boundary;

import com.voicegateway.chat.control.Conversations;
import com.voicegateway.chat.entity.SendMessageRequest;
import com.voicegateway.relay.boundary.ReplyStreams;
import com.voicegateway.sessions.boundary.SessionJson;
import com.voicegateway.sessions.control.SessionStore;
import com.voicegateway.sessions.entity.Message;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A session's conversation: its history, and a message whose reply streams back as for completions
 * and is added to the history. The session itself (create, read, list, delete) is {@code SessionsResource}'s.
 */
@Path("api/v1/sessions/{id}/messages")
@ApplicationScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SessionMessagesResource {

    @Inject
    SessionStore store;

    @Inject
    Conversations conversations;

    @Inject
    ReplyStreams streams;

    @GET
    @Consumes(MediaType.WILDCARD) // no body: a stray Content-Type is no reason for a 415
    @Operation(summary = "A session's history, oldest first")
    public SessionJson.PageView<MessageView> messages(@PathParam("id") String id,
            @QueryParam("limit") @DefaultValue("50") @Min(value = 1, message = "limit must be between 1 and 200")
            @Max(value = 200, message = "limit must be between 1 and 200") int limit,
            @QueryParam("cursor") String cursor, @Context SecurityContext caller) {
        var page = store.messages(id, caller.getUserPrincipal().getName(), limit, cursor);
        return new SessionJson.PageView<>(page.items().stream().map(MessageView::of).toList(), page.nextCursor());
    }

    @POST
    @Produces({MediaType.SERVER_SENT_EVENTS, "application/x-ndjson", MediaType.APPLICATION_JSON})
    @Operation(summary = "Send a message; the reply streams back as for completions and is added to the history")
    public void send(@PathParam("id") String id,
            @Valid @NotNull(message = "a JSON body with 'text' is required") SendMessageRequest request,
            @Context HttpHeaders headers, @Context SecurityContext caller, @Suspended AsyncResponse async) {
        long arrived = System.nanoTime();
        var reply = streams.channel(headers, async, "session-messages", arrived);
        conversations.reply(id, caller.getUserPrincipal().getName(), request.text(), arrived, reply);
    }

    /**
     * {@code audio} is a {@code MessageAudio} for a spoken message and null for a text message, written
     * as {@code "audio": null} as API.md shows it. It is declared {@code Object} because Yasson leaves
     * out a null of a record-typed component, {@code @JsonbNillable} notwithstanding.
     */
    public record MessageView(long id, String role, String text, Instant createdAt, @JsonbNillable Object audio, boolean complete) {
        static MessageView of(Message message) {
            return new MessageView(message.id(), message.role() == Message.Role.USER ? "user" : "model", message.text(),
                    message.createdAt(), message.audio(), message.complete());
        }
    }
}
