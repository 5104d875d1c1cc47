package org.stemvault.domain.media;

import java.time.Instant;
import java.util.UUID;
import org.stemvault.domain.Checks;
import org.stemvault.domain.Invalid;

/**
 * A request to remove every stored file under {@code folder} (a recording's {@code
 * <profile>/<output_name>}, a profile's {@code <profile>} or {@code inputs/<profile>}), or the one
 * file {@code folder} names (a source, {@code inputs/<profile>/<file>}), that was written before
 * {@code requestedAt}: a file written later belongs to whatever came after.
 */
public record MediaDeletion(UUID id, String folder, Instant requestedAt, int attempts) {

    public MediaDeletion {
        Checks.required("id", id);
        Checks.text("folder", folder, 2000);
        if (folder.startsWith("/") || folder.endsWith("/") || folder.contains("//")) {
            throw new Invalid("folder", "must be a relative folder without a trailing '/'");
        }
        Checks.required("requested_at", requestedAt);
    }

    public static MediaDeletion of(String folder, Instant at) {
        return new MediaDeletion(UUID.randomUUID(), folder, at, 0);
    }
}
