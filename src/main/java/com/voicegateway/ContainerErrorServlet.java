package com.voicegateway;

import com.voicegateway.geminiapi.boundary.GeminiErrors;
import com.voicegateway.monitoring.boundary.RequestIds;
import com.voicegateway.problems.entity.Problem;
import com.voicegateway.problems.entity.ProblemType;
import com.voicegateway.problems.boundary.ProblemJson;
import com.voicegateway.problems.boundary.ProblemMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The error page of everything the container answers itself, before or outside JAX-RS (WEB-INF/web.xml
 * maps every status and exception here): a request URI with an encoded dot, slash or NUL, a path
 * parameter with {@code ;}, a servlet-level failure. The answer is the same problem+json as the
 * gateway's own errors (Gemini's error shape under {@code /gemini}), never Liberty's HTML page or
 * an exception's name. One log line per request at FINE; the container logs what it refused itself.
 * It sits beside the application class, above the features, because it answers in every feature's
 * shape (problems, and the Gemini surface's).
 */
@WebServlet(urlPatterns = ContainerErrorServlet.PATH)
public class ContainerErrorServlet extends HttpServlet {

    static final String PATH = "/_problem";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ContainerErrorServlet.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        int status = code instanceof Integer number && number >= 400 && number <= 599 ? number : 404;
        if (failure instanceof Throwable thrown && status == 500 && encodingRefusal(thrown)) {
            status = 400; // Liberty reports an encoded "." or "/" in the URI as an application failure
        }
        Problem problem = problem(status);
        LOG.log(Level.FINE, "Container error {0} for {1}: {2}", new Object[] {status, uri, failure});
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        String path = uri instanceof String text ? text : request.getRequestURI();
        String body;
        if (GeminiErrors.underGemini(path)) {
            response.setContentType("application/json");
            body = GeminiErrors.body(problem, 0);
        } else {
            response.setContentType(ProblemMapper.PROBLEM_JSON.toString());
            body = ProblemJson.body(problem, request.getAttribute(RequestIds.ID) instanceof String id ? id : null);
        }
        if (status == 503) {
            response.setHeader("Retry-After", "1");
        }
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(body);
    }

    private static boolean encodingRefusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("CWWWC0005I") || message.contains("improperly encoded")) {
                return true;
            }
        }
        return false;
    }

    /** What the client hears for a status the container chose: the gateway's problem type for it, no internals. */
    static Problem problem(int status) {
        return switch (status) {
            case 400 -> problem(ProblemType.INVALID_REQUEST,
                    "The request URI is not valid: no encoded '.', '/', '\\' or NUL characters, no ';' parameters.");
            case 401 -> problem(ProblemType.UNAUTHORIZED, "An API key is required: Authorization: Bearer <key>.");
            case 403 -> problem(ProblemType.FORBIDDEN, "This request is not allowed.");
            case 404 -> problem(ProblemType.NOT_FOUND, "No resource at this path.");
            case 405 -> problem(ProblemType.METHOD_NOT_ALLOWED, "This resource does not support that HTTP method.");
            case 406 -> problem(ProblemType.NOT_ACCEPTABLE, "No representation the request accepts.");
            case 413 -> problem(ProblemType.PAYLOAD_TOO_LARGE, "The request body is too large.");
            case 415 -> problem(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json.");
            case 503 -> problem(ProblemType.SHUTTING_DOWN, "The gateway cannot take this request now; retry shortly.");
            default -> status >= 500
                    ? problem(ProblemType.INTERNAL, "The gateway failed unexpectedly; the failure was logged.")
                    : Problem.of("http-" + status, "Request refused", status, "The request was refused (HTTP " + status + ").");
        };
    }

    private static Problem problem(ProblemType type, String detail) {
        return Problem.of(type.slug(), type.title(), type.status(), detail);
    }
}
