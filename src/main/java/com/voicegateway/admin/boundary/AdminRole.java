package com.voicegateway.admin.boundary;

import com.voicegateway.problems.entity.GatewayException;
import jakarta.ws.rs.core.SecurityContext;

/** The one check every operator resource makes: the caller's key has the admin role. */
final class AdminRole {

    private AdminRole() {
    }

    /** Throws 403 when the caller is not an admin; {@code what} completes "... needs an admin key". */
    static void require(SecurityContext caller, String what) {
        if (!caller.isUserInRole("admin")) {
            throw GatewayException.forbidden(what + " needs an admin key");
        }
    }
}
