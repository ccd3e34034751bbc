package com.voicegateway.templates.entity;

import com.voicegateway.problems.entity.ProblemType;
import com.voicegateway.problems.entity.GatewayException;
import com.voicegateway.problems.entity.Problem;
import java.util.List;

/**
 * No template by that id. On the template's own URL it is a 404; where a request names a template
 * (sessions, completions) it is a 400 naming {@code templateId}, see {@link #asRequestField}.
 */
public class TemplateNotFoundException extends GatewayException {

    private static final long serialVersionUID = 1L;

    public TemplateNotFoundException(String id) {
        super(ProblemType.TEMPLATE_NOT_FOUND,
                "No template '" + id + "' exists; list them with GET /api/v1/templates.", null, null);
    }

    public static GatewayException asRequestField(String id) {
        return new GatewayException(ProblemType.UNKNOWN_TEMPLATE,
                "No template '" + id + "' exists; omit templateId or create the template first.", null,
                List.of(new Problem.InvalidParam("templateId", "no such template")), null);
    }
}
