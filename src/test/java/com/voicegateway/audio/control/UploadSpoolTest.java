package com.voicegateway.audio.control;

import java.util.Map;
import com.voicegateway.audio.entity.AudioSettings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.audio.entity.AudioKind;
import com.voicegateway.audio.entity.SpooledUpload;
import com.voicegateway.problems.entity.GatewayException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadSpoolTest {

    private static final long LIMIT = 50L * 1024 * 1024;

    @TempDir
    Path folder;

    private UploadSpool spool() {
        UploadSpool spool = new UploadSpool();
        spool.settings = AudioSettings.of(Map.of("gateway.audio.max-upload-bytes", Long.toString(LIMIT),
                "gateway.audio.temp-dir", folder.toString()));
        spool.start();
        return spool;
    }

    /** A WAV header followed by {@code size - 44} zero bytes, generated, never held. */
    private static InputStream wavOf(long size) {
        byte[] header = new byte[44];
        System.arraycopy("RIFF".getBytes(), 0, header, 0, 4);
        System.arraycopy("WAVE".getBytes(), 0, header, 8, 4);
        return new InputStream() {
            private long at;

            @Override
            public int read() {
                return at < size ? (at < 44 ? header[(int) at++] : zero()) : -1;
            }

            private int zero() {
                at++;
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (at >= size) {
                    return -1;
                }
                int n = (int) Math.min(len, size - at);
                for (int i = 0; i < n; i++, at++) {
                    b[off + i] = at < 44 ? header[(int) at] : 0;
                }
                return n;
            }
        };
    }

    private long filesLeft() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }

    @Test
    void aFiftyMegabyteUploadAllocatesFarLessThanItsSize() throws Exception {
        UploadSpool spool = spool();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        try (SpooledUpload upload = spool.spool(wavOf(LIMIT), LIMIT, null)) {
            long allocated = threads.getThreadAllocatedBytes(id) - before;
            assertTrue(allocated < 32L * 1024 * 1024, "allocated " + allocated + " bytes for a 50 MB upload");
            assertEquals(LIMIT, upload.bytes());
            assertEquals(LIMIT, Files.size(upload.file()));
            assertEquals(AudioKind.WAV, upload.kind());
        }
        assertEquals(0, filesLeft());
    }

    @Test
    void theDigestIsComputedOnTheWayAndChecked() throws Exception {
        byte[] body = new byte[100_000];
        System.arraycopy("RIFF".getBytes(), 0, body, 0, 4);
        System.arraycopy("WAVE".getBytes(), 0, body, 8, 4);
        String sha = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
        UploadSpool spool = spool();
        try (SpooledUpload upload = spool.spool(new ByteArrayInputStream(body), body.length, "sha-256=:" + sha + ":")) {
            assertEquals(sha, upload.sha256());
            assertArrayEquals(body, Files.readAllBytes(upload.file()));
        }
        body[500] = 1;
        GatewayException mismatch = assertThrows(GatewayException.class,
                () -> spool.spool(new ByteArrayInputStream(body), body.length, "sha-256=:" + sha + ":"));
        assertEquals("/problems/digest-mismatch", mismatch.problem().type());
        assertEquals(0, filesLeft(), "a refused upload leaves no file");
    }

    @Test
    void theLimitHoldsFromTheHeaderAndWhileReading() throws IOException {
        UploadSpool spool = spool();
        assertEquals(413, assertThrows(GatewayException.class, () -> spool.spool(wavOf(10), LIMIT + 1, null)).status());
        assertEquals(413, assertThrows(GatewayException.class, () -> spool.spool(wavOf(LIMIT + 1), -1, null)).status());
        assertEquals(0, filesLeft());
    }

    @Test
    void aClientThatGoesAwayLeavesNoFile() throws IOException {
        InputStream broken = new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent++ > 200_000) {
                    throw new IOException("connection reset");
                }
                return 0;
            }
        };
        assertThrows(RuntimeException.class, () -> spool().spool(broken, -1, null));
        assertEquals(0, filesLeft());
    }

    @Test
    void digestHeadersAreParsedStrictly() {
        assertEquals(null, UploadSpool.expectedSha256(null));
        assertEquals(null, UploadSpool.expectedSha256("sha-512=:AAAA:"), "algorithms not checked are ignored");
        assertEquals(32, UploadSpool.expectedSha256("sha-512=:AAAA:, sha-256=:" + Base64.getEncoder().encodeToString(new byte[32]) + ":").length);
        assertEquals(400, assertThrows(GatewayException.class, () -> UploadSpool.expectedSha256("sha-256=:AAAA:")).status());
        assertEquals(400, assertThrows(GatewayException.class, () -> UploadSpool.expectedSha256("sha-256=abc")).status());
        byte[] last = new byte[32];
        last[0] = 7;
        assertEquals(7, UploadSpool.expectedSha256("sha-256=:" + Base64.getEncoder().encodeToString(new byte[32]) + ":, sha-256=:"
                + Base64.getEncoder().encodeToString(last) + ":")[0], "a duplicate key: the last member wins (RFC 8941)");
    }
}
