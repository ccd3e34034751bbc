package com.voicegateway.audio.control;

import com.voicegateway.audio.entity.Pcm;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Test measurements on signals: energy, tones, delay-aligned SNR, corpus files. */
final class Signals {

    private Signals() {
    }

    static byte[] resource(String name) {
        try (InputStream in = Signals.class.getResourceAsStream("/audio/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /audio/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InputStream open(String name) {
        return new ByteArrayInputStream(resource(name));
    }

    static Pcm wav(String name) {
        return WavReader.readAll(open(name));
    }

    /** Mean square per sample over [from, to). */
    static double power(short[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) x[i] * x[i];
        }
        return sum / Math.max(1, to - from);
    }

    static double power(short[] x) {
        return power(x, 0, x.length);
    }

    static double db(double ratio) {
        return 10 * Math.log10(ratio);
    }

    static short[] tone(double hz, int rate, double seconds, double amplitude) {
        short[] x = new short[(int) (rate * seconds)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return x;
    }

    /** The lag of {@code y} against {@code x} (y[i + lag] ~ x[i]) within +-maxLag, by cross-correlation. */
    static int delay(short[] x, short[] y, int maxLag) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int lag = -maxLag; lag <= maxLag; lag++) {
            double sum = 0;
            for (int i = Math.max(0, -lag); i < x.length && i + lag < y.length; i++) {
                sum += (double) x[i] * y[i + lag];
            }
            if (sum > bestScore) {
                bestScore = sum;
                best = lag;
            }
        }
        return best;
    }

    /** Signal-to-noise ratio of {@code y} as a copy of {@code x}, shifted by {@code lag}. */
    static double snr(short[] x, short[] y, int lag) {
        double signal = 0;
        double noise = 0;
        for (int i = Math.max(0, -lag); i < x.length && i + lag < y.length; i++) {
            double d = x[i] - (double) y[i + lag];
            signal += (double) x[i] * x[i];
            noise += d * d;
        }
        return db(signal / noise);
    }
}
