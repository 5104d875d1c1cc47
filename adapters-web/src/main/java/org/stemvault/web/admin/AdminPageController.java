package org.stemvault.web.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.stemvault.application.Principal;
import org.stemvault.web.auth.CurrentUser;
import org.stemvault.web.auth.Sessions;
import org.stemvault.web.docs.Problems;

/**
 * The admin web page, served by the service itself: a static page calling the admin API. Admins get
 * the page; a visitor who is not signed in gets a sign-in prompt; anyone else a plain 403 page.
 */
@Problems
@SecurityRequirements
@Controller("/admin")
@Secured(SecurityRule.IS_ANONYMOUS)
final class AdminPageController {

    private static final String SIGN_IN =
            page(
                    "Sign in",
                    "<p>The admin page is for Stemvault admins. <a id=\"sign-in\" href=\"/auth/login\">Sign in</a> first.</p>");
    private static final String FORBIDDEN =
            page(
                    "Admins only",
                    "<p>You are signed in, but not as an admin. Ask an admin to promote you.</p>");

    private final CurrentUser currentUser;
    private final String app;

    AdminPageController(CurrentUser currentUser, ResourceResolver resources) {
        this.currentUser = currentUser;
        try (InputStream in =
                resources
                        .getResourceAsStream("classpath:admin/admin.html")
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "admin/admin.html is missing from the build"))) {
            this.app = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<String> page(@Nullable Authentication authentication) {
        if (authentication == null || authentication.getRoles().contains(Sessions.WORKER)) {
            return html(HttpStatus.OK, SIGN_IN);
        }
        Optional<Principal> principal = currentUser.find(authentication);
        if (principal.isEmpty()) {
            return html(HttpStatus.OK, SIGN_IN);
        }
        return principal.get().admin()
                ? html(HttpStatus.OK, app)
                : html(HttpStatus.FORBIDDEN, FORBIDDEN);
    }

    private static HttpResponse<String> html(HttpStatus status, String body) {
        return HttpResponse.<String>status(status)
                .body(body)
                .contentType(MediaType.TEXT_HTML_TYPE)
                .header("Cache-Control", "no-store")
                .header("X-Frame-Options", "DENY");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Stemvault admin: "
                + title
                + "</title></head><body style=\"font-family: system-ui, sans-serif; margin: 3rem\"><h1>"
                + title
                + "</h1>"
                + body
                + "</body></html>";
    }
}
