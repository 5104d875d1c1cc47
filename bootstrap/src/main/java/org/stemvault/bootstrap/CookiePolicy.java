package org.stemvault.bootstrap;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The session cookie's attributes for where the service runs: SameSite=Lax without Secure in
 * development on plain http; Secure in production, and SameSite=None when the frontend is on
 * another origin than the API ({@code STEMVAULT_FRONTEND_URL} vs {@code STEMVAULT_PUBLIC_URL}).
 * Explicit settings win.
 */
final class CookiePolicy {

    private CookiePolicy() {}

    static Map<String, Object> properties(Map<String, String> env) {
        boolean dev = env.getOrDefault("MICRONAUT_ENVIRONMENTS", "").contains("dev");
        boolean crossOrigin =
                !sameOrigin(env.get("STEMVAULT_FRONTEND_URL"), env.get("STEMVAULT_PUBLIC_URL"));
        String secure = env.getOrDefault("STEMVAULT_COOKIE_SECURE", String.valueOf(!dev));
        String sameSite =
                env.getOrDefault(
                        "STEMVAULT_COOKIE_SAME_SITE", !dev && crossOrigin ? "None" : "Lax");
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.security.token.cookie.cookie-secure", secure);
        properties.put("micronaut.security.token.cookie.cookie-same-site", sameSite);
        return properties;
    }

    private static boolean sameOrigin(String frontend, String api) {
        if (frontend == null
                || frontend.isBlank()
                || frontend.startsWith("/")
                || api == null
                || api.isBlank()) {
            return true;
        }
        URI a = URI.create(frontend);
        URI b = URI.create(api);
        return Objects.equals(a.getScheme(), b.getScheme())
                && Objects.equals(a.getHost(), b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }
}
