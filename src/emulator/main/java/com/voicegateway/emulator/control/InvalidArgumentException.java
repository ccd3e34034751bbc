package com.voicegateway.emulator.control;

/** A request Gemini would refuse with 400 {@code INVALID_ARGUMENT}; the message is Gemini's wording. */
public class InvalidArgumentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidArgumentException(String message) {
        super(message);
    }
}
