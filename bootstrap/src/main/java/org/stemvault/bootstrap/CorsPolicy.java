package org.stemvault.bootstrap;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CORS with credentials for the origins of web clients hosted elsewhere ({@code
 * STEMVAULT_CORS_ORIGINS}, comma separated); without a list, none at all (Micronaut's CORS without
 * a list would allow every origin).
 */
final class CorsPolicy {

    private CorsPolicy() {}

    static Map<String, Object> properties(Map<String, String> env) {
        return cors(env.getOrDefault("STEMVAULT_CORS_ORIGINS", ""));
    }

    static Map<String, Object> cors(String origins) {
        Map<String, Object> properties = new HashMap<>();
        List<String> list =
                Arrays.stream(origins.split(","))
                        .map(String::strip)
                        .filter(o -> !o.isEmpty())
                        .toList();
        properties.put("micronaut.server.cors.enabled", !list.isEmpty());
        if (!list.isEmpty()) {
            properties.put("micronaut.server.cors.configurations.web.allowed-origins", list);
            properties.put("micronaut.server.cors.configurations.web.allow-credentials", true);
            // what a page on a listed origin may read of an answer besides its body
            properties.put(
                    "micronaut.server.cors.configurations.web.exposed-headers",
                    List.of("ETag", "X-Next-Cursor", "X-Search-Id"));
        }
        return properties;
    }
}
