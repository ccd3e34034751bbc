package com.voicegateway.problems.boundary;

import com.voicegateway.problems.entity.ProblemType;
import com.voicegateway.problems.entity.GatewayException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;

/**
 * Marks JSON failures that happen while reading a request body as the client's malformed JSON
 * (400). The same exception types thrown while writing a response are the gateway's own fault and
 * stay 500: the mapper cannot tell the two apart by type alone.
 */
@Provider
@ApplicationScoped
public class RequestBodyReading implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        try {
            return context.proceed();
        } catch (JsonbException | JsonException | ProcessingException unreadable) {
            GatewayException.among(unreadable).ifPresent(limit -> {
                throw limit;
            });
            throw new GatewayException(ProblemType.MALFORMED_JSON,
                    "The request body is not valid JSON for this endpoint: " + ProblemMapper.parserMessage(unreadable), null, null);
        }
    }
}
