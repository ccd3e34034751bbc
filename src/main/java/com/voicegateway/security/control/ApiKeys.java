package com.voicegateway.security.control;

import com.voicegateway.security.entity.Caller;
import com.voicegateway.security.entity.KeyHash;
import com.voicegateway.security.entity.Role;
import com.voicegateway.security.entity.SecuritySettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Knows which API keys exist and whose they are. Configured keys come as
 * {@code sha256:<hex>:<principal>:<role>} entries, comma separated, so that no plain key sits in
 * configuration. With none configured, the three development keys of the README are on, and the
 * start-up log says so.
 */
@ApplicationScoped
public class ApiKeys {

    private static final Logger LOG = Logger.getLogger(ApiKeys.class.getName());

    static final Map<String, Caller> DEVELOPMENT_KEYS = Map.of(
            "dev-user-key", new Caller("dev-user", Role.USER),
            "dev-user2-key", new Caller("dev-user2", Role.USER),
            "dev-admin-key", new Caller("dev-admin", Role.ADMIN));

    @Inject
    SecuritySettings settings;

    private Map<KeyHash, Caller> callers;
    private boolean development;

    @PostConstruct
    void load() {
        callers = parse(settings.apiKeys().orElse(null));
        development = callers.isEmpty();
        if (development) {
            Map<KeyHash, Caller> dev = new HashMap<>();
            DEVELOPMENT_KEYS.forEach((key, caller) -> dev.put(KeyHash.of(key), caller));
            callers = Map.copyOf(dev);
        }
    }

    void announce(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (development) {
            LOG.warning("No API keys configured (gateway.api-keys): development keys are ON: "
                    + "dev-user-key (user), dev-user2-key (user), dev-admin-key (admin). Never use them in production.");
        } else {
            LOG.info(() -> callers.size() + " API keys configured; development keys are off.");
        }
    }

    public Optional<Caller> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(callers.get(KeyHash.of(presentedKey.trim())));
    }

    static Map<KeyHash, Caller> parse(String entries) {
        Map<KeyHash, Caller> parsed = new HashMap<>();
        if (entries == null || entries.isBlank()) {
            return parsed;
        }
        for (String entry : entries.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] fields = trimmed.split(":");
            if (fields.length != 4 || !"sha256".equals(fields[0])) {
                throw new IllegalArgumentException("gateway.api-keys entries look like sha256:<hex>:<principal>:<role>; got '"
                        + (fields.length > 1 ? fields[0] + ":..." : trimmed) + "'");
            }
            parsed.put(new KeyHash(fields[1].toLowerCase(java.util.Locale.ROOT)), new Caller(fields[2], Role.parse(fields[3])));
        }
        return Map.copyOf(parsed);
    }
}
