package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CookiePolicyTest {

    static Map<String, Object> policy(Map<String, String> env) {
        return CookiePolicy.properties(env);
    }

    static void assertCookie(Map<String, Object> properties, String secure, String sameSite) {
        assertEquals(secure, properties.get("micronaut.security.token.cookie.cookie-secure"));
        assertEquals(sameSite, properties.get("micronaut.security.token.cookie.cookie-same-site"));
    }

    @Test
    void development_on_plain_http_localhost_is_lax_and_not_secure() {
        assertCookie(policy(Map.of("MICRONAUT_ENVIRONMENTS", "dev")), "false", "Lax");
    }

    @Test
    void production_on_one_origin_is_secure_and_lax() {
        assertCookie(policy(Map.of()), "true", "Lax");
        assertCookie(
                policy(
                        Map.of(
                                "STEMVAULT_FRONTEND_URL",
                                "https://stems.example/app",
                                "STEMVAULT_PUBLIC_URL",
                                "https://stems.example")),
                "true",
                "Lax");
    }

    @Test
    void production_with_the_frontend_on_another_origin_is_secure_and_same_site_none() {
        assertCookie(
                policy(
                        Map.of(
                                "STEMVAULT_FRONTEND_URL",
                                "https://app.example",
                                "STEMVAULT_PUBLIC_URL",
                                "https://api.example")),
                "true",
                "None");
        assertCookie(
                policy(
                        Map.of(
                                "STEMVAULT_FRONTEND_URL",
                                "https://stems.example:8443/",
                                "STEMVAULT_PUBLIC_URL",
                                "https://stems.example")),
                "true",
                "None");
    }

    @Test
    void explicit_settings_win() {
        assertCookie(
                policy(
                        Map.of(
                                "STEMVAULT_COOKIE_SECURE",
                                "true",
                                "STEMVAULT_COOKIE_SAME_SITE",
                                "Strict",
                                "MICRONAUT_ENVIRONMENTS",
                                "dev")),
                "true",
                "Strict");
    }
}
