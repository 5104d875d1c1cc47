package org.stemvault.application.media;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.stemvault.application.Backoff;
import org.stemvault.domain.Unavailable;
import org.stemvault.domain.media.MediaDeletion;
import org.stemvault.domain.media.MediaDeletions;
import org.stemvault.domain.media.MediaKey;
import org.stemvault.domain.media.MediaStore;

/**
 * Carries out pending media deletions: for each due request, every file under its folder that was
 * written before the request (allowing {@link #CLOCK_SKEW} between this instance's clock and the
 * store's) is removed, then the request is forgotten; a failure leaves it for a later round after a
 * doubling pause.
 */
public final class MediaCleanup {

    /** How far the store's clock may run ahead of ours without a file escaping its deletion. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final MediaDeletions deletions;
    private final MediaStore store;
    private final Clock clock;
    private final Duration lease;
    private final Duration backoff;

    public MediaCleanup(
            MediaDeletions deletions,
            MediaStore store,
            Clock clock,
            Duration lease,
            Duration backoff) {
        this.deletions = deletions;
        this.store = store;
        this.clock = clock;
        this.lease = lease;
        this.backoff = backoff;
    }

    /** One round of up to {@code limit} due requests; answers how many were carried out. */
    public int drain(int limit) {
        Instant now = clock.instant();
        int done = 0;
        for (MediaDeletion deletion : deletions.claim(now, now.plus(lease), limit)) {
            try {
                Instant cutoff = deletion.requestedAt().plus(CLOCK_SKEW);
                for (MediaStore.Listed file : listed(deletion.folder())) {
                    if (!file.lastModified().isAfter(cutoff)) {
                        store.delete(file.key());
                    }
                }
                deletions.done(deletion.id());
                done++;
            } catch (IOException | Unavailable e) {
                deletions.failed(
                        deletion.id(),
                        String.valueOf(e.getMessage()),
                        Backoff.retryAt(deletion.attempts() + 1, now, backoff));
            }
        }
        return done;
    }

    /**
     * How long a partial upload ({@code inputs/<profile>/.upload-*}) may stay before it is taken
     * for one its instance never finished (a crash between storing and registering the take). An
     * upload is moved into place or deleted within its request; six hours is far past the longest.
     */
    public static final Duration PARTIAL_UPLOAD_GRACE = Duration.ofHours(6);

    /**
     * Removes the partial uploads written more than {@link #PARTIAL_UPLOAD_GRACE} ago; answers how
     * many. Nothing refers to a partial, so any instance may sweep at any time.
     */
    public int sweepPartialUploads() throws IOException {
        Instant cutoff = clock.instant().minus(PARTIAL_UPLOAD_GRACE);
        int swept = 0;
        for (MediaStore.Listed file : store.list(MediaKey.INPUTS)) {
            String key = file.key().value();
            if (key.substring(key.lastIndexOf('/') + 1).startsWith(MediaKey.PARTIAL_UPLOAD)
                    && file.lastModified().isBefore(cutoff)) {
                store.delete(file.key());
                swept++;
            }
        }
        return swept;
    }

    /** The files under the folder; a request for one file (a source) finds that file. */
    private List<MediaStore.Listed> listed(String folder) throws IOException {
        List<MediaStore.Listed> files = store.list(folder);
        int slash = folder.lastIndexOf('/');
        if (!files.isEmpty() || slash < 0) {
            return files;
        }
        return store.list(folder.substring(0, slash)).stream()
                .filter(f -> f.key().value().equals(folder))
                .toList();
    }
}
