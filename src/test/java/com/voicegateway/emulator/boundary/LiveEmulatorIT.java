package com.voicegateway.emulator.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.DeployedGateway;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The emulator's Gemini Live socket over a real connection, at the path the GenAI SDK dials:
 * setup, 16 kHz speech at real-time pace, a paced 24 kHz spoken reply, then a resume on a second
 * socket that continues with the next turn.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@RunAsClient
class LiveEmulatorIT extends DeployedGateway {

    private static final String BASE = System.getProperty("gateway.url", "http://localhost:19080");
    private static final String PATH = "/gemini-emulator/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent";

    private static final class Socket implements WebSocket.Listener {
        final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();
        WebSocket ws;

        static Socket open() {
            Socket socket = new Socket();
            socket.ws = HttpClient.newHttpClient().newWebSocketBuilder().header("x-goog-api-key", "any-key")
                    .buildAsync(URI.create(BASE.replaceFirst("^http", "ws") + PATH), socket).join();
            return socket;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                received.add(Json.createReader(new StringReader(text.toString())).readObject());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        void send(String json) {
            ws.sendText(json, true).join();
        }

        JsonObject next() throws InterruptedException {
            JsonObject message = received.poll(20, TimeUnit.SECONDS);
            assertNotNull(message, "a server message within 20 s");
            return message;
        }
    }

    private static byte[] speech16k() throws IOException {
        try (InputStream in = LiveEmulatorIT.class.getClassLoader().getResourceAsStream("audio/speech1_16k.wav")) {
            byte[] wav = in.readAllBytes();
            return Arrays.copyOfRange(wav, 44, wav.length);
        }
    }

    private static void speak(Socket socket, byte[] pcm) throws InterruptedException {
        long start = System.nanoTime();
        for (int at = 0, i = 0; at < pcm.length; at += 3200, i++) {
            byte[] piece = Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + 3200));
            socket.send("{\"realtime_input\":{\"audio\":{\"data\":\"" + Base64.getEncoder().encodeToString(piece)
                    + "\",\"mime_type\":\"audio/pcm;rate=16000\"}}}");
            long due = start + (i + 1) * 100_000_000L; // real-time pace, 100 ms a message
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait); // pacing the audio, not synchronising
            }
        }
    }

    private static String setup(String resumption) {
        return "{\"setup\":{\"model\":\"models/gemini-live-2.5-flash\",\"inputAudioTranscription\":{},"
                + "\"outputAudioTranscription\":{},\"sessionResumption\":" + resumption + "}}";
    }

    /** One spoken turn: returns the last handle; checks transcription, chunk size, energy and the turn named. */
    private static String turn(Socket socket, int expectedTurn) throws Exception {
        byte[] speech = speech16k();
        speak(socket, Arrays.copyOfRange(speech, 0, 64_000)); // 2 s of the recording
        speak(socket, new byte[19_200]); // 600 ms of silence ends the turn
        String input = null;
        StringBuilder output = new StringBuilder();
        int chunks = 0;
        double energy = 0;
        String handle = null;
        boolean complete = false;
        while (!complete || handle == null) {
            JsonObject message = socket.next();
            if (message.containsKey("sessionResumptionUpdate") && message.getJsonObject("sessionResumptionUpdate").containsKey("newHandle")) {
                handle = message.getJsonObject("sessionResumptionUpdate").getString("newHandle");
                continue;
            }
            JsonObject content = message.getJsonObject("serverContent");
            if (content == null) {
                continue;
            }
            if (content.containsKey("inputTranscription")) {
                input = content.getJsonObject("inputTranscription").getString("text");
            } else if (content.containsKey("outputTranscription")) {
                output.append(content.getJsonObject("outputTranscription").getString("text"));
            } else if (content.containsKey("modelTurn")) {
                byte[] pcm = Base64.getDecoder().decode(content.getJsonObject("modelTurn").getJsonArray("parts")
                        .getJsonObject(0).getJsonObject("inlineData").getString("data"));
                assertEquals(11_520, pcm.length, "240 ms of 24 kHz PCM16 per message");
                long sum = 0;
                for (int i = 0; i + 1 < pcm.length; i += 2) {
                    int sample = (short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8));
                    sum += (long) sample * sample;
                }
                energy = Math.max(energy, Math.sqrt((double) sum / (pcm.length / 2)));
                chunks++;
            } else if (content.getBoolean("turnComplete", false)) {
                complete = true;
                handle = null; // the handle after the turn comes next
            }
        }
        assertEquals("Hello, this is user turn " + expectedTurn + ".", input);
        assertTrue(output.toString().startsWith("This answers turn " + expectedTurn + "."), output.toString());
        assertEquals(10, chunks, "2400 ms of reply audio");
        assertTrue(energy > 300, "reply audio is speech, RMS " + energy);
        return handle;
    }

    @Test
    void speechIsAnsweredAndAResumedSocketContinuesWithTheNextTurn() throws Exception {
        Socket first = Socket.open();
        first.send(setup("{}"));
        assertTrue(first.next().containsKey("setupComplete"), "setupComplete first");
        String handle = turn(first, 1);
        first.ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();

        Socket second = Socket.open();
        second.send(setup("{\"handle\":\"" + handle + "\"}"));
        assertTrue(second.next().containsKey("setupComplete"));
        turn(second, 2);
        second.ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }
}
