package org.stemvault.web.drive;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stemvault.application.drive.DriveSync;

/**
 * Lists marked Drive folders now, off the request, after a notification reached this instance; the
 * scheduled listing on every instance catches whatever this misses (a stop, a full pool).
 */
@Singleton
@Requires(beans = DriveSync.class)
final class DriveListing {

    private static final Logger LOG = LoggerFactory.getLogger(DriveListing.class);

    private final DriveSync sync;
    private final ExecutorService executor;

    DriveListing(DriveSync sync, @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.sync = sync;
        this.executor = executor;
    }

    void soon() {
        try {
            executor.execute(
                    () -> {
                        try {
                            while (sync.listMarked().isPresent()) {
                                // one folder per round, until none is marked
                            }
                        } catch (RuntimeException e) {
                            LOG.debug("drive: a listing failed; the scheduled one will retry", e);
                        }
                    });
        } catch (RejectedExecutionException e) {
            LOG.debug("drive: no thread for a listing now; the scheduled one will do it");
        }
    }
}
