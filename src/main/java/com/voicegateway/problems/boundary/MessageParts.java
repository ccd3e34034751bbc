package com.voicegateway.problems.boundary;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * One socket's incoming messages put together from the parts the container hands over (partial
 * {@code @OnMessage} handlers), under the gateway's own size limit. Why not the container's
 * {@code setMax...MessageBufferSize}: Liberty enforces it by closing with its own reason, which
 * names our endpoint class (CWWKH0037E), and by writing an FFDC incident per oversize message.
 * Here an oversize message is {@link #exceeded()} once its parts pass the limit; the socket then
 * closes with 1009 and a reason that names only the limit. One per socket and kind (text or
 * binary); the container delivers one socket's parts on one thread at a time.
 */
public final class MessageParts {

    private final int maxBytes;
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private int bytes;
    private boolean exceeded;

    public MessageParts(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The whole text message once its last part is in; null before that and while over the limit. */
    public String text(String part, boolean last) {
        if (last && !exceeded && text.length() == 0) {
            // a message in one part, the usual case: no copy
            if (utf8Length(part) <= maxBytes) {
                return part;
            }
            exceeded = true;
            return null;
        }
        if (!exceeded) {
            bytes += utf8Length(part);
            exceeded = bytes > maxBytes;
            if (!exceeded) {
                text.append(part);
            }
        }
        if (!last || exceeded) {
            if (exceeded) {
                text.setLength(0);
            }
            return null;
        }
        String whole = text.toString();
        text.setLength(0);
        bytes = 0;
        return whole;
    }

    /** The whole binary message once its last part is in (the part itself when it is whole); null before that and while over. */
    public byte[] binary(ByteBuffer part, boolean last) {
        if (!exceeded) {
            bytes += part.remaining();
            exceeded = bytes > maxBytes;
        }
        if (exceeded) {
            binary.reset();
            return null;
        }
        if (last && binary.size() == 0) {
            byte[] whole = new byte[part.remaining()];
            part.get(whole);
            bytes = 0;
            return whole;
        }
        byte[] chunk = new byte[part.remaining()];
        part.get(chunk);
        binary.write(chunk, 0, chunk.length);
        if (!last) {
            return null;
        }
        byte[] whole = binary.toByteArray();
        binary.reset();
        bytes = 0;
        return whole;
    }

    /** Whether the message being put together has passed the limit: the socket is to close with 1009. */
    public boolean exceeded() {
        return exceeded;
    }

    /** The reason of that close: the limit, nothing about the server. */
    public String reason() {
        return "Message too big: at most " + maxBytes + " bytes";
    }

    /**
     * What the container may buffer of one part before handing it over: generous, since our limit
     * is what counts, but bounded, so that one frame cannot make it hold much.
     */
    public static int containerBuffer(int maxBytes) {
        return Math.max(64 * 1024, maxBytes * 2);
    }

    private static int utf8Length(String part) {
        int length = 0;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
