package org.stemvault.web.drive;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stemvault.application.Principal;
import org.stemvault.application.drive.DriveAccounts;
import org.stemvault.domain.Refusal;
import org.stemvault.domain.drive.DriveGrant;
import org.stemvault.web.auth.Sessions;
import org.stemvault.web.docs.Bound;
import org.stemvault.web.docs.Problems;

/**
 * A member's Google Drive connection: {@code GET /auth/drive/connect} sends the browser to Google's
 * consent for {@code drive.readonly} (offline), {@code /auth/drive/callback} keeps the sealed
 * refresh token and sends the browser back to the frontend ({@code ?drive=connected}, or {@code
 * ?drive_error=<reason>}); {@code GET /api/drive} tells whether Drive is connected, {@code DELETE
 * /api/drive} disconnects it (revoking the token at Google).
 */
@Problems
@Controller
@Secured(Sessions.MEMBER)
@Requires(beans = DriveAccounts.class)
final class DriveAccountController {

    static final String CALLBACK = "/auth/drive/callback";
    private static final Logger LOG = LoggerFactory.getLogger(DriveAccountController.class);

    private final DriveAccounts accounts;
    private final HttpHostResolver host;
    private final String frontendUrl;

    DriveAccountController(
            DriveAccounts accounts,
            HttpHostResolver host,
            @Value("${stemvault.auth.frontend-url:/}") String frontendUrl) {
        this.accounts = accounts;
        this.host = host;
        this.frontendUrl = frontendUrl;
    }

    /** 302 to Google's consent screen. */
    @Get("/auth/drive/connect")
    HttpResponse<?> connect(@Bound Principal principal, HttpRequest<?> request) {
        return found(accounts.begin(principal, redirectUri(request)));
    }

    /** Google sends the browser back here; 302 to the frontend. */
    @Get(CALLBACK + "{?code,state,error}")
    HttpResponse<?> callback(
            @Nullable @QueryValue String code,
            @Nullable @QueryValue String state,
            @Nullable @QueryValue String error,
            @Bound Principal principal,
            HttpRequest<?> request) {
        if (error != null) {
            return back("drive_error=denied");
        }
        try {
            accounts.finish(principal, state, code, redirectUri(request));
            return back("drive=connected");
        } catch (Refusal e) {
            LOG.info("drive: a consent of user {} was refused: {}", principal.id(), e.getMessage());
            return back("drive_error=" + e.kind().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    @Get("/api/drive")
    StatusResponse status(@Bound Principal principal) {
        DriveGrant grant = accounts.grant(principal.id()).orElse(null);
        return new StatusResponse(
                grant != null && grant.live(),
                grant != null && !grant.live(),
                grant == null ? null : grant.grantedAt().toString(),
                accounts.foldersOf(principal.id()).stream().map(f -> f.folderId()).toList(),
                "/auth/drive/connect");
    }

    /** Disconnects Drive: folders connected with it too; the token is revoked at Google. */
    @Delete("/api/drive")
    DisconnectResponse disconnect(@Bound Principal principal) {
        return new DisconnectResponse(accounts.disconnect(principal));
    }

    private String redirectUri(HttpRequest<?> request) {
        return host.resolve(request) + CALLBACK;
    }

    private HttpResponse<?> back(String query) {
        String base = frontendUrl.isBlank() ? "/" : frontendUrl;
        return found(URI.create(base + (base.contains("?") ? "&" : "?") + query));
    }

    /** 302, as the sign-in's redirects. */
    private static HttpResponse<?> found(URI location) {
        return HttpResponse.status(HttpStatus.FOUND)
                .header(HttpHeaders.LOCATION, location.toString());
    }

    /** Whether the member's Drive is connected; never the token. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record StatusResponse(
            boolean connected,
            boolean revoked,
            String grantedAt,
            List<String> folders,
            String connectUrl) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    record DisconnectResponse(boolean revokedAtGoogle) {}
}
