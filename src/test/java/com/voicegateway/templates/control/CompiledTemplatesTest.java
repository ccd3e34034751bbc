package com.voicegateway.templates.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.mustachejava.Mustache;
import com.voicegateway.templates.entity.Template;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CompiledTemplatesTest {

    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    private final CompiledTemplates compiled = new CompiledTemplates();

    CompiledTemplatesTest() {
        compiled.renderer = new TemplateRenderer();
    }

    private static Template version(long version, String text) {
        return new Template("greet", version, "", text, Instant.EPOCH);
    }

    @Test
    void aKeptTemplateIsServedWithItsCompilation() {
        Template first = version(1, "Hi {{name}}");
        compiled.keep(first, compiled.epoch(), MINUTE);
        assertEquals(first, compiled.fresh("greet").orElseThrow());
        Mustache mustache = compiled.of(first);
        assertSame(mustache, compiled.of(first));
        assertEquals(1, compiled.size());
    }

    @Test
    void aNewTextIsNeverServedFromAnOldCompilation() {
        compiled.keep(version(1, "Hi {{name}}"), compiled.epoch(), MINUTE);
        Mustache first = compiled.of(version(1, "Hi {{name}}"));
        Template second = version(2, "Bye {{name}}");
        Mustache next = compiled.of(second);
        assertNotSame(first, next);
        assertEquals("Bye Ada", compiled.renderer.render(second, next, Map.of("name", "Ada")).text());
    }

    @Test
    void anEntryOlderThanItsTtlIsNotServed() {
        compiled.keep(version(1, "Hi"), compiled.epoch(), 0);
        assertTrue(compiled.fresh("greet").isEmpty());
        assertEquals(0, compiled.size());
    }

    @Test
    void forgettingDropsTheEntry() {
        compiled.keep(version(1, "Hi"), compiled.epoch(), MINUTE);
        compiled.forget("greet");
        assertTrue(compiled.fresh("greet").isEmpty());
        assertEquals(0, compiled.size());
    }

    @Test
    void aReadThatRacedAForgetDoesNotKeepWhatItFetched() {
        long seen = compiled.epoch();
        // a write elsewhere is observed between this read's fetch and its keep
        compiled.forget("greet");
        compiled.keep(version(1, "Old"), seen, MINUTE);
        assertTrue(compiled.fresh("greet").isEmpty(), "the version fetched before the write must not be served");
    }
}
