package org.stemvault.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One claimed job, start to end: read the source, run the separation, then for each stem encode,
 * measure and draw it (ffmpeg), find the sections, upload every file and complete the job. A job
 * that cannot be done is failed with the reason; a job this worker stops doing is handed back. A
 * heartbeat with the stage and percent goes out at each stage and every {@code heartbeat} between.
 */
final class JobRunner {

    /** How a job ended for this worker. */
    enum Outcome {
        COMPLETE,
        FAILED,
        RELEASED,
        LOST
    }

    /** What every job is done with. */
    record Settings(
            Separation separation,
            Ffmpeg ffmpeg,
            double targetLufs,
            Duration heartbeat,
            Path workDir,
            Analyzer analyzer) {}

    /** The most a stem's gain is moved towards the target, either way, as before. */
    static final double MAX_GAIN_DB = 12;

    /** Below this loudness a stem is left at its level (nothing meaningful to match). */
    static final double QUIETEST_ADJUSTED_LUFS = -60;

    private final ServiceClient client;
    private final Settings settings;
    private final Log log;
    private final ScheduledExecutorService beats;

    private volatile boolean aborted;
    private volatile Process process;
    private volatile Thread thread;
    private volatile String stage = "claimed";
    private volatile int percent;

    JobRunner(ServiceClient client, Settings settings, Log log) {
        this.client = client;
        this.settings = settings;
        this.log = log;
        this.beats =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, Thread.currentThread().getName() + "-beat");
                            t.setDaemon(true);
                            return t;
                        });
    }

    /** Stops the job in hand: ends its separation command and hands the job back. */
    void abort() {
        aborted = true;
        Process p = process;
        if (p != null) {
            Separation.stop(p);
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    Outcome run(ServiceClient.Claim job) {
        thread = Thread.currentThread();
        long started = System.nanoTime();
        Path dir = null;
        ScheduledFuture<?> beat = null;
        log.line(
                "claimed",
                "job="
                        + job.id()
                        + " profile="
                        + job.text("profile_name")
                        + " output="
                        + job.text("output_name")
                        + " attempt="
                        + job.text("attempt")
                        + "/"
                        + job.text("max_attempts"));
        try {
            long every = settings.heartbeat().toMillis();
            beat = beats.scheduleAtFixedRate(() -> beat(job), every, every, TimeUnit.MILLISECONDS);
            dir = Files.createTempDirectory(settings.workDir(), "job-");
            String kind = job.text("kind");
            boolean render = "render".equals(kind);
            boolean analysis = "analyze".equals(kind);
            ObjectNode completion =
                    render ? render(job, dir) : analysis ? analyze(job, dir) : work(job, dir);
            stage(job, "completing", 99);
            if (render) {
                client.postJson(
                        job.json().path("render").path("rendered_url").asText(), completion);
            } else if (analysis) {
                client.postJson(analysisUrl(job), completion);
            } else {
                client.complete(job, completion);
            }
            log.line(
                    "complete",
                    "job="
                            + job.id()
                            + " stems="
                            + completion.path("stems").size()
                            + " sections="
                            + completion.path("sections").size()
                            + " in "
                            + Duration.ofNanos(System.nanoTime() - started).toMillis()
                            + " ms");
            return Outcome.COMPLETE;
        } catch (ServiceClient.Lost e) {
            log.line("lost", "job=" + job.id() + " " + e.getMessage());
            return Outcome.LOST;
        } catch (InterruptedException e) {
            return handBack(job);
        } catch (RuntimeException | IOException e) {
            if (aborted) {
                return handBack(job);
            }
            String reason =
                    e instanceof Failure
                            ? e.getMessage()
                            : e.getClass().getSimpleName() + ": " + e.getMessage();
            return failed(job, reason);
        } finally {
            if (beat != null) {
                beat.cancel(false);
            }
            beats.shutdownNow();
            process = null;
            thread = null;
            Thread.interrupted();
            delete(dir);
        }
    }

    /**
     * The take's tempo, beats and key, sent while the job is held; the sections snapped to the
     * nearest downbeat when the beat grid is confident. An analysis that fails leaves the
     * separation as it is (an admin can queue it again later).
     */
    private List<Sections.Section> analyse(
            ServiceClient.Claim job,
            Path input,
            Path drums,
            Path dir,
            List<Sections.Section> sections)
            throws InterruptedException {
        stage(job, "analysing", 90);
        try {
            ObjectNode analysis = settings.analyzer().analyse(input, drums, dir);
            client.postJson(analysisUrl(job), analysis);
            log.line(
                    "analysed",
                    "job="
                            + job.id()
                            + " tempo="
                            + analysis.path("tempo_bpm").asText()
                            + " key="
                            + analysis.path("key").asText());
            double[] downbeats = new double[analysis.path("downbeats").size()];
            for (int i = 0; i < downbeats.length; i++) {
                downbeats[i] = analysis.path("downbeats").get(i).asDouble();
            }
            double tempo = analysis.path("tempo_bpm").asDouble(0);
            if (analysis.path("tempo_confidence").asDouble() >= 0.8 && tempo > 0) {
                return Sections.snapped(sections, downbeats, 2 * 60 / tempo);
            }
        } catch (Failure e) {
            log.line("analysis", "job=" + job.id() + " skipped: " + e.getMessage());
        }
        return sections;
    }

    /** Where a job's analysis goes: beside its completion. */
    private static String analysisUrl(ServiceClient.Claim job) {
        return job.text("complete_url").replaceAll("/complete$", "/analysis");
    }

    /**
     * An analysis of a recording's stored stems: the drums stem gives the pulse, the other stems
     * mixed (ffmpeg's amix) the key; the JSON of the analysis.
     */
    private ObjectNode analyze(ServiceClient.Claim job, Path dir)
            throws IOException, InterruptedException {
        stage(job, "downloading", 1);
        JsonNode stems = job.json().path("stems");
        List<Path> tonal = new ArrayList<>();
        Path drums = null;
        for (var it = stems.fields(); it.hasNext(); ) {
            var stem = it.next();
            Path file = dir.resolve("stem-" + stem.getKey().replaceAll("[^a-z0-9_-]", "_"));
            client.fetch(stem.getValue().asText(), file);
            if (stem.getKey().equals("drums")) {
                drums = file;
            } else {
                tonal.add(file);
            }
        }
        if (drums == null && tonal.isEmpty()) {
            throw new Failure("the recording has no stems to analyse");
        }
        stage(job, "analysing", 20);
        Path take = tonal.isEmpty() ? drums : settings.analyzer().mixed(tonal, dir);
        return settings.analyzer().analyse(take, drums, dir);
    }

    /** A render: read its stems, mix them with ffmpeg, write the one file; what it measured. */
    private ObjectNode render(ServiceClient.Claim job, Path dir)
            throws IOException, InterruptedException {
        JsonNode work = job.json().path("render");
        stage(job, "downloading", 1);
        List<Path> files = new ArrayList<>();
        JsonNode stems = work.path("stems");
        for (int i = 0; i < stems.size(); i++) {
            Path stem = dir.resolve("stem-" + i + extension(stems.get(i).path("file").asText()));
            client.fetch(stems.get(i).path("url").asText(), stem);
            files.add(stem);
        }
        stage(job, "rendering", 10);
        String file = work.path("file").asText();
        Path out = Files.createDirectories(dir.resolve("mix")).resolve(file);
        Render.Result result =
                new Render(settings.ffmpeg()).render(Render.Spec.of(work, files), out);
        stage(job, "uploading", 90);
        client.upload(job, file, out);
        ObjectNode rendered =
                ServiceClient.JSON
                        .createObjectNode()
                        .put("duration_seconds", round(result.durationSeconds(), 3));
        if (result.loudnessLufs() != null) {
            rendered.put("loudness_lufs", round(result.loudnessLufs(), 2));
        }
        return rendered;
    }

    private ObjectNode work(ServiceClient.Claim job, Path dir)
            throws IOException, InterruptedException {
        stage(job, "downloading", 1);
        Path input = dir.resolve("source" + extension(job.text("filename")));
        client.download(job, input);
        log.line("downloaded", "job=" + job.id() + " bytes=" + Files.size(input));

        stage(job, "separating", 5);
        Path separated = Files.createDirectories(dir.resolve("separated"));
        long t0 = System.nanoTime();
        settings.separation()
                .run(input, separated, dir.resolve("separation.log"), p -> process = p);
        process = null;
        if (aborted) {
            throw new InterruptedException("stopping");
        }
        Map<String, Path> stems = Separation.stems(separated);
        log.line(
                "separated",
                "job="
                        + job.id()
                        + " stems="
                        + String.join(",", stems.keySet())
                        + " in "
                        + Duration.ofNanos(System.nanoTime() - t0).toMillis()
                        + " ms");

        Ffmpeg.Format format =
                Ffmpeg.Format.of(
                        job.json().path("output_config").path("format").asText("opus"),
                        job.json().path("output_config").path("bitrate").asText("192k"));
        Path out = Files.createDirectories(dir.resolve("out"));
        ArrayNode stemsJson = ServiceClient.JSON.createArrayNode();
        Map<String, Path> files = new LinkedHashMap<>();
        List<double[]> levels = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Path> stem : stems.entrySet()) {
            String name = stem.getKey();
            stage(job, "processing " + name, 60 + 30 * i++ / stems.size());
            String audioFile = name + "." + format.extension();
            String waveformFile = name + "_waveform.png";
            Path audio = out.resolve(audioFile);
            Path waveform = out.resolve(waveformFile);
            Ffmpeg.Measured m = settings.ffmpeg().process(stem.getValue(), format, audio, waveform);
            levels.add(m.rmsLevels());
            files.put(audioFile, audio);
            files.put(waveformFile, waveform);
            ObjectNode s =
                    stemsJson
                            .addObject()
                            .put("stem_type", name)
                            .put("peak_amplitude", round(m.peak(), 4))
                            .put("stem_gain_adjustment_db", round(gain(m.lufs()), 2))
                            .put("audio_url", audioFile)
                            .put("waveform_url", waveformFile)
                            .put("file_size_bytes", Files.size(audio))
                            .put("duration_seconds", round(m.durationSeconds(), 3));
            if (m.lufs() == null) {
                s.putNull("measured_lufs");
            } else {
                s.put("measured_lufs", round(m.lufs(), 2));
            }
            log.line(
                    "measured",
                    String.format(
                            Locale.ROOT,
                            "job=%s stem=%s lufs=%s peak=%.4f gain=%+.2f dB duration=%.2f s size=%d",
                            job.id(),
                            name,
                            m.lufs() == null
                                    ? "silent"
                                    : String.format(Locale.ROOT, "%.2f", m.lufs()),
                            m.peak(),
                            gain(m.lufs()),
                            m.durationSeconds(),
                            Files.size(audio)));
        }

        stage(job, "sections", 90);
        List<Sections.Section> sections = Sections.detect(levels, Ffmpeg.WINDOW_SECONDS);
        log.line("sections", "job=" + job.id() + " found=" + sections.size());
        sections = analyse(job, input, stems.get("drums"), dir, sections);

        int done = 0;
        for (Map.Entry<String, Path> file : files.entrySet()) {
            stage(job, "uploading", 91 + 8 * done++ / files.size());
            client.upload(job, file.getKey(), file.getValue());
        }
        log.line("uploaded", "job=" + job.id() + " files=" + files.size());

        ObjectNode completion = ServiceClient.JSON.createObjectNode();
        completion.set("stems", stemsJson);
        ArrayNode sectionsJson = completion.putArray("sections");
        for (Sections.Section s : sections) {
            sectionsJson
                    .addObject()
                    .put("start", round(s.start(), 2))
                    .put("end", round(s.end(), 2));
        }
        return completion;
    }

    /**
     * The gain that brings a stem to the target loudness, at most {@link #MAX_GAIN_DB} either way;
     * 0 for a silent or nearly silent stem.
     */
    double gain(Double lufs) {
        if (lufs == null || lufs <= QUIETEST_ADJUSTED_LUFS) {
            return 0;
        }
        return Math.max(-MAX_GAIN_DB, Math.min(MAX_GAIN_DB, settings.targetLufs() - lufs));
    }

    private void stage(ServiceClient.Claim job, String name, int at) throws InterruptedException {
        if (aborted) {
            throw new InterruptedException("stopping");
        }
        stage = name;
        percent = at;
        log.line("stage", "job=" + job.id() + " " + name + " " + at + "%");
        client.heartbeat(job, name, at);
    }

    private void beat(ServiceClient.Claim job) {
        try {
            client.heartbeat(job, stage, percent);
        } catch (ServiceClient.Lost e) {
            log.line("lost", "job=" + job.id() + " " + e.getMessage() + "; stopping it");
            abort();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.line("heartbeat", "job=" + job.id() + " not sent: " + e.getMessage());
        }
    }

    private Outcome failed(ServiceClient.Claim job, String reason) {
        log.line("failed", "job=" + job.id() + " " + reason);
        try {
            String status = client.fail(job, reason);
            log.line("reported", "job=" + job.id() + " status=" + status);
        } catch (ServiceClient.Lost e) {
            return Outcome.LOST;
        } catch (InterruptedException | RuntimeException e) {
            log.line("reported", "job=" + job.id() + " not reported: " + e.getMessage());
        }
        return Outcome.FAILED;
    }

    private Outcome handBack(ServiceClient.Claim job) {
        Thread.interrupted();
        try {
            client.release(job);
            log.line("released", "job=" + job.id() + " handed back to the queue");
            return Outcome.RELEASED;
        } catch (ServiceClient.Lost e) {
            log.line("lost", "job=" + job.id() + " " + e.getMessage());
            return Outcome.LOST;
        } catch (InterruptedException | RuntimeException e) {
            log.line("released", "job=" + job.id() + " not handed back: " + e.getMessage());
            return Outcome.LOST;
        }
    }

    private static String extension(String filename) {
        int dot = filename == null ? -1 : filename.lastIndexOf('.');
        String ext = dot < 0 ? "" : filename.substring(dot).toLowerCase(Locale.ROOT);
        return ext.matches("\\.[a-z0-9]{1,5}") ? ext : ".audio";
    }

    private static double round(double v, int places) {
        double scale = Math.pow(10, places);
        return Math.round(v * scale) / scale;
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is no harm to the job
        }
    }
}
