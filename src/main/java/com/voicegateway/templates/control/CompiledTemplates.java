package com.voicegateway.templates.control;

import com.github.mustachejava.Mustache;
import com.voicegateway.templates.entity.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The process-local layer: compiled templates by id, about 100 times faster to reach than the
 * JCache (which serializes). An entry is reused only for the very text it was compiled from, so
 * it can never serve an old version; the cache's entry listeners drop entries when a template is
 * updated, removed or expires anywhere in the cluster, which keeps the map from holding dead ones.
 */
@ApplicationScoped
public class CompiledTemplates {

    private record Compiled(String text, Mustache mustache) {
    }

    /** Far above any real template count: only a guard against unbounded growth. */
    private static final int LIMIT = 10_000;

    private final Map<String, Compiled> byId = new ConcurrentHashMap<>();

    @Inject
    TemplateRenderer renderer;

    public Mustache of(Template template) {
        Compiled known = byId.get(template.id());
        if (known != null && known.text().equals(template.text())) {
            return known.mustache();
        }
        Mustache mustache = renderer.compile(template.id(), template.text(), "text");
        if (byId.size() >= LIMIT) {
            byId.clear();
        }
        byId.put(template.id(), new Compiled(template.text(), mustache));
        return mustache;
    }

    public void forget(String id) {
        byId.remove(id);
    }

    public void forgetAll() {
        byId.clear();
    }

    public int size() {
        return byId.size();
    }
}
