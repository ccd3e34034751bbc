package com.voicegateway.voice.boundary;

import com.voicegateway.problems.entity.ProblemType;
import com.voicegateway.audio.boundary.AudioUploadRequest;
import com.voicegateway.relay.boundary.ReplyStreams;
import com.voicegateway.problems.entity.GatewayException;
import com.voicegateway.sessions.control.SessionStore;
import com.voicegateway.voice.control.SpokenReplies;
import com.voicegateway.voice.control.SpokenReplyStore;
import com.voicegateway.voice.control.VoiceTurns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Voice turns over REST: an audio body in, the reply as events (transcript, deltas, audio, done),
 * and the spoken reply as Ogg/Opus at its own URL. The body reaches this resource through the
 * compression filter (spooled, checked, WAV compressed to Opus), read only once the session and
 * its turn are secured.
 */
@Path("api/v1/sessions/{id}/utterances")
@ApplicationScoped
@Consumes(MediaType.WILDCARD)
@Produces({MediaType.SERVER_SENT_EVENTS, "application/x-ndjson", MediaType.APPLICATION_JSON})
public class UtterancesResource {

    @Inject
    VoiceTurns turns;

    @Inject
    SpokenReplyStore replies;

    @Inject
    SessionStore store;

    @Inject
    ReplyStreams streams;

    @POST
    @Operation(summary = "A voice turn: speech in, text and speech out",
            description = "The body is audio/wav (PCM16, 8-48 kHz) or audio/ogg (Opus), judged by its bytes; streamed, at most "
                    + "gateway.audio.max-upload-bytes (413); an optional Repr-Digest sha-256 is verified (400). The reply follows "
                    + "Accept: SSE events transcript, delta, audio ({url, mimeType, durationMs: null while produced}), then done "
                    + "(with audio: {url, durationMs, bytes}) or error; NDJSON the same as lines; application/json one body.")
    @APIResponse(responseCode = "200", description = "The reply stream")
    @APIResponse(responseCode = "400", description = "Malformed audio, digest mismatch, or a query parameter out of bounds")
    @APIResponse(responseCode = "404", description = "No such session for this caller")
    @APIResponse(responseCode = "409", description = "The session is already answering another turn")
    @APIResponse(responseCode = "413", description = "Body over the upload limit")
    @APIResponse(responseCode = "415", description = "Neither WAV nor Ogg/Opus by its bytes")
    @APIResponse(responseCode = "503", description = "Upstream or codec threads unavailable; Retry-After says when to retry")
    public void utter(@PathParam("id") String id,
            @QueryParam("text") @Size(max = 4000, message = "text is at most 4000 characters") String text,
            @QueryParam("voice") @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "voice is a prebuilt voice name such as Kore")
            String voice,
            @Context HttpServletRequest request, @Context HttpHeaders headers, @Context UriInfo uri,
            @Context SecurityContext caller, @Suspended AsyncResponse async) {
        long arrived = System.nanoTime();
        var reply = streams.channel(headers, async, "session-utterances", arrived);
        turns.reply(id, caller.getUserPrincipal().getName(), () -> AudioUploadRequest.of(request), text, voice,
                utterance -> uri.getBaseUriBuilder().path("api/v1/sessions").path(id).path("utterances").path(utterance)
                        .path("reply.ogg").build().getRawPath(),
                arrived, reply);
    }

    @GET
    @Path("{utteranceId}/reply.ogg")
    @Produces({"audio/ogg", "audio/wav"})
    @Operation(summary = "The spoken reply of a voice turn, Ogg/Opus, streamed while it is produced",
            description = "A client that does not accept audio/ogg but accepts audio/wav gets WAV, sent once the reply is complete.")
    @APIResponse(responseCode = "200", description = "audio/ogg (or audio/wav)")
    @APIResponse(responseCode = "404", description = "No such session for this caller, or no such reply (never made or expired)")
    @APIResponse(responseCode = "503", description = "The reply is produced on another node and this node follows its limit of such replies; "
            + "Retry-After")
    public Response reply(@PathParam("id") String id, @PathParam("utteranceId") String utteranceId, @Context SecurityContext caller) {
        store.use(id, caller.getUserPrincipal().getName());
        if (!SpokenReplies.validId(utteranceId) || replies.state(id, utteranceId) == null) {
            throw new GatewayException(ProblemType.REPLY_NOT_FOUND, "Session " + id + " has no spoken reply "
                    + utteranceId + ": it was never made, or it expired (gateway.voice.reply-ttl-seconds).", null, null);
        }
        SpokenReplyStore.Download download = replies.download(id, utteranceId);
        return Response.ok((StreamingOutput) download::copyTo, SpokenReplies.OGG)
                .header("Cache-Control", "no-store")
                .header("X-Accel-Buffering", "no")
                .build();
    }
}
