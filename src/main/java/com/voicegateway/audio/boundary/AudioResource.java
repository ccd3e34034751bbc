package com.voicegateway.audio.boundary;

import com.voicegateway.problems.entity.ProblemType;
import com.voicegateway.audio.entity.CompressedAudio;
import com.voicegateway.problems.entity.GatewayException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.file.Files;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code POST /api/v1/audio/compress}: a WAV body comes back as Ogg/Opus. The work is the
 * compression filter's (spooling, limits, type sniffing, digest, encoding); this resource reports
 * it and answers Ogg/Opus, which the filter decodes back to WAV for a client that takes only WAV.
 */
@Path("api/v1/audio")
@ApplicationScoped
public class AudioResource {

    static final MediaType OGG = new MediaType("audio", "ogg");
    static final MediaType WAV = new MediaType("audio", "wav");

    @POST
    @Path("compress")
    @Consumes(MediaType.WILDCARD)
    @Produces({"audio/ogg", "audio/wav"})
    @Operation(summary = "Compress a WAV to Ogg/Opus",
            description = "The type is judged by the bytes (WAV or Ogg/Opus; an Ogg/Opus body is checked and returned as it is). "
                    + "Headers X-Audio-Original-Bytes, X-Audio-Compressed-Bytes, X-Audio-Duration-Ms. Optional Repr-Digest "
                    + "(sha-256) is verified.")
    @APIResponse(responseCode = "200", description = "audio/ogg (or audio/wav when Accept allows only WAV)")
    @APIResponse(responseCode = "400", description = "Malformed audio or digest mismatch; the problem says what is wrong")
    @APIResponse(responseCode = "413", description = "Body over gateway.audio.max-upload-bytes")
    @APIResponse(responseCode = "415", description = "Neither WAV nor Ogg/Opus by its bytes")
    public Response compress(@Context HttpServletRequest request, @Context HttpHeaders headers) {
        negotiate(headers);
        CompressedAudio audio = AudioUploadRequest.of(request);
        // a client that takes only WAV gets it from the compression filter, which decodes this body
        return Response.ok((StreamingOutput) out -> Files.copy(audio.opus(), out), OGG)
                .header("Content-Length", audio.opusBytes())
                .header("X-Audio-Original-Bytes", audio.original().bytes())
                .header("X-Audio-Compressed-Bytes", audio.opusBytes())
                .header("X-Audio-Duration-Ms", audio.durationMillis())
                .header("Repr-Digest", "sha-256=:" + audio.original().sha256() + ":")
                .build();
    }

    /** Ogg/Opus unless the client's Accept rules it out and allows WAV; neither is a 406. */
    private static MediaType negotiate(HttpHeaders headers) {
        for (MediaType acceptable : headers.getAcceptableMediaTypes()) {
            if (acceptable.isCompatible(OGG)) {
                return OGG;
            }
            if (acceptable.isCompatible(WAV) || acceptable.isCompatible(new MediaType("audio", "x-wav"))) {
                return WAV;
            }
        }
        throw new GatewayException(ProblemType.NOT_ACCEPTABLE,
                "This endpoint answers audio/ogg or audio/wav; the Accept header allows neither.", null, null);
    }
}
