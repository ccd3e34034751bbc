package com.voicegateway.templates.control;

import com.github.mustachejava.Code;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.codes.ValueCode;
import com.voicegateway.problems.entity.GatewayException;
import com.voicegateway.templates.entity.Rendered;
import com.voicegateway.templates.entity.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Mustache rendering for prompts. A plain tag ({@code {{name}}}) outside any section is required:
 * a missing value is a 400 naming it, rather than a silently empty prompt. A section
 * ({@code {{#name}}...{{/name}}}) is how a template makes a variable optional. Values are written
 * as they are: no HTML escaping (a prompt is not HTML) and never parsed again, so a value holding
 * {@code {{...}}} stays text. Partials are refused, since a template must not read files.
 */
@ApplicationScoped
public class TemplateRenderer {

    private final DefaultMustacheFactory factory = new PromptMustacheFactory();

    /** Compiles {@code text}; a syntax error is a 400 naming {@code field}. */
    public Mustache compile(String id, String text, String field) {
        try {
            return factory.compile(new StringReader(text), id);
        } catch (MustacheException | IllegalArgumentException invalid) {
            throw GatewayException.badRequest(field, "the template text is not valid Mustache: " + invalid.getMessage());
        }
    }

    public Rendered render(Template template, Map<String, String> variables) {
        return render(template, compile(template.id(), template.text(), "text"), variables);
    }

    /** Renders with an already compiled {@code mustache} of {@code template}. */
    public Rendered render(Template template, Mustache mustache, Map<String, String> variables) {
        Map<String, String> values = variables == null ? Map.of() : variables;
        for (String name : required(mustache)) {
            if (!values.containsKey(name) || values.get(name) == null) {
                throw GatewayException.badRequest("variables." + name,
                        "template '" + template.id() + "' needs the variable '" + name + "'; add it to variables");
            }
        }
        StringWriter out = new StringWriter();
        try {
            mustache.execute(out, values).flush();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return new Rendered(template.id(), template.version(), out.toString());
    }

    /** The plain tags outside sections, in order of appearance. */
    static Set<String> required(Mustache mustache) {
        Set<String> names = new LinkedHashSet<>();
        for (Code code : mustache.getCodes()) {
            if (code instanceof ValueCode value) {
                names.add(value.getName());
            }
        }
        return names;
    }

    private static final class PromptMustacheFactory extends DefaultMustacheFactory {

        PromptMustacheFactory() {
            super(name -> {
                throw new MustacheException("partials are not supported: " + name);
            });
        }

        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException failed) {
                throw new MustacheException("could not write a value", failed);
            }
        }
    }
}
