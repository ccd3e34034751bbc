package com.voicegateway;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** JAX-RS lives at the context root: {@code /api/v1/...} and {@code /gemini/...}. */
@ApplicationPath("/")
@OpenAPIDefinition(
        info = @Info(title = "Voice Gateway", version = "1",
                description = "Streams Gemini replies to voice assistants: REST (SSE, NDJSON, JSON) and WebSocket."),
        security = @SecurityRequirement(name = "apiKey"))
@SecurityScheme(securitySchemeName = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "Authorization: Bearer <API key>. Development keys: dev-user-key, dev-user2-key, dev-admin-key.")
public class VoiceGatewayApplication extends Application {
}
