package com.voicegateway.emulator.boundary;

import jakarta.servlet.http.HttpSession;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;

/**
 * Keeps the API key of the handshake, the only moment headers are visible: {@code x-goog-api-key}
 * (what the GenAI SDKs send) or {@code ?key=}. Since WebSocket 2.1 the user properties seen here are
 * this connection's own copy.
 */
public class LiveHandshake extends ServerEndpointConfig.Configurator {

    static final String PRESENTED_KEY = "com.voicegateway.emulator.live.presentedKey";

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        discardUpgradeSession(request);
        String key = first(header(request, "x-goog-api-key"));
        if (key == null) {
            key = first(request.getParameterMap().get("key"));
        }
        if (key != null) {
            config.getUserProperties().put(PRESENTED_KEY, key);
        }
    }

    /**
     * Liberty creates an HTTP session for every upgrade (its handshake asks for one unconditionally)
     * and keeps it for {@code httpSession}'s invalidation timeout, 30 minutes by default: nothing
     * here uses it, so a session made for this handshake goes at once rather than piling up on a
     * busy node. One the client already had (a cookie) is left alone.
     */
    private static void discardUpgradeSession(HandshakeRequest request) {
        if (request.getHttpSession() instanceof HttpSession session) {
            try {
                if (session.isNew()) {
                    session.invalidate();
                }
            } catch (IllegalStateException alreadyInvalidated) {
                // nothing to discard
            }
        }
    }

    /** Header names are case-insensitive, whatever the container's map is. */
    private static List<String> header(HandshakeRequest request, String name) {
        for (Map.Entry<String, List<String>> header : request.getHeaders().entrySet()) {
            if (name.equalsIgnoreCase(header.getKey())) {
                return header.getValue();
            }
        }
        return null;
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() || values.get(0) == null || values.get(0).isBlank() ? null : values.get(0);
    }
}
