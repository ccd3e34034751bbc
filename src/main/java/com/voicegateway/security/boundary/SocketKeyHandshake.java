package com.voicegateway.security.boundary;

import jakarta.servlet.http.HttpSession;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;

/**
 * Keeps the API key presented to a WebSocket (chat and live voice) at the handshake, the only moment headers are visible:
 * {@code Authorization: Bearer <key>}, or {@code ?access_token=<key>} for browsers, which cannot
 * set headers on a WebSocket. Since WebSocket 2.1 the user properties seen here are this
 * connection's own copy, which becomes the session's.
 */
public class SocketKeyHandshake extends ServerEndpointConfig.Configurator {

    public static final String PRESENTED_KEY = "com.voicegateway.security.presentedKey";

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        discardUpgradeSession(request);
        String key = bearer(header(request, "Authorization"));
        if (key == null) {
            key = first(request.getParameterMap().get("access_token"));
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

    private static String bearer(List<String> authorization) {
        String header = first(authorization);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return first(List.of(header.substring(7).trim()));
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() || values.get(0) == null || values.get(0).isBlank() ? null : values.get(0);
    }
}
