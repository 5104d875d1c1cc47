package org.stemvault.web.job;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.stemvault.application.Principal;
import org.stemvault.application.job.JobQueue;
import org.stemvault.application.signin.Admin;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.Position;
import org.stemvault.domain.job.Job;
import org.stemvault.domain.job.JobStatus;
import org.stemvault.web.auth.Sessions;
import org.stemvault.web.docs.Bound;
import org.stemvault.web.docs.Problems;
import org.stemvault.web.paging.Cursor;

/** The processing queue for admins: every job, newest first, and retry and cancel. */
@Problems
@Controller("/api/admin/jobs")
@Secured(Sessions.MEMBER)
final class AdminJobsController {

    private final JobQueue queue;
    private final Clock clock;

    AdminJobsController(JobQueue queue, Clock clock) {
        this.queue = queue;
        this.clock = clock;
    }

    /**
     * {@code ?status=&profile=&limit=&cursor=}; the next page's cursor in {@code X-Next-Cursor}.
     */
    @Get("{?status,profile,limit,cursor}")
    HttpResponse<List<AdminJobResponse>> list(
            @Nullable @QueryValue String status,
            @Nullable @QueryValue String profile,
            @Nullable @QueryValue Integer limit,
            @Nullable @QueryValue String cursor,
            @Bound Principal principal) {
        Admin admin = Admin.of(principal);
        int size = limit == null ? 100 : limit;
        List<Job> jobs = queue.list(admin, statusOf(status), profile, Cursor.decode(cursor), size);
        Instant now = clock.instant();
        MutableHttpResponse<List<AdminJobResponse>> response =
                HttpResponse.ok(jobs.stream().map(j -> AdminJobResponse.of(j, now)).toList());
        if (jobs.size() == size) {
            Job last = jobs.get(jobs.size() - 1);
            return response.header(
                    Cursor.NEXT, Cursor.encode(new Position(last.createdAt(), last.id().value())));
        }
        return response;
    }

    @Post("/{jobId}/retry")
    AdminJobResponse retry(@PathVariable String jobId, @Bound Principal principal) {
        Admin admin = Admin.of(principal);
        return AdminJobResponse.of(queue.retry(admin, JobIds.of(jobId)), clock.instant());
    }

    @Post("/{jobId}/cancel")
    AdminJobResponse cancel(@PathVariable String jobId, @Bound Principal principal) {
        Admin admin = Admin.of(principal);
        return AdminJobResponse.of(queue.cancel(admin, JobIds.of(jobId)), clock.instant());
    }

    private static JobStatus statusOf(String status) {
        if (status == null) {
            return null;
        }
        try {
            return JobStatus.fromCode(status);
        } catch (IllegalArgumentException e) {
            throw new Invalid("status", "must be queued, processing, complete, error or cancelled");
        }
    }

    /**
     * Everything about a job ({@code kind}: {@code separate} or {@code render}, whose {@code
     * filename} is its mix's); {@code stuck} when its worker's lease ran out and nobody has put it
     * back yet.
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record AdminJobResponse(
            String jobId,
            String kind,
            String profileName,
            String outputName,
            String filename,
            String status,
            int attempts,
            int maxAttempts,
            String worker,
            String leaseUntil,
            boolean stuck,
            String stage,
            Integer percent,
            String error,
            List<String> stems,
            String createdAt,
            String updatedAt) {

        static AdminJobResponse of(Job j, Instant now) {
            return new AdminJobResponse(
                    j.id().toString(),
                    j.kind().code(),
                    j.profileName().value(),
                    j.outputName().value(),
                    j.filename(),
                    j.status().code(),
                    j.attempts(),
                    j.maxAttempts(),
                    j.worker(),
                    j.leaseUntil() == null ? null : j.leaseUntil().toString(),
                    j.status() == JobStatus.PROCESSING && j.leaseUntil().isBefore(now),
                    j.stage(),
                    j.percent(),
                    j.error(),
                    j.stems(),
                    j.createdAt().toString(),
                    j.updatedAt().toString());
        }
    }
}
