package com.voicegateway.perf;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection, used by one client thread with blocking reads.
 *
 * <p>Why a raw socket rather than {@code java.net.http.HttpClient} or {@code HttpURLConnection}:
 * <ul>
 *   <li>HttpClient moves every byte of every connection through one selector thread per client
 *       and then hands it to the reading thread. At 500 streams on two cores that queue adds
 *       client-side delay of its own, of the same order as the sub-millisecond overhead we want to
 *       see. A blocking read on the client's own socket wakes that thread directly when the bytes
 *       arrive, so the clock stops as close to the wire as Java allows.</li>
 *   <li>HttpURLConnection keeps at most {@code http.maxConnections} (default 5) idle connections per
 *       host, a JVM-wide setting read once; under {@code exec:java} the Maven JVM may already have
 *       read it, so above C=5 most requests would pay a new TCP connect in their TTFT.</li>
 *   <li>Neither lets us see when a connection was (re)opened; here every reconnect is counted.</li>
 * </ul>
 * The HTTP subset needed is small: a request we write ourselves, a status line, headers, and a
 * chunked, fixed-length or until-close body.
 */
final class LoopbackConnection implements Closeable {

    private final InetSocketAddress address;
    private final int connectTimeoutMs;
    private final int readTimeoutMs;

    private volatile Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;

    // Response body state
    private boolean chunked;
    private long remaining;
    private boolean inChunk;
    private boolean untilClose;
    private boolean bodyDone;
    private boolean closeAfterBody;
    private byte[] line = new byte[1024];

    LoopbackConnection(InetSocketAddress address, int connectTimeoutMs, int readTimeoutMs) {
        this.address = address;
        this.connectTimeoutMs = connectTimeoutMs;
        this.readTimeoutMs = readTimeoutMs;
    }

    boolean isOpen() {
        Socket current = socket;
        return current != null && !current.isClosed();
    }

    void open() throws IOException {
        Socket opened = new Socket();
        try {
            // Small writes (one request, then nothing) must leave at once, not wait for an ACK.
            opened.setTcpNoDelay(true);
            opened.setSoTimeout(readTimeoutMs);
            opened.connect(address, connectTimeoutMs);
        } catch (IOException e) {
            opened.close();
            throw e;
        }
        socket = opened;
        in = opened.getInputStream();
        out = opened.getOutputStream();
        position = 0;
        limit = 0;
    }

    /** Writes the whole request in one call and reads the status line and headers; returns the status. */
    int exchange(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        String statusLine = readRawLine();
        // "HTTP/1.1 200 OK"
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x status line: " + abbreviate(statusLine));
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("bad status line: " + abbreviate(statusLine));
        }
        chunked = false;
        untilClose = false;
        long contentLength = -1;
        closeAfterBody = "HTTP/1.0".equals(parts[0]);
        for (String header = readRawLine(); !header.isEmpty(); header = readRawLine()) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "transfer-encoding" -> chunked = value.contains("chunked");
                case "content-length" -> contentLength = Long.parseLong(value);
                case "connection" -> closeAfterBody |= value.contains("close");
                default -> {
                    // not needed
                }
            }
        }
        inChunk = false;
        bodyDone = false;
        if (!chunked) {
            if (contentLength >= 0) {
                remaining = contentLength;
            } else {
                untilClose = true;
                closeAfterBody = true;
            }
        }
        return status;
    }

    /** The next line of the response body without its line end, or null at the end of the body. */
    String readBodyLine() throws IOException {
        int length = 0;
        int b;
        while ((b = bodyByte()) >= 0) {
            if (b == '\n') {
                break;
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, line.length * 2);
            }
            line[length++] = (byte) b;
        }
        if (b < 0 && length == 0) {
            return null;
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }

    /** Reads what is left of the body, so the connection can carry the next request. */
    void drainBody() throws IOException {
        while (readBodyLine() != null) {
            // discard
        }
    }

    /** After a body was read to its end: closes the connection if the server asked for that. */
    void endExchange() {
        if (closeAfterBody || !bodyDone) {
            close();
        }
    }

    /** Safe from any thread: a read blocked in the owning thread then fails at once. */
    @Override
    public void close() {
        Socket current = socket;
        if (current != null) {
            try {
                current.close();
            } catch (IOException ignored) {
                // closing anyway; nothing to report
            }
        }
    }

    private int bodyByte() throws IOException {
        if (bodyDone) {
            return -1;
        }
        if (untilClose) {
            int b = rawByte();
            if (b < 0) {
                bodyDone = true;
            }
            return b;
        }
        if (chunked) {
            if (remaining == 0) {
                if (inChunk) {
                    readRawLine(); // the CRLF that ends a chunk's data
                    inChunk = false;
                }
                String sizeLine = readRawLine();
                int extension = sizeLine.indexOf(';');
                String size = (extension >= 0 ? sizeLine.substring(0, extension) : sizeLine).trim();
                try {
                    remaining = Long.parseLong(size, 16);
                } catch (NumberFormatException e) {
                    throw new IOException("bad chunk size line: " + abbreviate(sizeLine));
                }
                if (remaining == 0) {
                    while (!readRawLine().isEmpty()) {
                        // trailers: none expected, skipped
                    }
                    bodyDone = true;
                    return -1;
                }
                inChunk = true;
            }
        } else if (remaining == 0) {
            bodyDone = true;
            return -1;
        }
        int b = rawByte();
        if (b < 0) {
            throw new EOFException("connection closed inside the response body");
        }
        remaining--;
        return b;
    }

    private int rawByte() throws IOException {
        if (position == limit) {
            int read = in.read(buffer);
            if (read < 0) {
                return -1;
            }
            position = 0;
            limit = read;
        }
        return buffer[position++] & 0xff;
    }

    /** A line of the HTTP framing (status, header, chunk size), ISO-8859-1, without its line end. */
    private String readRawLine() throws IOException {
        StringBuilder text = new StringBuilder(64);
        int b;
        while ((b = rawByte()) >= 0 && b != '\n') {
            text.append((char) b);
        }
        if (b < 0) {
            throw new EOFException(text.length() == 0 ? "connection closed by the server"
                    : "connection closed inside the response head");
        }
        int length = text.length();
        if (length > 0 && text.charAt(length - 1) == '\r') {
            text.setLength(length - 1);
        }
        return text.toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
