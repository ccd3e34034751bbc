package com.voicegateway.live.entity;

import com.voicegateway.problems.entity.GatewayException;
import com.voicegateway.problems.entity.Problem;
import java.util.Optional;

/**
 * One text frame from a live voice client, decoded. A bad frame is an answer ({@link Invalid}
 * with a 400 problem), not a failure: the socket stays open and the client can correct itself.
 */
public sealed interface VoiceControl {

    /** {@code {"type": "start", "sampleRate": 16000, "voice": "..."}}: the client's audio rate and the voice wanted. */
    record Start(int sampleRate, Optional<String> voice) implements VoiceControl {
        public Start {
            if (sampleRate != 16_000 && sampleRate != 48_000) {
                throw GatewayException.badRequest("sampleRate", "sampleRate must be 16000 or 48000 (Opus packets of 20 ms, mono)");
            }
            voice = voice == null ? Optional.empty() : voice.filter(name -> !name.isBlank());
        }
    }

    /** {@code {"type": "end_of_turn"}}: the user has finished speaking, answer now. */
    record EndOfTurn() implements VoiceControl {
    }

    /** {@code {"type": "interrupt"}}: stop the reply that is playing. */
    record Interrupt() implements VoiceControl {
    }

    /** {@code {"type": "stop"}}: end the conversation and close the socket. */
    record Stop() implements VoiceControl {
    }

    record Invalid(Problem problem) implements VoiceControl {
        public Invalid {
            if (problem == null || problem.status() < 400 || problem.status() > 499) {
                throw new IllegalArgumentException("an invalid frame carries a 4xx problem");
            }
        }
    }
}
