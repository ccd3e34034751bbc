package com.voicegateway.audio.boundary;

import com.voicegateway.audio.control.AudioCompression;
import com.voicegateway.audio.control.AudioWork;
import com.voicegateway.audio.control.UploadSpool;
import com.voicegateway.audio.entity.AudioSettings;
import com.voicegateway.monitoring.control.GatewayMetrics;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The compression filter. On the audio endpoints ({@code /api/v1/audio/*} and a session's
 * {@code utterances}) a request body is handed on as an {@link AudioUploadRequest}: spooled,
 * checked and, when it is WAV, compressed to Ogg/Opus before the resource sees it. For every
 * {@code GET /api/*} (the listings and pages, the only large JSON bodies; all synchronous, so the
 * body is complete when the chain returns), JSON and text bodies above
 * {@code gateway.compression.gzip-min-bytes} are gzip-compressed when the client accepts it. Audio responses go out as Ogg/Opus, or as WAV
 * ({@link WavFallbackResponse}) to a client whose {@code Accept} takes WAV and not Ogg.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class AudioCompressionFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Pattern ZERO_QUALITY = Pattern.compile("q=0(\\.0*)?");
    private static final Pattern AUDIO_ENDPOINT = Pattern.compile("^/api/v1/(audio/.+|sessions/[^/]+/utterances)$");

    @Inject
    transient UploadSpool spool;

    @Inject
    transient AudioCompression compression;

    @Inject
    transient AudioWork work;

    @Inject
    transient GatewayMetrics metrics;

    @Inject
    transient AudioSettings settings;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean get = "GET".equals(request.getMethod());
        GzipResponse gzip = get && accepts(request, "gzip") ? new GzipResponse(response, settings.gzipMinBytes()) : null;
        HttpServletResponse sent = gzip == null ? response : gzip;
        boolean upload = "POST".equals(request.getMethod()) && AUDIO_ENDPOINT.matcher(path).matches();
        WavFallbackResponse wav = (get || upload) && wantsWavNotOgg(request.getHeader("Accept"))
                ? new WavFallbackResponse(sent, spool.directory(), work, metrics) : null;
        AudioUploadRequest audio = upload ? new AudioUploadRequest(request, spool, compression, path.endsWith("/utterances")) : null;
        boolean async = false;
        try {
            chain.doFilter(audio == null ? request : audio, wav != null ? wav : sent);
            async = request.isAsyncStarted();
            if (!async) {
                if (wav != null) {
                    wav.finish();
                }
                if (gzip != null) {
                    gzip.finish();
                }
            }
        } finally {
            if (wav != null) {
                wav.close();
            }
            if (audio != null) {
                if (async) {
                    // a resource that answers asynchronously (a voice turn) may still read its upload: deleted when the request ends
                    request.getAsyncContext().addListener(new ClosingListener(audio));
                } else {
                    audio.close();
                }
            }
        }
    }

    /**
     * A client that takes WAV but not Ogg/Opus ({@code Accept: audio/wav}): its audio responses are
     * sent as WAV. A client that names no audio type, or accepts Ogg, gets Ogg/Opus.
     */
    static boolean wantsWavNotOgg(String accept) {
        // runs on every GET /api/*: almost none names WAV, and those leave at once
        if (accept == null || !accept.toLowerCase(Locale.ROOT).contains("wav")) {
            return false;
        }
        boolean wav = false;
        for (String entry : accept.toLowerCase(Locale.ROOT).split(",")) {
            String[] parts = entry.trim().split(";");
            String type = parts[0].trim();
            boolean refused = parts.length > 1 && ZERO_QUALITY.matcher(parts[1].replace(" ", "")).matches();
            if (refused) {
                continue;
            }
            if (type.equals("audio/ogg") || type.equals("audio/*") || type.equals("*/*")) {
                return false;
            }
            wav |= type.equals("audio/wav") || type.equals("audio/x-wav") || type.equals("audio/wave");
        }
        return wav;
    }

    /** Deletes an asynchronous request's upload when the request is over, however it ended. */
    private static final class ClosingListener implements AsyncListener {
        private final AudioUploadRequest audio;

        ClosingListener(AudioUploadRequest audio) {
            this.audio = audio;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            audio.close();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            audio.close();
        }

        @Override
        public void onError(AsyncEvent event) {
            audio.close();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }

    private static boolean accepts(HttpServletRequest request, String coding) {
        String accepted = request.getHeader("Accept-Encoding");
        if (accepted == null) {
            return false;
        }
        for (String entry : accepted.toLowerCase(Locale.ROOT).split(",")) {
            String[] parts = entry.trim().split(";");
            if (parts[0].trim().equals(coding)) {
                return parts.length < 2 || !parts[1].replace(" ", "").equals("q=0");
            }
        }
        return false;
    }
}
