package com.voicegateway.audio.boundary;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * A response that gzips a JSON or text body once it passes {@code threshold} bytes (below it the
 * body goes out as it is: gzip would cost more than it saves). Streams (Server-Sent Events, NDJSON)
 * and audio pass straight through. Used only for synchronous requests of a client that sent
 * {@code Accept-Encoding: gzip}; the filter calls {@link #finish} when the chain is done.
 */
final class GzipResponse extends HttpServletResponseWrapper {

    private final int threshold;
    private Body body;
    private PrintWriter writer;
    private boolean lengthHeld;

    GzipResponse(HttpServletResponse response, int threshold) {
        super(response);
        this.threshold = threshold;
    }

    private boolean compressible() {
        String type = getContentType();
        if (type == null) {
            return false;
        }
        String media = type.toLowerCase(Locale.ROOT);
        return media.startsWith("application/json") || media.startsWith("application/problem+json")
                || media.startsWith("text/") && !media.startsWith("text/event-stream");
    }

    @Override
    public void setContentLength(int length) {
        setContentLengthLong(length);
    }

    @Override
    public void setContentLengthLong(long length) {
        if (compressible() && length > threshold) {
            // the length of the gzip body is not known yet: chunked
            lengthHeld = true;
            return;
        }
        super.setContentLengthLong(length);
    }

    @Override
    public void setHeader(String name, String value) {
        if ("Content-Length".equalsIgnoreCase(name)) {
            setContentLengthLong(Long.parseLong(value.trim()));
        } else {
            super.setHeader(name, value);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if ("Content-Length".equalsIgnoreCase(name)) {
            setContentLengthLong(Long.parseLong(value.trim()));
        } else {
            super.addHeader(name, value);
        }
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (body == null) {
            body = new Body(super.getOutputStream(), compressible());
        }
        return body;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            String encoding = getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding();
            writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), encoding));
        }
        return writer;
    }

    @Override
    public void flushBuffer() throws IOException {
        if (writer != null) {
            writer.flush();
        }
        if (body != null) {
            body.flush();
        }
        super.flushBuffer();
    }

    /** Sends what is still held back and ends the gzip stream. */
    void finish() throws IOException {
        if (writer != null) {
            writer.flush();
        }
        if (body != null) {
            body.finish();
        }
    }

    private final class Body extends ServletOutputStream {
        private final ServletOutputStream raw;
        private ByteArrayOutputStream held;
        private OutputStream out;

        Body(ServletOutputStream raw, boolean compressible) {
            this.raw = raw;
            if (compressible) {
                held = new ByteArrayOutputStream();
            } else {
                out = raw;
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (out != null) {
                out.write(bytes, offset, length);
                return;
            }
            held.write(bytes, offset, length);
            if (held.size() > threshold) {
                GzipResponse.super.setHeader("Content-Encoding", "gzip");
                GzipResponse.super.addHeader("Vary", "Accept-Encoding");
                out = new GZIPOutputStream(raw, 8192);
                held.writeTo(out);
                held = null;
            }
        }

        @Override
        public void flush() throws IOException {
            // a held body stays held: flushing it raw would commit an uncompressed response
            if (out != null) {
                out.flush();
            }
        }

        void finish() throws IOException {
            if (out == null) {
                if (lengthHeld) {
                    GzipResponse.super.setContentLengthLong(held.size());
                }
                held.writeTo(raw);
                held = null;
                out = raw;
            } else if (out instanceof GZIPOutputStream gzip) {
                gzip.finish();
            }
            raw.flush();
        }

        @Override
        public boolean isReady() {
            return raw.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            raw.setWriteListener(listener);
        }
    }
}
