package com.voicegateway.audio.boundary;

import com.voicegateway.audio.control.AudioCompression;
import com.voicegateway.audio.control.UploadSpool;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The compression filter. On the audio endpoints ({@code /api/v1/audio/*} and a session's
 * {@code utterances}) a request body is handed on as an {@link AudioUploadRequest}: spooled,
 * checked and, when it is WAV, compressed to Ogg/Opus before the resource sees it. For every
 * {@code GET /api/*} (the listings and pages, the only large JSON bodies; all synchronous, so the
 * body is complete when the chain returns), JSON and text bodies above
 * {@code gateway.compression.gzip-min-bytes} are gzip-compressed when the client accepts it. Audio responses are negotiated by the audio
 * resources themselves (Ogg/Opus when Accept allows it, WAV otherwise).
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class AudioCompressionFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Pattern AUDIO_ENDPOINT = Pattern.compile("^/api/v1/(audio/.+|sessions/[^/]+/utterances)$");

    @Inject
    transient UploadSpool spool;

    @Inject
    transient AudioCompression compression;

    @Inject
    @ConfigProperty(name = "gateway.compression.gzip-min-bytes", defaultValue = "1024")
    transient int gzipMinBytes;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        GzipResponse gzip = "GET".equals(request.getMethod()) && accepts(request, "gzip") ? new GzipResponse(response, gzipMinBytes) : null;
        boolean upload = "POST".equals(request.getMethod()) && AUDIO_ENDPOINT.matcher(path).matches();
        AudioUploadRequest audio = upload ? new AudioUploadRequest(request, spool, compression) : null;
        try {
            chain.doFilter(audio == null ? request : audio, gzip == null ? response : gzip);
            if (gzip != null && !request.isAsyncStarted()) {
                gzip.finish();
            }
        } finally {
            if (audio != null && !request.isAsyncStarted()) {
                audio.close();
            }
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
