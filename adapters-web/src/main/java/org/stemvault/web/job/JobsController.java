package org.stemvault.web.job;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.annotation.Secured;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Publisher;
import org.stemvault.application.job.JobTracking;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.job.Job;
import org.stemvault.domain.job.JobChanges;
import org.stemvault.domain.job.JobId;
import org.stemvault.domain.library.Viewer;
import org.stemvault.web.auth.Sessions;
import org.stemvault.web.docs.Bound;
import org.stemvault.web.docs.Problems;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * A job's status for members of its profile. With {@code ?wait=N} (default {@value #DEFAULT_WAIT},
 * at most {@value #MAX_WAIT} seconds) an unfinished job's answer is held until the job changes, on
 * whichever instance that happens (PostgreSQL announces it), or until the time is up; no thread
 * waits meanwhile.
 */
@Problems
@Controller("/api/jobs")
@Secured(Sessions.MEMBER)
final class JobsController {

    static final int DEFAULT_WAIT = 60;
    static final int MAX_WAIT = 120;

    private final JobTracking tracking;
    private final JobChanges changes;
    private final ExecutorService blocking;

    JobsController(
            JobTracking tracking,
            JobChanges changes,
            @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.tracking = tracking;
        this.changes = changes;
        this.blocking = blocking;
    }

    @Get("/{jobId}/status{?wait}")
    CompletableFuture<JobResponse> status(
            @PathVariable String jobId, @Nullable @QueryValue Integer wait, @Bound Viewer viewer) {
        int seconds = wait == null ? DEFAULT_WAIT : wait;
        if (seconds < 0 || seconds > MAX_WAIT) {
            throw new Invalid("wait", "must be from 0 to " + MAX_WAIT + " seconds");
        }
        JobId id = JobIds.parse(jobId);
        if (id == null) {
            throw tracking.unknown(viewer);
        }
        CompletableFuture<Void> changed = new CompletableFuture<>();
        JobChanges.Watch watch =
                seconds == 0 ? () -> {} : changes.watch(id, () -> changed.complete(null));
        Job now;
        try {
            now = tracking.status(viewer, id);
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
                            return JobResponse.of(tracking.status(viewer, id));
                        },
                        blocking);
    }

    /**
     * Server-Sent Events for a progress bar: the job's status now, then again at each change
     * (stage, percent), until it is finished or {@code max} seconds (default 600) have passed;
     * {@code max=0} sends the status now and ends.
     */
    @Get(value = "/{jobId}/events{?max}", produces = MediaType.TEXT_EVENT_STREAM)
    Publisher<Event<JobResponse>> events(
            @PathVariable String jobId, @Nullable @QueryValue Integer max, @Bound Viewer viewer) {
        int seconds = max == null ? 600 : max;
        if (seconds < 0 || seconds > 3600) {
            throw new Invalid("max", "must be from 0 to 3600 seconds");
        }
        JobId id = JobIds.parse(jobId);
        if (id == null) {
            throw tracking.unknown(viewer);
        }
        Sinks.Many<Job> changes = Sinks.many().unicast().onBackpressureBuffer();
        JobChanges.Watch watch =
                seconds == 0
                        ? () -> {}
                        : this.changes.watch(
                                id,
                                () ->
                                        blocking.execute(
                                                () -> {
                                                    try {
                                                        changes.tryEmitNext(
                                                                tracking.status(viewer, id));
                                                    } catch (RuntimeException e) {
                                                        changes.tryEmitError(e);
                                                    }
                                                }));
        Job now;
        try {
            now = tracking.status(viewer, id);
        } catch (RuntimeException e) {
            watch.close();
            throw e;
        }
        Flux<Job> later =
                seconds == 0 || now.status().finished()
                        ? Flux.empty()
                        : changes.asFlux()
                                .takeUntil(j -> j.status().finished())
                                .take(Duration.ofSeconds(seconds));
        return Flux.concat(Flux.just(now), later)
                .map(j -> Event.of(JobResponse.of(j)).name(j.status().code()))
                .doFinally(signal -> watch.close());
    }
}
