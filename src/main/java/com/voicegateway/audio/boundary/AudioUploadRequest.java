package com.voicegateway.audio.boundary;

import com.voicegateway.audio.control.AudioCompression;
import com.voicegateway.audio.control.UploadSpool;
import com.voicegateway.audio.entity.CompressedAudio;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An audio request as the compression filter hands it on: the body is spooled, checked and
 * compressed to Ogg/Opus the first time a resource asks for it ({@link #of}), so after
 * authentication and routing, never for a caller the gateway refuses anyway. The filter closes it
 * when the request is over, deleting every temporary file.
 */
public final class AudioUploadRequest extends HttpServletRequestWrapper implements AutoCloseable {

    private static final String ATTRIBUTE = AudioUploadRequest.class.getName();

    private final UploadSpool spool;
    private final AudioCompression compression;
    private final boolean voiceTurn;
    private CompressedAudio compressed;
    private boolean closed;

    /** {@code voiceTurn}: the audio is for the model only, compressed with the voice-turn settings. */
    AudioUploadRequest(HttpServletRequest request, UploadSpool spool, AudioCompression compression, boolean voiceTurn) {
        super(request);
        this.spool = spool;
        this.compression = compression;
        this.voiceTurn = voiceTurn;
        request.setAttribute(ATTRIBUTE, this);
    }

    /** The upload behind {@code request}, compressed; only audio endpoints, behind the filter, have one. */
    public static CompressedAudio of(ServletRequest request) {
        // JAX-RS may hand resources the container's request rather than the filter's wrapper: the
        // attribute, shared by both, finds it either way
        if (request.getAttribute(ATTRIBUTE) instanceof AudioUploadRequest upload) {
            return upload.compressed();
        }
        throw new IllegalStateException("no audio upload: the request did not pass AudioCompressionFilter");
    }

    synchronized CompressedAudio compressed() {
        if (closed) {
            throw new IllegalStateException("the request is over; its upload is deleted");
        }
        if (compressed == null) {
            try {
                compressed = compression.compress(spool.spool(getRequest().getInputStream(), getContentLengthLong(),
                        getHeader("Repr-Digest")), voiceTurn ? compression.voiceTurnSettings() : compression.settings());
            } catch (IOException e) {
                throw new UncheckedIOException("the audio body could not be read", e);
            }
        }
        return compressed;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (compressed != null) {
            compressed.close();
        }
    }
}
