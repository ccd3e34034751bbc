package com.voicegateway.perf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes the Opus packets the JMeter plans send on the live voice socket, one file per 20 ms packet
 * ({@code packet-000.opus}, ...): the first utterance of {@link LiveSpeech}, then half a second of encoded
 * silence from the same encoder, so the upstream hears a real end of speech even without
 * {@code end_of_turn}. The luminis Single Write sampler sends one file as one binary frame.
 * The files are committed (perf-plans/jmeter/data/voice); this regenerates them:
 * <pre>mvn -f perf-plans/pom.xml -q compile exec:java -Dperf.main=com.voicegateway.perf.JmeterVoicePackets -Dexec.args=jmeter/data/voice</pre>
 */
public final class JmeterVoicePackets {

    static final int SILENCE_PACKETS = 500 / LiveSpeech.FRAME_MS;

    private JmeterVoicePackets() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: JmeterVoicePackets OUTPUT_DIR");
            System.exit(2);
        }
        LiveSpeech.Turn turn = LiveSpeech.load().turns().get(0);
        Path dir = Path.of(args[0]);
        int n = 0;
        try {
            Files.createDirectories(dir);
            for (byte[] packet : turn.speech()) {
                Files.write(dir.resolve(name(n++)), packet);
            }
            for (int i = 0; i < SILENCE_PACKETS; i++) {
                Files.write(dir.resolve(name(n++)), turn.silence()[i]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.printf(Locale.ROOT, "%d packets (%d ms of speech from %s, %d ms of silence) in %s%n",
                n, turn.speechMs(), turn.source(), SILENCE_PACKETS * LiveSpeech.FRAME_MS, dir.toAbsolutePath());
    }

    static String name(int index) {
        return String.format(Locale.ROOT, "packet-%03d.opus", index);
    }
}
