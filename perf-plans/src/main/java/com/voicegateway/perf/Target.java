package com.voicegateway.perf;

import java.nio.charset.StandardCharsets;

/**
 * The ways of asking for the same emulated reply: straight at a Gemini emulator (DIRECT, at
 * {@code --direct-base}); through nginx as a plain reverse proxy in front of that emulator (NGINX, at
 * {@code --nginx-base}: the reference a proxy's overhead is measured against); through the gateway's
 * completions endpoint (GATEWAY, at {@code --base}); and through the gateway's Gemini-compatible
 * pass-through (GEMINI, at {@code --base}, the request DIRECT sends with a gateway key). When the gateway's
 * upstream and nginx's are the emulator at {@code --direct-base}, each front's TTFT minus DIRECT's is what
 * that front adds.
 */
enum Target {

    DIRECT(Surface.GEMINI_SSE, Emulator.PATH, Emulator.HEADERS),

    /** The DIRECT request, sent to nginx in front of the same emulator. */
    NGINX(Surface.GEMINI_SSE, Emulator.PATH, Emulator.HEADERS),

    GATEWAY(Surface.GATEWAY_SSE, "/api/v1/completions",
            "Authorization: Bearer dev-user-key\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\n"),

    GEMINI(Surface.GEMINI_SSE, "/gemini/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
            "x-goog-api-key: dev-user-key\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\n");

    /** The emulator's streaming request (any key is accepted there). */
    private static final class Emulator {
        static final String PATH = "/gemini-emulator/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse";
        static final String HEADERS = "x-goog-api-key: bench\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\n";
    }

    /** How a request is written and its stream read: Gemini's SSE (the emulator, nginx in front of it, the pass-through) or the gateway's own. */
    private enum Surface {
        GEMINI_SSE {
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
                // Gemini (the emulator, the pass-through) reports an in-stream failure as a data event whose JSON is {"error": ...}.
                return line.startsWith("data:") && line.substring(5).stripLeading().startsWith("{\"error\"");
            }

            @Override
            boolean isDone(String line) {
                return line.startsWith("data:") && line.contains("\"finishReason\"");
            }
        },

        GATEWAY_SSE {
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

        abstract String body(String prompt);

        abstract boolean isFirstToken(String line);

        abstract boolean isError(String line);

        abstract boolean isDone(String line);
    }

    /**
     * The directive every target puts in every prompt, so both get the same emulated reply; the body comes from
     * {@code --reply} (default {@value Options#DEFAULT_REPLY}: 200 ms to the first token, then 20 tokens at 50 per
     * second).
     */
    static String directive(String reply) {
        return "[[emulator " + reply + "]]";
    }

    private final Surface surface;
    private final String path;
    private final String headers;

    Target(Surface surface, String path, String headers) {
        this.surface = surface;
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

    String body(String prompt) {
        return surface.body(prompt);
    }

    /** The line whose arrival is the first token: the clock stops when it has been read completely. */
    boolean isFirstToken(String line) {
        return surface.isFirstToken(line);
    }

    /** A failure reported inside a 200 stream. */
    boolean isError(String line) {
        return surface.isError(line);
    }

    /** The line that says the reply is complete; a stream that ends without it was cut short. */
    boolean isDone(String line) {
        return surface.isDone(line);
    }
}
