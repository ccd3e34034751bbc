package com.voicegateway.security.control;

import java.util.Map;
import com.voicegateway.security.entity.SecuritySettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.security.entity.Caller;
import com.voicegateway.security.entity.KeyHash;
import com.voicegateway.security.entity.Role;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void withoutConfiguredKeysTheDevelopmentKeysWork() {
        ApiKeys keys = keys(" ");
        assertEquals(new Caller("dev-user", Role.USER), keys.authenticate("dev-user-key").orElseThrow());
        assertEquals(new Caller("dev-user2", Role.USER), keys.authenticate("dev-user2-key").orElseThrow());
        assertEquals(Role.ADMIN, keys.authenticate("dev-admin-key").orElseThrow().role());
        assertTrue(keys.authenticate("guess").isEmpty());
        assertTrue(keys.authenticate(" ").isEmpty());
    }

    @Test
    void configuredKeysAreHashesAndTurnTheDevelopmentKeysOff() {
        String hash = KeyHash.of("s3cret").hex();
        ApiKeys keys = keys("sha256:" + hash + ":alice:user, sha256:" + KeyHash.of("root").hex() + ":ops:admin");
        assertEquals(new Caller("alice", Role.USER), keys.authenticate("s3cret").orElseThrow());
        assertEquals(Role.ADMIN, keys.authenticate("root").orElseThrow().role());
        assertTrue(keys.authenticate("dev-user-key").isEmpty());
    }

    @Test
    void aMalformedEntryIsRefusedWithoutEchoingTheKey() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse("plain-key:alice:user"));
        assertTrue(refused.getMessage().contains("sha256:<hex>"));
        assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse("sha256:abc:alice:user"), "not a SHA-256 hex");
        assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse("sha256:" + KeyHash.of("k").hex() + ":alice:root"));
    }

    private static ApiKeys keys(String configured) {
        ApiKeys keys = new ApiKeys();
        keys.settings = SecuritySettings.of(configured == null ? Map.of() : Map.of("gateway.api-keys", configured));
        keys.load();
        return keys;
    }
}
