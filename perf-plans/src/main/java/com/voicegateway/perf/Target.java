package com.voicegateway.perf;

import java.nio.charset.StandardCharsets;

/**
 * The two ways of asking for the same emulated reply: straight at a Gemini emulator (DIRECT, at
 * {@code --direct-base}), and through the gateway's completions endpoint (GATEWAY, at {@code --base}),
 * which calls an emulator upstream. When DIRECT targets the very emulator the gateway calls, the
 * difference of their TTFT is what the gateway adds.
 */
enum Target {

    DIRECT("/gemini-emulator/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
            "x-goog-api-key: bench\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\n") {
        @Override
        String body(String prompt) {
            return "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"" + prompt + "\"}]}]}";
        }

        @Override
        boolean isFirstToken(String line) {
            return line.startsWith("data:");
        }

        @Override
        boolean isError(String line) {
            // The emulator reports an in-stream failure as a data event whose JSON is Gemini's {"error": ...}.
            return line.startsWith("data:") && line.substring(5).stripLeading().startsWith("{\"error\"");
        }

        @Override
        boolean isDone(String line) {
            return line.startsWith("data:") && line.contains("\"finishReason\"");
        }
    },

    GATEWAY("/api/v1/completions",
            "Authorization: Bearer dev-user-key\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\n") {
        @Override
        String body(String prompt) {
            return "{\"input\":\"" + prompt + "\"}";
        }

        @Override
        boolean isFirstToken(String line) {
            return "event: delta".equals(line);
        }

        @Override
        boolean isError(String line) {
            return "event: error".equals(line);
        }

        @Override
        boolean isDone(String line) {
            return "event: done".equals(line);
        }
    };

    /**
     * The directive both targets put in every prompt, so both get the same emulated reply; the body comes from
     * {@code --reply} (default {@value Options#DEFAULT_REPLY}: 200 ms to the first token, then 20 tokens at 50 per
     * second).
     */
    static String directive(String reply) {
        return "[[emulator " + reply + "]]";
    }

    private final String path;
    private final String headers;

    Target(String path, String headers) {
        this.path = path;
        this.headers = headers;
    }

    /**
     * One complete HTTP/1.1 request. The nonce makes every prompt unique, so neither the emulator's
     * deterministic replies nor any cache on the way can make one request cheaper than another.
     * It must be JSON-safe as is (letters, digits, dashes).
     */
    byte[] request(String hostHeader, String nonce, String directive) {
        byte[] body = body("bench " + nonce + " " + directive).getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\n" + headers
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return request;
    }

    abstract String body(String prompt);

    /** The line whose arrival is the first token: the clock stops when it has been read completely. */
    abstract boolean isFirstToken(String line);

    /** A failure reported inside a 200 stream. */
    abstract boolean isError(String line);

    /** The line that says the reply is complete; a stream that ends without it was cut short. */
    abstract boolean isDone(String line);
}
