package com.voicegateway.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The production EAR, as built by this module, holds the gateway and nothing of the development
 * side: no Gemini emulator, no development Redis, no embedded-redis (with its redis-server
 * binaries). Every archive inside the EAR is opened, WARs and their libraries included.
 */
class EarContentsTest {

    /** Entries (by their path through the nested archives) that only the development side has. */
    static final Pattern DEVELOPMENT_ONLY = Pattern.compile(
            "(^|[/!])com/voicegateway/(emulator|devredis)/"
                    + "|(^|[/!])redis/embedded/"
                    + "|(^|[/!])(gemini-emulator|voice-gateway-dev-redis|embedded-redis)[^/!]*\\.(war|jar)$"
                    + "|(^|[/!])redis-server[^/]*$");

    private static final Path EAR = Path.of(System.getProperty("ear.file", "target/voice-gateway.ear"));

    @Test
    void theEarHoldsTheGatewayAndNoDevelopmentSide() throws IOException {
        assertTrue(Files.isRegularFile(EAR), "the EAR should have been built at " + EAR.toAbsolutePath());
        List<String> entries;
        try (InputStream in = Files.newInputStream(EAR)) {
            entries = entries("", in);
        }
        assertTrue(entries.stream().anyMatch(e -> e.matches("[^!/]*voice-gateway[^!/]*\\.war!WEB-INF/classes/com/voicegateway/chat/.*\\.class")),
                "the gateway's classes should be inside the EAR's WAR (else this check looks in the wrong place)");
        assertTrue(entries.stream().anyMatch(e -> e.matches("[^!/]*voice-gateway[^!/]*\\.war!WEB-INF/lib/jedis-[^/]*\\.jar!redis/clients/.*")),
                "the WAR's libraries should be opened too");
        assertEquals(List.of(), developmentOnly(entries), "the production EAR must not contain the development side");
    }

    /** The check's own check: an archive planted with an emulator class and embedded-redis is caught. */
    @Test
    void findsAPlantedEmulatorAndEmbeddedRedis() throws IOException {
        byte[] library = zip("redis/embedded/RedisServer.class", null, "redis-server-7.2.4-linux-amd64", null);
        byte[] war = zip("WEB-INF/classes/com/voicegateway/emulator/boundary/EmulatorServlet.class", null,
                "WEB-INF/lib/embedded-redis-1.4.4.jar", library);
        List<String> found = developmentOnly(entries("", new ByteArrayInputStream(zip("voice-gateway.war", war))));
        assertEquals(List.of(
                "voice-gateway.war!WEB-INF/classes/com/voicegateway/emulator/boundary/EmulatorServlet.class",
                "voice-gateway.war!WEB-INF/lib/embedded-redis-1.4.4.jar",
                "voice-gateway.war!WEB-INF/lib/embedded-redis-1.4.4.jar!redis/embedded/RedisServer.class",
                "voice-gateway.war!WEB-INF/lib/embedded-redis-1.4.4.jar!redis-server-7.2.4-linux-amd64"), found);
    }

    static List<String> developmentOnly(List<String> entries) {
        return entries.stream().filter(e -> DEVELOPMENT_ONLY.matcher(e).find()).toList();
    }

    /** Every entry of the archive, nested archives opened: {@code outer.war!WEB-INF/lib/x.jar!a/B.class}. */
    static List<String> entries(String prefix, InputStream archive) throws IOException {
        List<String> names = new ArrayList<>();
        ZipInputStream zip = new ZipInputStream(archive);
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            String name = prefix + entry.getName();
            names.add(name);
            if (!entry.isDirectory() && (name.endsWith(".war") || name.endsWith(".jar") || name.endsWith(".rar"))) {
                names.addAll(entries(name + "!", new ByteArrayInputStream(zip.readAllBytes())));
            }
        }
        return names;
    }

    /** A zip of (name, content) pairs; null content writes an empty entry. */
    private static byte[] zip(Object... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                out.putNextEntry(new ZipEntry((String) namesAndContents[i]));
                Object content = i + 1 < namesAndContents.length ? namesAndContents[i + 1] : null;
                if (content instanceof byte[] data) {
                    out.write(data);
                }
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
