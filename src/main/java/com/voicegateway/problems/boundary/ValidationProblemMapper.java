package com.voicegateway.problems.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Exists only to outrank the JAX-RS runtime's built-in mapper for validation failures, which is
 * more specific than {@code ExceptionMapper<Throwable>}; the mapping itself stays in {@link ProblemMapper}.
 */
@Provider
@ApplicationScoped
public class ValidationProblemMapper implements ExceptionMapper<ConstraintViolationException> {

    private final ProblemMapper problems = new ProblemMapper();

    @Override
    public Response toResponse(ConstraintViolationException violations) {
        return problems.toResponse(violations);
    }
}
