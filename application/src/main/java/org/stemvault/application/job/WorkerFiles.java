package org.stemvault.application.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stemvault.application.WorkerCaller;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.job.Job;
import org.stemvault.domain.job.JobId;
import org.stemvault.domain.job.JobKind;
import org.stemvault.domain.job.Jobs;
import org.stemvault.domain.media.MediaKey;
import org.stemvault.domain.media.MediaStore;
import org.stemvault.domain.media.StoredMedia;
import org.stemvault.domain.mix.Mix;
import org.stemvault.domain.mix.Mixes;
import org.stemvault.domain.recording.MediaFileName;

/**
 * The files of the job a worker holds: it reads the source and writes each output, through the
 * service or straight to the store by links its claim carries.
 */
public final class WorkerFiles {

    /**
     * How long a worker's links into the store work: a separation of a long take fits in it, and
     * the job's lease, not the link, decides whose completion counts.
     */
    static final Duration WORKER_LINKS = Duration.ofHours(6);

    /** The stems a separation model leaves, as the system we replace named them. */
    static final List<String> STANDARD_STEMS = List.of("vocals", "drums", "bass", "other");

    private final Jobs jobs;
    private final Mixes mixes;
    private final MediaStore media;
    private final String outputFormat;

    public WorkerFiles(Jobs jobs, Mixes mixes, MediaStore media, ProcessingSettings settings) {
        this.jobs = jobs;
        this.mixes = mixes;
        this.media = media;
        this.outputFormat = settings.outputFormat();
    }

    /** The source of the separation the worker holds. */
    public StoredMedia source(WorkerCaller worker, JobId id) {
        Job job = held(worker, id);
        if (job.kind() != JobKind.SEPARATE) {
            throw new NotFound("a render has no source: read its stems");
        }
        return media.find(new MediaKey(job.inputKey()))
                .orElseThrow(
                        () -> new NotFound("the job's source is missing from the media store"));
    }

    /**
     * Stores one output file (a stem, a waveform) of the job the worker holds; answers its size.
     */
    public long output(WorkerCaller worker, JobId id, String file, InputStream content) {
        Job job = held(worker, id);
        MediaFileName name = MediaFileName.of("file", file);
        MediaKey at = MediaKey.output(job.profileName(), job.outputName(), name);
        if (job.kind() == JobKind.RENDER) {
            Mix mix = mixes.byId(job.mix()).orElseThrow(JobRules::noJob);
            if (!mix.mediaKey().value().endsWith("/" + name.value())) {
                throw new Invalid("file", "a render writes one file: " + mixFile(mix));
            }
            at = mix.mediaKey();
        }
        try {
            return media.write(at, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A stem the render the worker holds mixes (one of its mix's files), or a file of the recording
     * the analysis the worker holds reads; nothing else.
     */
    public StoredMedia stem(WorkerCaller worker, JobId id, String file) {
        Job job = held(worker, id);
        if (job.kind() == JobKind.ANALYZE) {
            return media.find(job.profileName(), job.outputName(), MediaFileName.of("file", file))
                    .orElseThrow(() -> new NotFound("no such file of the recording"));
        }
        Mix mix =
                job.kind() == JobKind.RENDER
                        ? mixes.byId(job.mix()).orElseThrow(JobRules::noJob)
                        : null;
        if (mix == null || mix.spec().stems().stream().noneMatch(p -> p.file().equals(file))) {
            throw new NotFound("no such stem in the job's mix");
        }
        return media.find(job.profileName(), job.outputName(), new MediaFileName(file))
                .orElseThrow(() -> new NotFound("the stem is missing from the media store"));
    }

    /** The file name a render writes its mix under. */
    static String mixFile(Mix mix) {
        String key = mix.mediaKey().value();
        return key.substring(key.lastIndexOf('/') + 1);
    }

    /** Links to read a render's stems straight from the store, by file; none without links. */
    Map<String, URI> stemLinks(Job job, Mix mix) {
        Map<String, URI> links = new LinkedHashMap<>();
        for (var part : mix.spec().stems()) {
            media.find(job.profileName(), job.outputName(), new MediaFileName(part.file()))
                    .flatMap(m -> m.link(WORKER_LINKS, "application/octet-stream"))
                    .ifPresent(link -> links.put(part.file(), link));
        }
        return links;
    }

    /** Links to read these files of the job's recording straight from the store; none without. */
    Map<String, URI> fileLinks(Job job, java.util.Collection<String> files) {
        Map<String, URI> links = new LinkedHashMap<>();
        for (String file : files) {
            media.find(job.profileName(), job.outputName(), new MediaFileName(file))
                    .flatMap(m -> m.link(WORKER_LINKS, "application/octet-stream"))
                    .ifPresent(link -> links.put(file, link));
        }
        return links;
    }

    /** A link to PUT a render's file straight into the store; none without links. */
    Map<String, URI> mixLink(Mix mix) {
        return media.uploadLink(mix.mediaKey(), WORKER_LINKS)
                .map(link -> Map.of(mixFile(mix), link))
                .orElse(Map.of());
    }

    /** A link to read a claimed job's source straight from the store; none without links. */
    Optional<URI> sourceLink(Job job) {
        return media.find(new MediaKey(job.inputKey()))
                .flatMap(m -> m.link(WORKER_LINKS, "application/octet-stream"));
    }

    /**
     * Links to PUT the files a separation leaves straight into the store (each standard stem in the
     * output format, its waveform, {@code metadata.json}); none for a store without links.
     */
    Map<String, URI> outputLinks(Job job) {
        String extension =
                switch (outputFormat) {
                    case "aac", "m4a" -> "m4a";
                    default -> outputFormat;
                };
        List<String> files = new ArrayList<>(List.of("metadata.json"));
        for (String stem : STANDARD_STEMS) {
            files.add(stem + "." + extension);
            files.add(stem + "_waveform.png");
        }
        Map<String, URI> links = new LinkedHashMap<>();
        for (String file : files) {
            media.uploadLink(
                            MediaKey.output(
                                    job.profileName(), job.outputName(), new MediaFileName(file)),
                            WORKER_LINKS)
                    .ifPresent(link -> links.put(file, link));
        }
        return links;
    }

    private Job held(WorkerCaller worker, JobId id) {
        Job job = jobs.byId(id).orElseThrow(JobRules::noJob);
        if (!JobRules.heldBy(job, worker)) {
            throw JobRules.notHeld();
        }
        return job;
    }
}
