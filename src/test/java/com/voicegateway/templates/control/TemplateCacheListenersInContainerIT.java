package com.voicegateway.templates.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.DeployedGateway;
import com.voicegateway.caching.control.CacheCluster;
import com.voicegateway.templates.entity.Template;
import com.voicegateway.templates.entity.TemplateSettings;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import javax.cache.Cache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The template cache's entry listeners, inside the deployed gateway, on its real Hazelcast member and Redis: a write
 * or a removal made straight on the JCache, not through {@link TemplateCache} (which forgets the local copy itself),
 * reaches this node's process-local layer ({@link CompiledTemplates}) only through the listener; and the listener is
 * synchronous, so the local copy is gone by the time the JCache call returns. That is what a write on another member
 * looks like to this one.
 */
class TemplateCacheListenersInContainerIT extends DeployedGateway {

    @Inject
    TemplateCache templates;

    @Inject
    CompiledTemplates compiled;

    @Inject
    TemplateStore store;

    @Inject
    CacheCluster cluster;

    @Inject
    TemplateSettings settings;

    private final String id = "in-container-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void removeTheTemplate() {
        store.delete(id);
        templates.deleted(id);
    }

    /** The template read twice through the cache: loaded from Redis into the JCache, then kept in the local layer. */
    private Cache<String, Template> keptLocally() {
        store.save(id, "Hello {{name}}", "first");
        assertEquals("Hello {{name}}", templates.find(id).orElseThrow().text());
        assertTrue(compiled.fresh(id).isPresent(), "kept in the local layer after the read");
        Cache<String, Template> jcache = cluster.<String, Template>open(CacheCluster.expiring(TemplateCache.NAME, settings.cacheTtlSeconds()))
                .orElseThrow(() -> new AssertionError("the template JCache is open"));
        assertTrue(jcache.containsKey(id), "and in the JCache");
        return jcache;
    }

    @Test
    void aPutStraightOnTheJCacheEmptiesTheLocalLayerBeforeItReturns() {
        Cache<String, Template> jcache = keptLocally();
        jcache.put(id, new Template(id, 99, "elsewhere", "Goodbye {{name}}", Instant.now()));
        assertTrue(compiled.fresh(id).isEmpty(), "the updated listener dropped the local copy");
        assertEquals("Goodbye {{name}}", templates.find(id).orElseThrow().text(), "the next read serves the new version");
    }

    @Test
    void aRemovalStraightFromTheJCacheEmptiesTheLocalLayerBeforeItReturns() {
        Cache<String, Template> jcache = keptLocally();
        store.save(id, "Hello again {{name}}", "second"); // Redis only: the JCache and the local layer still hold the first
        assertEquals("Hello {{name}}", templates.find(id).orElseThrow().text(), "served from the local layer");
        jcache.remove(id);
        assertTrue(compiled.fresh(id).isEmpty(), "the removed listener dropped the local copy");
        assertEquals("Hello again {{name}}", templates.find(id).orElseThrow().text(), "the next read goes to Redis");
    }
}
