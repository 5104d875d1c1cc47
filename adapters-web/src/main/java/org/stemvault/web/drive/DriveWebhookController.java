package org.stemvault.web.drive;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import org.stemvault.application.drive.DriveSync;
import org.stemvault.domain.NotFound;
import org.stemvault.web.docs.Problems;

/**
 * Drive's push notifications ({@code X-Goog-Channel-ID}, {@code X-Goog-Channel-Token}): acted on
 * only when both name a live channel; anything else answers exactly as a route that does not exist,
 * and changes nothing. Acting is marking the folder: any instance lists its changes shortly after
 * (this one at once).
 */
@Problems
@SecurityRequirements
@Controller("/api/webhooks")
@Secured(SecurityRule.IS_ANONYMOUS)
@Requires(beans = DriveSync.class)
final class DriveWebhookController {

    private final DriveSync sync;
    private final DriveListing listing;

    DriveWebhookController(DriveSync sync, DriveListing listing) {
        this.sync = sync;
        this.listing = listing;
    }

    @Post("/drive")
    HttpResponse<?> notified(
            @Nullable @Header("X-Goog-Channel-ID") String channelId,
            @Nullable @Header("X-Goog-Channel-Token") String token,
            @Nullable @Header("X-Goog-Resource-State") String state) {
        if (!sync.notified(channelId, token)) {
            throw new NotFound("Page Not Found");
        }
        if (!"sync".equals(state)) {
            listing.soon();
        }
        return HttpResponse.ok();
    }
}
