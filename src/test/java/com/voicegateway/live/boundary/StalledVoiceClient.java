package com.voicegateway.live.boundary;

import com.voicegateway.audio.control.OpusEncoderStream;
import com.voicegateway.audio.entity.OpusSettings;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A voice client that stops reading at the TCP level, as a phone whose app froze does: a plain
 * socket with a receive buffer of a few kilobytes, a hand-made WebSocket handshake and masked
 * frames (RFC 6455), and after {@code ready} nothing read at all, so the gateway's sends stop
 * completing once the kernel's buffers are full. The JDK's WebSocket client cannot do this: it
 * keeps reading into a large buffer while it has no demand.
 */
final class StalledVoiceClient implements AutoCloseable {

    /** How the connection ended once the client read again: the close code, or -1 for none (EOF without a close frame). */
    record End(int closeCode, long bytesRead) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final OpusEncoderStream encoder = new OpusEncoderStream(VoiceClient.RATE, OpusSettings.voice().withFrameMillis(20));

    StalledVoiceClient(String session, String key) throws IOException {
        URI uri = VoiceClient.uri(session);
        socket = new Socket();
        socket.setReceiveBufferSize(2048); // before connect, so the window offered to the gateway stays small
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
        socket.setSoTimeout(10_000);
        in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        out = socket.getOutputStream();
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String request = "GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(nonce) + "\r\nAuthorization: Bearer " + key + "\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = readHead();
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("no upgrade: " + head);
        }
    }

    /** Sends {@code start} and reads frames until the text frame {@code ready}. */
    void start() throws IOException {
        send(0x1, "{\"type\":\"start\",\"sampleRate\":16000}".getBytes(StandardCharsets.UTF_8));
        while (true) {
            int opcode = in.read() & 0x0f;
            byte[] payload = payload();
            if (opcode == 0x1 && new String(payload, StandardCharsets.UTF_8).contains("\"ready\"")) {
                return;
            }
            if (opcode == 0x8) {
                throw new IOException("closed before ready");
            }
        }
    }

    /** The PCM as 20 ms Opus packets at real-time pace, without reading anything. */
    void speak(short[] pcm) throws IOException, InterruptedException {
        int frame = VoiceClient.RATE / 50;
        long begin = System.nanoTime();
        for (int i = 0; i < pcm.length / frame; i++) {
            long wait = begin + i * 20_000_000L - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            for (byte[] packet : encoder.encode(pcm, i * frame, frame)) {
                send(0x2, packet);
            }
        }
    }

    /**
     * Pings as fast as the socket takes them, on a thread of its own, and never reads a pong: the
     * gateway's side of the connection fills within a second or two (on loopback the kernel sizes
     * the server's send buffer for a 64 KB segment, so audio alone would take minutes), and from
     * then on no frame of the gateway's is taken, as when a client's app freezes. The thread ends
     * when the socket does.
     */
    void floodPings() {
        Thread pinger = new Thread(() -> {
            byte[] payload = new byte[125];
            try {
                while (!socket.isClosed()) {
                    send(0x9, payload);
                }
            } catch (IOException ended) {
                // the gateway closed the connection, or the test did
            }
        }, "stalled-client-pinger");
        pinger.setDaemon(true);
        pinger.start();
    }

    /** Reads everything the gateway had queued, up to the end of the connection; fails if it does not end. */
    End drain() throws IOException {
        long bytes = 0;
        while (true) {
            int first;
            try {
                first = in.read();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the gateway kept the connection open " + socket.getSoTimeout() + " ms after " + bytes + " bytes");
            } catch (IOException reset) {
                return new End(-1, bytes);
            }
            if (first < 0) {
                return new End(-1, bytes);
            }
            byte[] payload = payload();
            bytes += payload.length + 2;
            if ((first & 0x0f) == 0x8) {
                return new End(payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005, bytes);
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private synchronized void send(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** The rest of a server frame (unmasked) after its first byte. */
    private byte[] payload() throws IOException {
        int second = in.read();
        if (second < 0) {
            throw new IOException("end of stream inside a frame");
        }
        long length = second & 0x7f;
        if (length == 126) {
            length = ((long) in.read() << 8) | in.read();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | in.read();
            }
        }
        return in.readNBytes((int) length);
    }

    private String readHead() throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("connection closed during the handshake: " + head);
            }
            head.append((char) next);
        }
        return head.toString();
    }
}
