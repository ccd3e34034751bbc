package com.voicegateway.voice.control;

import com.voicegateway.DeployedGateway;
import com.voicegateway.devredis.EmbeddedRedis;
import com.voicegateway.problems.entity.GatewayException;
import com.voicegateway.redis.control.HandWiring;
import com.voicegateway.redis.control.RedisAccess;
import com.voicegateway.voice.entity.VoiceSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Downloads of spoken replies against a real redis-server: pages reach a reader while the reply is
 * still produced, on the producing node (local signal) and on another (blocking stream read); a
 * reader of a reply whose producer died ends; followers of remote replies are bounded.
 */
@RunAsClient
class SpokenReplyStoreIT extends DeployedGateway {

    private static EmbeddedRedis redis;
    private static RedisAccess access;

    @BeforeAll
    static void start() throws IOException {
        redis = EmbeddedRedis.start(0, EmbeddedRedis.Options.inMemory());
        access = HandWiring.access("redis://127.0.0.1:" + redis.port(), 16, 1, false, HandWiring.noOpMetrics());
        access.open();
    }

    @AfterAll
    static void stop() throws IOException {
        access.close();
        redis.close();
    }

    private static SpokenReplyStore node(long stallMillis, int maxRemoteDownloads) {
        SpokenReplyStore store = new SpokenReplyStore();
        store.redis = access;
        store.settings = VoiceSettings.of(Map.of("gateway.voice.reply-ttl-seconds", "60",
                "gateway.voice.reply-stall-ms", Long.toString(stallMillis),
                "gateway.voice.max-remote-downloads", Integer.toString(maxRemoteDownloads)));
        return store;
    }

    /** An output that counts down a latch once it holds {@code expected} bytes. */
    private static final class Received extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CountDownLatch firstPage = new CountDownLatch(1);
        final int firstPageSize;

        Received(int firstPageSize) {
            this.firstPageSize = firstPageSize;
        }

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            check();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            check();
        }

        private void check() {
            if (bytes.size() >= firstPageSize) {
                firstPage.countDown();
            }
        }
    }

    @Test
    void aReaderOnTheProducingNodeGetsEachPageWhileTheReplyIsProduced() throws Exception {
        SpokenReplyStore node = node(30_000, 4);
        streamsWhileProduced(node, node, "u_local000000000000000000");
    }

    @Test
    void aReaderOnAnotherNodeGetsEachPageWhileTheReplyIsProduced() throws Exception {
        streamsWhileProduced(node(30_000, 4), node(30_000, 4), "u_remote00000000000000000");
    }

    private static void streamsWhileProduced(SpokenReplyStore producer, SpokenReplyStore reader, String utterance) throws Exception {
        byte[] first = "OggS-first-page".getBytes(StandardCharsets.US_ASCII);
        byte[] second = "OggS-second-page".getBytes(StandardCharsets.US_ASCII);
        SpokenReplyStore.Writer writer = producer.create("s_streams", utterance, Map.of("state", "producing", "owner", "k"));
        writer.append(first);
        Received out = new Received(first.length);
        SpokenReplyStore.Download download = reader.download("s_streams", utterance);
        CompletableFuture<Void> copied = CompletableFuture.runAsync(() -> {
            try {
                download.copyTo(out);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(out.firstPage.await(10, TimeUnit.SECONDS), "the first page arrives while the reply is produced");
        assertEquals(SpokenReplyStore.State.PRODUCING, reader.state("s_streams", utterance));
        assertTrue(!copied.isDone(), "the download waits for more while the reply is produced");
        writer.append(second);
        writer.mark(Map.of("state", "complete"));
        writer.close();
        copied.get(10, TimeUnit.SECONDS);
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        whole.write(first);
        whole.write(second);
        assertArrayEquals(whole.toByteArray(), out.bytes.toByteArray());
    }

    @Test
    void aReaderOfAReplyWhoseProducerDiedEndsWithWhatWasStored() throws Exception {
        byte[] page = "OggS-only-page".getBytes(StandardCharsets.US_ASCII);
        // produced by a node that then dies: never marked complete or failed, never closed
        node(30_000, 4).create("s_died", "u_died0000000000000000000", Map.of("state", "producing", "owner", "k")).append(page);
        SpokenReplyStore reader = node(600, 4);
        Received out = new Received(page.length);
        CompletableFuture<Void> copied = CompletableFuture.runAsync(() -> {
            try {
                reader.download("s_died", "u_died0000000000000000000").copyTo(out);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        copied.get(15, TimeUnit.SECONDS);
        assertArrayEquals(page, out.bytes.toByteArray(), "the reader keeps what was stored and ends");
    }

    @Test
    void aLocalReaderOfAStalledProducerEnds() throws Exception {
        SpokenReplyStore node = node(600, 4);
        SpokenReplyStore.Writer stalled = node.create("s_stall", "u_stall000000000000000000", Map.of("state", "producing", "owner", "k"));
        try {
            Received out = new Received(1);
            CompletableFuture<Void> copied = CompletableFuture.runAsync(() -> {
                try {
                    node.download("s_stall", "u_stall000000000000000000").copyTo(out);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            copied.get(15, TimeUnit.SECONDS);
            assertEquals(0, out.bytes.size());
        } finally {
            stalled.close();
        }
    }

    @Test
    void followersOfRepliesProducedElsewhereAreBoundedAndRefusedWith503() throws Exception {
        SpokenReplyStore producer = node(30_000, 4);
        SpokenReplyStore reader = node(30_000, 1);
        SpokenReplyStore.Writer writer = producer.create("s_bound", "u_bound000000000000000000", Map.of("state", "producing", "owner", "k"));
        SpokenReplyStore.Download held = reader.download("s_bound", "u_bound000000000000000000");
        GatewayException refused = assertThrows(GatewayException.class, () -> reader.download("s_bound", "u_bound000000000000000000"));
        assertEquals(503, refused.status());
        assertTrue(refused.retryAfter() != null, "a 503 says when to retry");
        CompletableFuture<Void> copied = CompletableFuture.runAsync(() -> {
            try {
                held.copyTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.mark(Map.of("state", "complete"));
        writer.close();
        copied.get(10, TimeUnit.SECONDS);
        // the permit is back, and a finished reply needs none
        reader.download("s_bound", "u_bound000000000000000000").copyTo(OutputStream.nullOutputStream());
        SpokenReplyStore.Writer again = producer.create("s_bound", "u_bound100000000000000000", Map.of("state", "producing", "owner", "k"));
        SpokenReplyStore.Download next = reader.download("s_bound", "u_bound100000000000000000");
        again.mark(Map.of("state", "failed"));
        again.close();
        next.copyTo(OutputStream.nullOutputStream());
    }
}
