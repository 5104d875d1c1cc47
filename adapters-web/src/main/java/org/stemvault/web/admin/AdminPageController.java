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
import org.stemvault.web.page.PageSecurity;

/**
 * The admin web page, served by the service itself: a static page calling the admin API. Admins get
 * the page; a visitor who is not signed in gets a sign-in prompt; anyone else a plain 403 page.
 */
@Problems
@SecurityRequirements
@Controller("/admin")
@Secured(SecurityRule.IS_ANONYMOUS)
final class AdminPageController {

    private static final String NOTICE_STYLE =
            "body { font-family: system-ui, sans-serif; margin: 3rem }";
    private static final String SIGN_IN =
            page(
                    "Sign in",
                    "<p>The admin page is for Stemvault admins. <a id=\"sign-in\" href=\"/auth/login\">Sign in</a> first.</p>");
    private static final String FORBIDDEN =
            page(
                    "Admins only",
                    "<p>You are signed in, but not as an admin. Ask an admin to promote you.</p>");

    /** The sign-in and 403 pages share one style block, hence one policy. */
    private static final String NOTICE_POLICY = PageSecurity.policy(SIGN_IN);

    private final CurrentUser currentUser;
    private final String app;
    private final String appPolicy;

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
            this.appPolicy = PageSecurity.policy(app);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<String> page(@Nullable Authentication authentication) {
        if (authentication == null || authentication.getRoles().contains(Sessions.WORKER)) {
            return html(HttpStatus.OK, SIGN_IN, NOTICE_POLICY);
        }
        Optional<Principal> principal = currentUser.find(authentication);
        if (principal.isEmpty()) {
            return html(HttpStatus.OK, SIGN_IN, NOTICE_POLICY);
        }
        return principal.get().admin()
                ? html(HttpStatus.OK, app, appPolicy)
                : html(HttpStatus.FORBIDDEN, FORBIDDEN, NOTICE_POLICY);
    }

    private static HttpResponse<String> html(HttpStatus status, String body, String policy) {
        return PageSecurity.headers(
                HttpResponse.<String>status(status)
                        .body(body)
                        .contentType(MediaType.TEXT_HTML_TYPE)
                        .header("Cache-Control", "no-store"),
                policy);
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Stemvault admin: "
                + title
                + "</title><style>"
                + NOTICE_STYLE
                + "</style></head><body><h1>"
                + title
                + "</h1>"
                + body
                + "</body></html>";
    }
}
