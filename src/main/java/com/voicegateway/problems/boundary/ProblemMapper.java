package com.voicegateway.problems.boundary;

import com.voicegateway.problems.entity.ProblemType;
import com.voicegateway.problems.entity.GatewayException;
import com.voicegateway.problems.entity.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.stream.JsonParsingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * The one place where a failure becomes an HTTP status: everything leaves as
 * {@code application/problem+json}; 429 and 503 always carry {@code Retry-After}; nothing leaks a
 * stack trace.
 */
@Provider
@ApplicationScoped
public class ProblemMapper implements ExceptionMapper<Throwable> {

    public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());
    private static final java.util.regex.Pattern PARAMETER = java.util.regex.Pattern.compile("(?:Query|Path|Matrix)Param\\(\"([^\"]{1,64})\"\\)");

    @Override
    public Response toResponse(Throwable failure) {
        GatewayException mapped = map(failure);
        Response.ResponseBuilder response = Response.status(mapped.status())
                .type(PROBLEM_JSON)
                .entity(mapped.problem());
        if (mapped.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, Math.max(1, mapped.retryAfter().toSeconds()));
        } else if (mapped.status() == 429 || mapped.status() == 503) {
            response.header(HttpHeaders.RETRY_AFTER, 1);
        }
        if (mapped.status() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"voice-gateway\"");
        }
        return response.build();
    }

    /** Public so that streaming code can turn a mid-stream failure into the same problem body. */
    public static GatewayException map(Throwable failure) {
        java.util.Optional<GatewayException> own = GatewayException.among(failure);
        if (own.isPresent()) {
            return own.get(); // e.g. a body limit hit while the JSON parser was reading: the limit is the story
        }
        Throwable cause = unwrap(failure);
        if (cause instanceof ConstraintViolationException violations) {
            return invalid(violations);
        }
        if (cause instanceof JsonParsingException) {
            // a body the JSON-B reader never saw (e.g. read by a filter); RequestBodyReading marks the rest
            return new GatewayException(ProblemType.MALFORMED_JSON,
                    "The request body is not valid JSON for this endpoint: " + parserMessage(cause), null, null);
        }
        if (cause instanceof BulkheadException) {
            return GatewayException.overloaded("The gateway is at its limit of concurrent upstream streams; retry shortly.");
        }
        if (cause instanceof CircuitBreakerOpenException) {
            return new GatewayException(ProblemType.UPSTREAM_UNAVAILABLE,
                    "The upstream model is failing and its circuit is open; retry later.",
                    java.time.Duration.ofSeconds(5), null);
        }
        if (cause instanceof TimeoutException) {
            return new GatewayException(ProblemType.UPSTREAM_TIMEOUT,
                    "The upstream model did not answer in time; retry later.", java.time.Duration.ofSeconds(2), null);
        }
        if (cause instanceof NotAcceptableException) {
            return new GatewayException(ProblemType.NOT_ACCEPTABLE,
                    "Accept one of: text/event-stream, application/x-ndjson, application/json.", null, null);
        }
        if (cause instanceof NotSupportedException) {
            return new GatewayException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Send the body as application/json.", null, null);
        }
        if (cause instanceof NotAllowedException) {
            return new GatewayException(ProblemType.METHOD_NOT_ALLOWED,
                    "This resource does not support that HTTP method.", null, null);
        }
        if (cause instanceof NotFoundException notFound) {
            if (notFound.getCause() != null) {
                return badParameter(notFound);
            }
            return new GatewayException(ProblemType.NOT_FOUND, "No resource at this path.", null, null);
        }
        if (cause instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            return GatewayException.httpStatus(status < 400 ? 500 : status, web.getResponse().getStatusInfo().getReasonPhrase(),
                    firstLine(web.getMessage()));
        }
        LOG.log(Level.SEVERE, "Unexpected failure", failure);
        return new GatewayException(ProblemType.INTERNAL,
                "The gateway failed unexpectedly; the failure was logged.", null, null);
    }

    /**
     * JAX-RS answers a query or path parameter it cannot convert ({@code limit=abc} for an int) with a
     * 404 that carries the conversion's failure as its cause; the resource exists, the value is the
     * client's mistake: a 400 naming the parameter (RESTEasy's message names it as {@code QueryParam("limit")}).
     */
    private static GatewayException badParameter(NotFoundException conversion) {
        java.util.regex.Matcher named = PARAMETER.matcher(String.valueOf(conversion.getMessage()));
        if (named.find()) {
            String name = named.group(1);
            return GatewayException.badRequest(name, name + " has a value of the wrong type (docs/api.md gives each parameter's)");
        }
        return new GatewayException(ProblemType.INVALID_REQUEST, "A query or path parameter has a value of the wrong type.", null, null);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof java.util.concurrent.CompletionException
                || current instanceof java.util.concurrent.ExecutionException
                || (current instanceof ProcessingException && current.getCause() != null))
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static GatewayException invalid(ConstraintViolationException violations) {
        List<Problem.InvalidParam> params = new ArrayList<>();
        for (ConstraintViolation<?> violation : violations.getConstraintViolations()) {
            params.add(new Problem.InvalidParam(field(violation), violation.getMessage()));
        }
        params.sort(java.util.Comparator.comparing(Problem.InvalidParam::name));
        StringBuilder detail = new StringBuilder();
        for (Problem.InvalidParam param : params) {
            detail.append(detail.length() == 0 ? "" : "; ").append(param.reason());
        }
        return new GatewayException(ProblemType.INVALID_REQUEST, detail.toString(), null, params, null);
    }

    /** The last property node ("text"), not the method path ("complete.arg0.text"). */
    private static String field(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    /** The JSON parser's own words (line and column) rather than its wrappers', on one line. */
    static String parserMessage(Throwable failure) {
        return firstLine(rawParserMessage(failure));
    }

    private static String rawParserMessage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JsonParsingException) {
                return t.getMessage();
            }
        }
        String message = failure.getMessage();
        return message != null && message.startsWith("Internal error: ") ? message.substring(16) : message;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable body";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
