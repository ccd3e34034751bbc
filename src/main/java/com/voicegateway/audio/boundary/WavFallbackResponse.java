package com.voicegateway.audio.boundary;

import com.voicegateway.audio.control.AudioWork;
import com.voicegateway.audio.control.OggOpusDecoder;
import com.voicegateway.audio.control.OggOpusReader;
import com.voicegateway.audio.control.WavWriter;
import com.voicegateway.monitoring.control.GatewayMetrics;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The response of a client that accepts WAV but not Ogg/Opus: an {@code audio/ogg} body the resource
 * writes is spooled to a temporary file and, when the resource is done, decoded on a codec thread
 * and sent as {@code audio/wav} with its length. WAV states its length in its header, so the client
 * gets it once the Ogg stream is complete, not while it is produced. Any other body passes through.
 * The filter calls {@link #finish} when the chain returns and {@link #close} on every path.
 */
final class WavFallbackResponse extends HttpServletResponseWrapper implements AutoCloseable {

    private final Path folder;
    private final AudioWork work;
    private final GatewayMetrics metrics;
    private boolean transcoding;
    private Path ogg;
    private Spool spool;

    WavFallbackResponse(HttpServletResponse response, Path folder, AudioWork work, GatewayMetrics metrics) {
        super(response);
        this.folder = folder;
        this.work = work;
        this.metrics = metrics;
    }

    private static boolean isOgg(String type) {
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("audio/ogg");
    }

    @Override
    public void setContentType(String type) {
        if (isOgg(type)) {
            transcoding = true;
            super.setContentType("audio/wav");
        } else {
            super.setContentType(type);
        }
    }

    @Override
    public void setHeader(String name, String value) {
        if ("Content-Type".equalsIgnoreCase(name)) {
            setContentType(value);
        } else if (!(transcoding && "Content-Length".equalsIgnoreCase(name))) {
            super.setHeader(name, value);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if ("Content-Type".equalsIgnoreCase(name)) {
            setContentType(value);
        } else if (!(transcoding && "Content-Length".equalsIgnoreCase(name))) {
            super.addHeader(name, value);
        }
    }

    @Override
    public void setContentLength(int length) {
        setContentLengthLong(length);
    }

    @Override
    public void setContentLengthLong(long length) {
        if (!transcoding) {
            super.setContentLengthLong(length);
        }
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (!transcoding) {
            return super.getOutputStream();
        }
        if (spool == null) {
            ogg = Files.createTempFile(folder, "reply-", ".ogg");
            spool = new Spool(new BufferedOutputStream(Files.newOutputStream(ogg), 64 * 1024));
        }
        return spool;
    }

    @Override
    public void flushBuffer() throws IOException {
        if (!transcoding) {
            super.flushBuffer();
        }
    }

    /** Decodes the spooled Ogg/Opus and sends it as WAV; nothing to do for a body that passed through. */
    void finish() throws IOException {
        if (spool == null) {
            return;
        }
        spool.out.close();
        Path wav = ogg.resolveSibling(ogg.getFileName() + ".wav");
        try {
            long start = System.nanoTime();
            work.call(() -> {
                long rate;
                try (InputStream in = new BufferedInputStream(Files.newInputStream(ogg), 64 * 1024)) {
                    rate = new OggOpusReader(in).head().inputSampleRate();
                }
                try (InputStream in = new BufferedInputStream(Files.newInputStream(ogg), 64 * 1024);
                        OutputStream out = new BufferedOutputStream(Files.newOutputStream(wav), 64 * 1024)) {
                    // the original rate when it is one WAV players expect; else (0 is "unknown", RFC 7845) 48 kHz
                    WavWriter.write(OggOpusDecoder.decodeAll(in, rate >= 8_000 && rate <= 48_000 ? (int) rate : 48_000), out);
                }
                return null;
            });
            metrics.audioCodec("decode", System.nanoTime() - start, Files.size(ogg), Files.size(wav));
            super.setContentLengthLong(Files.size(wav));
            Files.copy(wav, super.getOutputStream());
        } finally {
            Files.deleteIfExists(wav);
        }
    }

    @Override
    public void close() throws IOException {
        if (spool != null) {
            spool.out.close();
            Files.deleteIfExists(ogg);
        }
    }

    private static final class Spool extends ServletOutputStream {
        private final OutputStream out;

        Spool(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new IllegalStateException("a transcoded audio response is written synchronously");
        }
    }
}
