package com.voicegateway.templates.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.problems.entity.GatewayException;
import com.voicegateway.templates.entity.Template;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateRendererTest {

    private final TemplateRenderer renderer = new TemplateRenderer();

    private static Template template(String text) {
        return new Template("t", 3, "", text, Instant.EPOCH);
    }

    @Test
    void rendersVariablesWithoutEscaping() {
        assertEquals("Hello Ada & <Bob>, v3",
                renderer.render(template("Hello {{name}}, v3"), Map.of("name", "Ada & <Bob>")).text());
        assertEquals(3, renderer.render(template("x"), null).version());
    }

    @Test
    void aMissingVariableIs400NamingIt() {
        GatewayException missing = assertThrows(GatewayException.class,
                () -> renderer.render(template("Translate into {{target}} for {{name}}"), Map.of("name", "Ada")));
        assertEquals(400, missing.status());
        assertEquals("variables.target", missing.problem().invalidParams().get(0).name());
        assertTrue(missing.getMessage().contains("target"));
    }

    @Test
    void aSectionMakesAVariableOptional() {
        Template text = template("Hi.{{#name}} You are {{name}}.{{/name}}");
        assertEquals("Hi.", renderer.render(text, Map.of()).text());
        assertEquals("Hi. You are Ada.", renderer.render(text, Map.of("name", "Ada")).text());
    }

    @Test
    void valuesAreNeverReadAsTemplateSyntax() {
        String hostile = "{{secret}} {{#x}}y{{/x}} {{> partial}}";
        assertEquals("say " + hostile, renderer.render(template("say {{v}}"), Map.of("v", hostile, "secret", "LEAK")).text());
    }

    @Test
    void invalidTextIs400NamingText() {
        for (String broken : new String[] {"{{#open}} never closed", "{{> partial}}", "{{name"}) {
            GatewayException invalid = assertThrows(GatewayException.class, () -> renderer.compile("t", broken, "text"), broken);
            assertEquals(400, invalid.status());
            assertEquals("text", invalid.problem().invalidParams().get(0).name());
        }
    }

    @Test
    void shippedSeedsCompileAndTheAssistantNeedsNoVariables() throws Exception {
        for (String id : TemplateSeeds.SHIPPED) {
            try (var in = TemplateSeeds.class.getResourceAsStream("/templates/" + id + ".json")) {
                TemplateSeeds.Seed seed = TemplateSeeds.fromJson(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                renderer.compile(id, seed.text(), "text");
                if (id.equals("assistant")) {
                    assertTrue(renderer.render(new Template(id, 1, "", seed.text(), Instant.EPOCH), Map.of()).text().contains("voice assistant"));
                }
            }
        }
    }
}
