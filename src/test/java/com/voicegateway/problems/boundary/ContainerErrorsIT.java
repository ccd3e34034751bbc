package com.voicegateway.problems.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.DeployedGateway;
import com.voicegateway.GatewayHttp;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What Liberty answers itself, before JAX-RS routes anything, is problem+json too (Gemini's error
 * shape under /gemini), with no exception, class or host name: the request lines go out as written,
 * over a raw socket, because an HTTP client would normalise or refuse them first.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@RunAsClient
class ContainerErrorsIT extends DeployedGateway {

    private static final URI BASE = URI.create(System.getProperty("gateway.url", "http://localhost:19080"));

    @Test
    void oddPathsGetAProblemNotLibertysPage() throws IOException {
        List<String> paths = List.of("/api/v1/templates/%2e%2e", "/api/v1/templates/%2E", "/api/v1/templates/a%2fb",
                "/api/v1/templates/a%5cb",
                "/api/v1/templates/" + "a".repeat(30_000), "/api/v1/sessions/" + "b".repeat(30_000));
        // not here: an encoded NUL (%00) and a ';' after '..' are refused by Liberty's web container before any
        // application code runs, with its own HTML page, and a request line over 32 KB by its HTTP channel with an
        // empty 400 (docs/api.md, Problems)
        for (String path : paths) {
            Reply reply = request("GET", path, GatewayHttp.USER_KEY, null);
            String shown = path.length() > 60 ? path.substring(0, 60) + "..." : path;
            assertTrue(reply.status() >= 400 && reply.status() < 500, shown + ": " + reply);
            assertTrue(reply.header("content-type").startsWith("application/problem+json"), shown + ": " + reply);
            JsonObject problem = GatewayHttp.json(reply.body());
            assertTrue(problem.getString("type").startsWith("/problems/"), shown + ": " + reply.body());
            assertFalse(problem.getString("detail").isBlank(), shown);
            assertClean(shown, reply);
        }
    }

    @Test
    void oddPathsUnderGeminiGetGeminisErrorShape() throws IOException {
        for (String path : List.of("/gemini/v1beta/models/%2e%2e:generateContent", "/gemini/v1beta/models/a%2fb:generateContent")) {
            Reply reply = request("POST", path, null, "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}");
            assertTrue(reply.status() >= 400 && reply.status() < 500, path + ": " + reply);
            assertTrue(reply.header("content-type").startsWith("application/json"), path + ": " + reply);
            JsonObject error = GatewayHttp.json(reply.body()).getJsonObject("error");
            assertTrue(error.getInt("code") == reply.status(), reply.body());
            assertFalse(error.getString("status").isBlank(), reply.body());
            assertClean(path, reply);
        }
    }

    @Test
    void templateIdsDotAndDotDotAreRefusedAsTheyCouldNeverBeReadBack() throws IOException {
        for (String id : List.of(".", "..")) {
            Reply reply = request("PUT", "/api/v1/templates/" + id, GatewayHttp.ADMIN_KEY, "{\"text\":\"x\"}");
            assertTrue(reply.status() >= 400 && reply.status() < 500, id + ": " + reply);
            assertTrue(reply.header("content-type").startsWith("application/problem+json"), id + ": " + reply);
            assertClean(id, reply);
        }
    }

    private static void assertClean(String what, Reply reply) {
        String lower = reply.body().toLowerCase(Locale.ROOT);
        for (String leak : List.of("exception", "com.ibm", "<html", "java.", "127.0.0.1", "cwwwc")) {
            assertFalse(lower.contains(leak), what + " leaks '" + leak + "': " + reply.body());
        }
    }

    private record Reply(int status, String head, String body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return "";
        }

        @Override
        public String toString() {
            return status + " " + header("content-type") + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }

    /** One HTTP/1.1 request exactly as written, Connection: close, the whole answer read (chunked bodies joined). */
    private static Reply request(String method, String path, String key, String json) throws IOException {
        try (Socket socket = new Socket(BASE.getHost(), BASE.getPort())) {
            socket.setSoTimeout(15_000);
            byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(BASE.getHost()).append(':').append(BASE.getPort()).append("\r\n")
                    .append("Connection: close\r\n");
            if (key != null) {
                head.append("Authorization: Bearer ").append(key).append("\r\n");
                head.append("x-goog-api-key: ").append(key).append("\r\n");
            } else {
                head.append("x-goog-api-key: ").append(GatewayHttp.USER_KEY).append("\r\n");
            }
            if (json != null) {
                head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String responseHead = split < 0 ? text : text.substring(0, split);
            String responseBody = split < 0 ? "" : text.substring(split + 4);
            String[] statusLine = responseHead.split("\r\n", 2)[0].split(" ");
            Reply reply = new Reply(Integer.parseInt(statusLine[1]), responseHead, responseBody);
            if (reply.header("transfer-encoding").equalsIgnoreCase("chunked")) {
                reply = new Reply(reply.status(), responseHead, dechunk(responseBody));
            }
            return reply;
        }
    }

    private static String dechunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int end = chunked.indexOf("\r\n", at);
            if (end < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, end).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(chunked, end + 2, end + 2 + size);
            at = end + 2 + size + 2;
        }
        return out.toString();
    }
}
