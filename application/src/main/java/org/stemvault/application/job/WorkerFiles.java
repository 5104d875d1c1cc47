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
import org.stemvault.domain.NotFound;
import org.stemvault.domain.job.Job;
import org.stemvault.domain.job.JobId;
import org.stemvault.domain.job.Jobs;
import org.stemvault.domain.media.MediaKey;
import org.stemvault.domain.media.MediaStore;
import org.stemvault.domain.media.StoredMedia;
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
    private final MediaStore media;
    private final String outputFormat;

    public WorkerFiles(Jobs jobs, MediaStore media, ProcessingSettings settings) {
        this.jobs = jobs;
        this.media = media;
        this.outputFormat = settings.outputFormat();
    }

    /** The source of the job the worker holds. */
    public StoredMedia source(WorkerCaller worker, JobId id) {
        Job job = held(worker, id);
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
        try {
            return media.write(MediaKey.output(job.profileName(), job.outputName(), name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
