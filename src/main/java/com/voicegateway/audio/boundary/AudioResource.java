package com.voicegateway.audio.boundary;

import com.voicegateway.audio.control.AudioWork;
import com.voicegateway.audio.control.OggOpusDecoder;
import com.voicegateway.audio.control.WavWriter;
import com.voicegateway.audio.entity.CompressedAudio;
import com.voicegateway.monitoring.control.GatewayMetrics;
import com.voicegateway.problems.entity.GatewayException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code POST /api/v1/audio/compress}: a WAV body comes back as Ogg/Opus. The work is the
 * compression filter's (spooling, limits, type sniffing, digest, encoding); this resource reports
 * it and answers in the format {@code Accept} allows: Ogg/Opus, or WAV decoded back from it for a
 * client that takes only WAV.
 */
@Path("api/v1/audio")
@ApplicationScoped
public class AudioResource {

    static final MediaType OGG = new MediaType("audio", "ogg");
    static final MediaType WAV = new MediaType("audio", "wav");

    @Inject
    AudioWork work;

    @Inject
    GatewayMetrics metrics;

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
        MediaType answer = negotiate(headers);
        CompressedAudio audio = AudioUploadRequest.of(request);
        Response.ResponseBuilder reply;
        if (answer.equals(OGG)) {
            reply = Response.ok((StreamingOutput) out -> copy(audio.opus(), out), OGG).header("Content-Length", audio.opusBytes());
        } else {
            java.nio.file.Path wav = decodedWav(audio);
            reply = Response.ok((StreamingOutput) out -> {
                try {
                    copy(wav, out);
                } finally {
                    Files.deleteIfExists(wav);
                }
            }, WAV).header("Content-Length", size(wav));
        }
        return reply.header("X-Audio-Original-Bytes", audio.original().bytes())
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
        throw new GatewayException("not-acceptable", "Not acceptable", 406,
                "This endpoint answers audio/ogg or audio/wav; the Accept header allows neither.", null, null);
    }

    private java.nio.file.Path decodedWav(CompressedAudio audio) {
        java.nio.file.Path wav = audio.opus().resolveSibling(audio.opus().getFileName() + ".wav");
        long start = System.nanoTime();
        work.call(() -> {
            try (InputStream in = new BufferedInputStream(audio.openOpus(), 64 * 1024);
                    OutputStream out = new BufferedOutputStream(Files.newOutputStream(wav), 64 * 1024)) {
                // WAV states its length up front: decoded whole (only for clients that refuse Ogg/Opus)
                WavWriter.write(OggOpusDecoder.decodeAll(in, audio.inputRate()), out);
                return null;
            } catch (IOException | RuntimeException failed) {
                Files.deleteIfExists(wav);
                throw failed;
            }
        });
        metrics.audioCodec("decode", System.nanoTime() - start, audio.opusBytes(), size(wav));
        return wav;
    }

    private static void copy(java.nio.file.Path file, OutputStream out) throws IOException {
        Files.copy(file, out);
    }

    private static long size(java.nio.file.Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
