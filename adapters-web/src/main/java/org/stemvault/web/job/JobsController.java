package org.stemvault.web.job;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.annotation.Secured;
import jakarta.inject.Named;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.stemvault.application.job.Processing;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.job.Job;
import org.stemvault.domain.job.JobChanges;
import org.stemvault.domain.job.JobId;
import org.stemvault.domain.library.Viewer;
import org.stemvault.web.auth.Sessions;

/**
 * A job's status for members of its profile. With {@code ?wait=N} (default {@value #DEFAULT_WAIT},
 * at most {@value #MAX_WAIT} seconds) an unfinished job's answer is held until the job changes, on
 * whichever instance that happens (PostgreSQL announces it), or until the time is up; no thread
 * waits meanwhile.
 */
@Controller("/api/jobs")
@Secured(Sessions.MEMBER)
final class JobsController {

    static final int DEFAULT_WAIT = 60;
    static final int MAX_WAIT = 120;

    private final Processing processing;
    private final JobChanges changes;
    private final ExecutorService blocking;

    JobsController(
            Processing processing,
            JobChanges changes,
            @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.processing = processing;
        this.changes = changes;
        this.blocking = blocking;
    }

    @Get("/{jobId}/status{?wait}")
    CompletableFuture<JobResponse> status(
            @PathVariable String jobId, @Nullable @QueryValue Integer wait, Viewer viewer) {
        int seconds = wait == null ? DEFAULT_WAIT : wait;
        if (seconds < 0 || seconds > MAX_WAIT) {
            throw new Invalid("wait", "must be from 0 to " + MAX_WAIT + " seconds");
        }
        JobId id = parse(jobId);
        CompletableFuture<Void> changed = new CompletableFuture<>();
        JobChanges.Watch watch =
                seconds == 0 || id == null
                        ? () -> {}
                        : changes.watch(id, () -> changed.complete(null));
        Job now;
        try {
            now = processing.status(viewer, jobId);
        } catch (RuntimeException e) {
            watch.close();
            throw e;
        }
        if (seconds == 0 || now.status().finished()) {
            watch.close();
            return CompletableFuture.completedFuture(JobResponse.of(now));
        }
        return changed.orTimeout(seconds, TimeUnit.SECONDS)
                .handle((done, timedOut) -> null)
                .thenApplyAsync(
                        ignored -> {
                            watch.close();
                            return JobResponse.of(processing.status(viewer, jobId));
                        },
                        blocking);
    }

    private static JobId parse(String value) {
        try {
            return new JobId(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
