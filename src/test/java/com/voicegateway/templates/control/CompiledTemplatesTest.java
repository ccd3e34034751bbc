package com.voicegateway.templates.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.github.mustachejava.Mustache;
import com.voicegateway.templates.entity.Template;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompiledTemplatesTest {

    private final CompiledTemplates compiled = new CompiledTemplates();

    CompiledTemplatesTest() {
        compiled.renderer = new TemplateRenderer();
    }

    private static Template version(long version, String text) {
        return new Template("greet", version, "", text, Instant.EPOCH);
    }

    @Test
    void theSameTextIsCompiledOnce() {
        Mustache first = compiled.of(version(1, "Hi {{name}}"));
        assertSame(first, compiled.of(version(1, "Hi {{name}}")));
        assertEquals(1, compiled.size());
    }

    @Test
    void aNewTextIsNeverServedFromAnOldCompilation() {
        Mustache first = compiled.of(version(1, "Hi {{name}}"));
        Template second = version(2, "Bye {{name}}");
        Mustache next = compiled.of(second);
        assertNotSame(first, next);
        assertEquals("Bye Ada", compiled.renderer.render(second, next, Map.of("name", "Ada")).text());
    }

    @Test
    void forgettingDropsTheEntry() {
        compiled.of(version(1, "Hi"));
        compiled.forget("greet");
        assertEquals(0, compiled.size());
    }
}
