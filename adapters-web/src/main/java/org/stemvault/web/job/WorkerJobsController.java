package org.stemvault.web.job;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.stemvault.application.Caller;
import org.stemvault.application.WorkerCaller;
import org.stemvault.application.analysis.RecordingAnalysis;
import org.stemvault.application.job.CompletedJob;
import org.stemvault.application.job.PullWorker;
import org.stemvault.application.job.WorkerFiles;
import org.stemvault.domain.job.Job;
import org.stemvault.domain.job.JobId;
import org.stemvault.domain.job.JobKind;
import org.stemvault.domain.media.StoredMedia;
import org.stemvault.domain.mix.Mix;
import org.stemvault.domain.mix.MixSpec;
import org.stemvault.web.analysis.AnalysisBody;
import org.stemvault.web.docs.ApiDescription;
import org.stemvault.web.docs.Bodies;
import org.stemvault.web.docs.Bound;
import org.stemvault.web.docs.Problems;
import org.stemvault.web.json.Fields;
import org.stemvault.web.library.FileResponse;

/**
 * The pull protocol of processing workers (worker tokens): claim the oldest queued job, read its
 * source, write each output file, report progress (which extends the lease), then complete or fail
 * it.
 */
@Problems
@SecurityRequirement(name = ApiDescription.WORKER)
@Controller("/api/worker/jobs")
@Secured(SecurityRule.IS_AUTHENTICATED)
final class WorkerJobsController {

    /** Buckets of {@code stemvault_jobs_claim_to_complete_seconds}: a separation takes minutes. */
    private static final Duration[] CLAIM_TO_COMPLETE =
            Stream.of(10, 30, 60, 120, 300, 600, 1200, 1800, 3600)
                    .map(Duration::ofSeconds)
                    .toArray(Duration[]::new);

    private final PullWorker pull;
    private final WorkerFiles files;
    private final RecordingAnalysis analysis;
    private final Clock clock;
    private final Timer claimToComplete;

    WorkerJobsController(
            PullWorker pull,
            WorkerFiles files,
            RecordingAnalysis analysis,
            Clock clock,
            MeterRegistry meters) {
        this.pull = pull;
        this.files = files;
        this.analysis = analysis;
        this.clock = clock;
        this.claimToComplete =
                Timer.builder("stemvault.jobs.claim.to.complete")
                        .description("From a worker's claim of a job to its completion")
                        .serviceLevelObjectives(CLAIM_TO_COMPLETE)
                        .register(meters);
    }

    /**
     * 200 with the job and where to read and write, or 204 when there is none. {@code kinds}
     * (comma-separated: {@code separate}, {@code render}) says which kinds of job this worker
     * takes; without it, separations only (what every worker before kinds took).
     */
    @Post("/claim")
    HttpResponse<ClaimResponse> claim(@Nullable @QueryValue String kinds, @Bound Caller caller) {
        WorkerCaller worker = WorkerCaller.of(caller);
        Set<JobKind> taken = EnumSet.noneOf(JobKind.class);
        if (kinds == null) {
            taken.add(JobKind.SEPARATE);
        } else {
            for (String kind : kinds.split(",", -1)) {
                taken.add(JobKind.fromCode(kind.trim()));
            }
        }
        return pull.claim(worker, taken)
                .map(c -> HttpResponse.ok(ClaimResponse.of(c)))
                .orElseGet(() -> HttpResponse.status(HttpStatus.NO_CONTENT));
    }

    @Post("/{jobId}/heartbeat")
    Map<String, String> heartbeat(
            @PathVariable String jobId,
            @Body @Schema(implementation = Bodies.Heartbeat.class) byte[] body,
            @Bound Caller caller) {
        WorkerCaller worker = WorkerCaller.of(caller);
        JobId id = JobIds.of(jobId);
        WorkerRequests.Heartbeat h = Fields.read(body, WorkerRequests.Heartbeat::from);
        return Map.of("lease_until", pull.heartbeat(worker, id, h.stage(), h.percent()).toString());
    }

    /**
     * The worker holding an {@code analyze} job completes it with what it found (the JSON of
     * docs/worker.md, "Analysis"); a replay changes nothing.
     */
    @Post("/{jobId}/analysis")
    Map<String, String> analysis(
            @PathVariable String jobId,
            @Body @Schema(implementation = Bodies.AnalysisInput.class) byte[] body,
            @Bound Caller caller) {
        WorkerCaller worker = WorkerCaller.of(caller);
        JobId id = JobIds.of(jobId);
        analysis.complete(
                worker, id, Fields.read(body, f -> AnalysisBody.from(f, clock.instant())));
        return Map.of("status", "complete");
    }

    @Post("/{jobId}/complete")
    FileResponse complete(
            @PathVariable String jobId,
            @Body @Schema(implementation = Bodies.Completion.class) byte[] body,
            @Bound Caller caller) {
        WorkerCaller worker = WorkerCaller.of(caller);
        JobId id = JobIds.of(jobId);
        WorkerRequests.Completion c = Fields.read(body, WorkerRequests.Completion::from);
        CompletedJob done = pull.complete(worker, id, c.displayName(), c.stems(), c.sections());
        if (done.sinceClaim() != null) {
            claimToComplete.record(done.sinceClaim());
        }
        return FileResponse.from(done.profile().value(), done.recording());
    }

    /** Completes the render the worker holds, once its file is written: the mix as it is now. */
    @Post("/{jobId}/rendered")
    Map<String, Object> rendered(
            @PathVariable String jobId,
            @Body @Schema(implementation = Bodies.Rendered.class) byte[] body,
            @Bound Caller caller) {
        WorkerCaller worker = WorkerCaller.of(caller);
        JobId id = JobIds.of(jobId);
        WorkerRequests.Rendered r = Fields.read(body, WorkerRequests.Rendered::from);
        Mix mix = pull.completeRender(worker, id, r.durationSeconds(), r.loudnessLufs());
        return Map.of("mix_id", mix.id().toString(), "size_bytes", mix.rendered().sizeBytes());
    }

    /** A stem the render the worker holds mixes. */
    @Get("/{jobId}/stems/{file}")
    HttpResponse<StreamedFile> stem(
            @PathVariable String jobId, @PathVariable String file, @Bound Caller caller) {
        WorkerCaller worker = WorkerCaller.of(caller);
        return streamed(files.stem(worker, JobIds.of(jobId), file));
    }

    @Post("/{jobId}/fail")
    Map<String, String> fail(
            @PathVariable String jobId,
            @Body @Schema(implementation = Bodies.Failure.class) byte[] body,
            @Bound Caller caller) {
        WorkerCaller worker = WorkerCaller.of(caller);
        JobId id = JobIds.of(jobId);
        WorkerRequests.Failure f = Fields.read(body, WorkerRequests.Failure::from);
        return Map.of("status", pull.fail(worker, id, f.error()).code());
    }

    /** A job the worker will not finish (it is stopping), back in the queue uncounted: 204. */
    @Post("/{jobId}/release")
    HttpResponse<Void> release(@PathVariable String jobId, @Bound Caller caller) {
        WorkerCaller worker = WorkerCaller.of(caller);
        pull.release(worker, JobIds.of(jobId));
        return HttpResponse.noContent();
    }

    @Get("/{jobId}/source")
    HttpResponse<StreamedFile> source(@PathVariable String jobId, @Bound Caller caller) {
        WorkerCaller worker = WorkerCaller.of(caller);
        return streamed(files.source(worker, JobIds.of(jobId)));
    }

    private static HttpResponse<StreamedFile> streamed(StoredMedia source) {
        try {
            return HttpResponse.ok(
                    new StreamedFile(
                            source.open(0),
                            MediaType.APPLICATION_OCTET_STREAM_TYPE,
                            source.lastModified().toEpochMilli(),
                            source.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The raw body, streamed to the media store as the job's {@code file}. */
    @Put(value = "/{jobId}/outputs/{+file}", consumes = MediaType.ALL)
    HttpResponse<Map<String, Long>> output(
            @PathVariable String jobId,
            @PathVariable String file,
            @Body InputStream content,
            @Bound Caller caller) {
        WorkerCaller worker = WorkerCaller.of(caller);
        JobId id = JobIds.of(jobId);
        return HttpResponse.status(HttpStatus.CREATED)
                .body(Map.of("file_size_bytes", files.output(worker, id, file, content)));
    }

    /**
     * A claimed job, with the service's URLs for it (relative to the service). With a bucket as the
     * store, {@code source_url} is a presigned link into it and {@code output_urls} names a
     * presigned PUT link for each file a separation leaves, so the bytes never pass through the
     * service and the worker holds no credential of the store; {@code output_url} (the service's
     * endpoint) takes any other file.
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record ClaimResponse(
            String jobId,
            String profileName,
            String outputName,
            String filename,
            String strategyName,
            int attempt,
            int maxAttempts,
            String leaseUntil,
            String sourceUrl,
            String outputUrl,
            Map<String, String> outputUrls,
            String heartbeatUrl,
            String completeUrl,
            String failUrl,
            String releaseUrl,
            Map<String, String> outputConfig,
            String kind,
            RenderWork render,
            Map<String, String> stems) {

        static ClaimResponse of(PullWorker.Claim claim) {
            Job j = claim.job();
            String base = "/api/worker/jobs/" + j.id();
            return new ClaimResponse(
                    j.id().toString(),
                    j.profileName().value(),
                    j.outputName().value(),
                    j.filename(),
                    claim.strategyName(),
                    j.attempts(),
                    j.maxAttempts(),
                    j.leaseUntil().toString(),
                    claim.sourceLink().map(URI::toString).orElse(base + "/source"),
                    base + "/outputs/{file}",
                    claim.outputLinks().entrySet().stream()
                            .collect(
                                    Collectors.toMap(
                                            Map.Entry::getKey,
                                            e -> e.getValue().toString(),
                                            (a, b) -> a,
                                            TreeMap::new)),
                    base + "/heartbeat",
                    base + "/complete",
                    base + "/fail",
                    base + "/release",
                    claim.outputFormat() == null
                            ? Map.of()
                            : Map.of(
                                    "format",
                                    claim.outputFormat(),
                                    "bitrate",
                                    claim.outputBitrate()),
                    j.kind().code(),
                    claim.mix().map(m -> RenderWork.of(base, m, claim.inputLinks())).orElse(null),
                    stems(base, claim));
        }

        /** An analysis's stems: by stem type, where to read each (a link, or the service). */
        private static Map<String, String> stems(String base, PullWorker.Claim claim) {
            Map<String, String> stems = new TreeMap<>();
            claim.stems()
                    .forEach(
                            (type, file) ->
                                    stems.put(
                                            type,
                                            Optional.ofNullable(claim.inputLinks().get(file))
                                                    .map(URI::toString)
                                                    .orElse(base + "/stems/" + file)));
            return stems;
        }
    }

    /**
     * What a render is made of: each stem heard ({@code url} to read it: a presigned link with a
     * bucket, else the service's), its gain in dB, the section, tempo factor, semitones, format and
     * loudness target; with {@code bundle}, each stem rendered to {@code <stem>.<format>} in one
     * zip instead of a mix; the one {@code file} to write (at {@code output_url}, the service's
     * outputs endpoint, or a presigned link in {@code output_urls}), then {@code rendered_url}.
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record RenderWork(
            String mixId,
            List<Input> stems,
            Double start,
            Double end,
            double tempo,
            int semitones,
            String format,
            Double loudnessLufs,
            boolean bundle,
            String file,
            String renderedUrl) {

        @Serdeable(naming = SnakeCaseStrategy.class)
        record Input(String stem, String file, double gainDb, String url) {}

        static RenderWork of(String base, Mix m, Map<String, URI> links) {
            MixSpec s = m.spec();
            String key = m.mediaKey().value();
            return new RenderWork(
                    m.id().toString(),
                    s.stems().stream()
                            .map(
                                    p ->
                                            new Input(
                                                    p.stem(),
                                                    p.file(),
                                                    p.gainDb(),
                                                    links.containsKey(p.file())
                                                            ? links.get(p.file()).toString()
                                                            : base + "/stems/" + p.file()))
                            .toList(),
                    s.start(),
                    s.end(),
                    s.tempo(),
                    s.semitones(),
                    s.format().code(),
                    s.loudnessLufs(),
                    s.bundle(),
                    key.substring(key.lastIndexOf('/') + 1),
                    base + "/rendered");
        }
    }
}
