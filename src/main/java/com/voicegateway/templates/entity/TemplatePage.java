package com.voicegateway.templates.entity;

import jakarta.json.bind.annotation.JsonbNillable;
import java.util.List;

/** One page of templates by id; {@code nextCursor} is null on the last page. */
public record TemplatePage(List<Template> items, @JsonbNillable String nextCursor) {

    public TemplatePage {
        items = List.copyOf(items);
    }
}
