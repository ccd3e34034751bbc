package com.voicegateway.templates.control;

import com.voicegateway.redis.entity.Page;
import com.voicegateway.templates.entity.Rendered;
import com.voicegateway.templates.entity.Template;
import com.voicegateway.templates.entity.TemplateNotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** What the API does with templates: read, write (validated first), delete and render. */
@ApplicationScoped
public class Templates {

    private static final Logger LOG = Logger.getLogger(Templates.class.getName());

    @Inject
    TemplateStore store;

    @Inject
    TemplateRenderer renderer;

    @Inject
    TemplateCache cache;

    @Inject
    CompiledTemplates compiled;

    public Template get(String id) {
        return cache.find(id).orElseThrow(() -> new TemplateNotFoundException(id));
    }

    public Page<Template> list(int limit, String cursor) {
        return store.list(limit, cursor);
    }

    /** Returns the stored template; {@code version == 1} means it was created. */
    public Template put(String id, String text, String description) {
        renderer.compile(id, text, "text");
        Template saved = store.save(id, text, description);
        cache.written(saved);
        return saved;
    }

    public void delete(String id) {
        boolean existed = store.delete(id);
        cache.deleted(id);
        if (!existed) {
            throw new TemplateNotFoundException(id);
        }
    }

    public Rendered render(String id, Map<String, String> variables) {
        return rendered(get(id), variables);
    }

    /**
     * The system instruction for a request that names {@code templateId}: an unknown template is a
     * 400 naming templateId (the request is wrong, not the URL), a missing variable a 400 naming it.
     */
    public String instruction(String templateId, Map<String, String> variables) {
        Template template = cache.find(templateId).orElseThrow(() -> TemplateNotFoundException.asRequestField(templateId));
        return rendered(template, variables).text();
    }

    /**
     * A live session's instruction: a template deleted since the session began leaves the
     * conversation without one rather than failing it (it was valid when the session was created).
     */
    public String sessionInstruction(String templateId, Map<String, String> variables) {
        return cache.find(templateId)
                .map(template -> rendered(template, variables).text())
                .orElseGet(() -> {
                    LOG.log(Level.WARNING, "Template {0} of a live session is gone; replying without a system instruction", templateId);
                    return null;
                });
    }

    private Rendered rendered(Template template, Map<String, String> variables) {
        return renderer.render(template, compiled.of(template), variables);
    }
}
