package org.stemvault.worker;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stemvault-worker}: a separation command on this machine, made a Stemvault worker. */
@Command(
        name = "stemvault-worker",
        mixinStandardHelpOptions = true,
        version = "stemvault-worker 0.1.0",
        sortOptions = false,
        description = {
            "Claims processing jobs from a Stemvault service, runs the separation command on each"
                    + " upload, converts, measures and draws every stem it writes (ffmpeg), finds"
                    + " the take's sections, uploads the files and completes the job.",
            "",
            "The command runs under /bin/sh with {input} (the uploaded file) and {output_dir} (an"
                    + " empty folder) replaced by quoted paths; every audio file it leaves under"
                    + " {output_dir} is a stem, named by its file name (vocals.wav) or by the"
                    + " word in brackets in it (take_(Vocals)_model.wav).",
            ""
        },
        footer = {
            "",
            "Example: stemvault-worker --server https://stemvault.example"
                    + " --separate 'demucs -n htdemucs -o {output_dir} {input}'",
            "SIGTERM claims no more, gives the job in hand --stop-grace to finish, then ends its"
                    + " command and hands the job back to the queue."
        })
public final class Main implements Callable<Integer> {

    @Option(
            names = "--server",
            defaultValue = "${env:STEMVAULT_SERVER}",
            description = "The service's URL (env STEMVAULT_SERVER).")
    String server;

    @Option(
            names = "--token",
            defaultValue = "${env:STEMVAULT_WORKER_TOKEN}",
            description =
                    "A worker token from `stemvault mint-worker-token` (env"
                            + " STEMVAULT_WORKER_TOKEN; prefer it: arguments are visible to ps).")
    String token;

    @Option(
            names = "--separate",
            defaultValue = "${env:STEMVAULT_SEPARATE}",
            description =
                    "The separation command, with {input} and {output_dir} (env"
                            + " STEMVAULT_SEPARATE).")
    String separate;

    @Option(
            names = "--timeout",
            defaultValue = "${env:STEMVAULT_SEPARATE_TIMEOUT:-2h}",
            converter = DurationConverter.class,
            description = "How long the command may run per job (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--once", description = "Do one job (waiting for one), then exit.")
    boolean once;

    @Option(
            names = "--concurrency",
            defaultValue = "1",
            description = "Jobs at a time (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(
            names = "--target-lufs",
            defaultValue = "-23",
            description =
                    "The loudness each stem's gain brings it to, in LUFS (default:"
                            + " ${DEFAULT-VALUE}, EBU R128).")
    double targetLufs;

    @Option(
            names = "--poll",
            defaultValue = "5s",
            converter = DurationConverter.class,
            description = "The pause when the queue is empty (default: ${DEFAULT-VALUE}).")
    Duration poll;

    @Option(
            names = "--heartbeat",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description =
                    "How often progress is sent, renewing the lease (default: ${DEFAULT-VALUE}).")
    Duration heartbeat;

    @Option(
            names = "--stop-grace",
            defaultValue = "20s",
            converter = DurationConverter.class,
            description =
                    "After SIGTERM, how long the job in hand may run before it is handed back"
                            + " (default: ${DEFAULT-VALUE}).")
    Duration stopGrace;

    @Option(
            names = "--retries",
            defaultValue = "8",
            description =
                    "Tries of a request that meets no connection or a 429/502/503/504, the pause"
                            + " doubling from 1 s to 30 s (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(
            names = "--work-dir",
            defaultValue = "${java.io.tmpdir}",
            description =
                    "Where each job's files are kept while it runs (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(
            names = "--kinds",
            defaultValue = "separate",
            description =
                    "The kinds of job to take, comma-separated: separate (stems from a take),"
                            + " render (take-away mixes; a CPU box suffices), analyze (tempo,"
                            + " beats and key of a recording's stored stems; a CPU box suffices)"
                            + " (default: ${DEFAULT-VALUE}).")
    String kinds;

    @Option(
            names = "--analyze",
            defaultValue = "${env:STEMVAULT_ANALYZE}",
            description =
                    "A command that analyses a take instead of the built-in analysis (bpm-tools,"
                            + " aubio): {input} is the take, {drums} its drums stem (or the take),"
                            + " {output} the JSON file it writes (docs/worker.md, \"Analysis\").")
    String analyze;

    @Option(names = "--aubio", defaultValue = "aubio", description = "aubio to run.")
    String aubio;

    @Option(names = "--bpm", defaultValue = "bpm", description = "bpm-tools' bpm to run.")
    String bpm;

    @Option(names = "--ffmpeg", defaultValue = "ffmpeg", description = "ffmpeg to run.")
    String ffmpeg;

    @Option(names = "--ffprobe", defaultValue = "ffprobe", description = "ffprobe to run.")
    String ffprobe;

    @Option(
            names = "--retry-pause",
            defaultValue = "1s",
            converter = DurationConverter.class,
            description =
                    "The first pause before a request is tried again (default: ${DEFAULT-VALUE}).")
    Duration firstRetryPause;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the worker with these arguments; the exit code. */
    public static int execute(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        Log log = new Log(System.err);
        String problem = problem();
        if (problem != null) {
            System.err.println("stemvault-worker: " + problem);
            return 2;
        }
        Ffmpeg tools = new Ffmpeg(ffmpeg, ffprobe);
        try {
            tools.check();
        } catch (Failure e) {
            System.err.println("stemvault-worker: " + e.getMessage());
            return 2;
        }
        URI base = URI.create(server.endsWith("/") ? server : server + "/");
        ServiceClient client =
                new ServiceClient(
                        base,
                        token,
                        new ServiceClient.Retries(retries, firstRetryPause, Duration.ofSeconds(30)),
                        log,
                        "separate".equals(kinds) ? null : kinds);
        Worker worker =
                new Worker(
                        client,
                        new JobRunner.Settings(
                                separate == null || separate.isBlank()
                                        ? null
                                        : new Separation(separate, timeout),
                                tools,
                                targetLufs,
                                heartbeat,
                                workDir.toAbsolutePath(),
                                new Analyzer(
                                        new Analysis(ffmpeg, aubio, bpm),
                                        analyze == null || analyze.isBlank() ? null : analyze,
                                        timeout)),
                        log,
                        poll,
                        stopGrace,
                        once,
                        concurrency);
        Thread hook = new Thread(worker::stop, "stop");
        Runtime.getRuntime().addShutdownHook(hook);
        log.line(
                "started",
                "server="
                        + base
                        + " concurrency="
                        + (once ? "1 (once)" : concurrency)
                        + " separate="
                        + separate);
        try {
            return worker.run();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it is what ends this worker
            }
        }
    }

    /** What is wrong with the arguments, or null. */
    private String problem() {
        if (server == null || server.isBlank()) {
            return "--server (or STEMVAULT_SERVER) is required";
        }
        if (!server.matches("https?://[^\\s]+")) {
            return "--server must be an http:// or https:// URL: " + server;
        }
        if (token == null || token.isBlank()) {
            return "--token (or STEMVAULT_WORKER_TOKEN) is required";
        }
        List<String> taken = List.of(kinds.split(",", -1));
        if (taken.isEmpty()
                || !taken.stream()
                        .allMatch(
                                k ->
                                        k.equals("separate")
                                                || k.equals("render")
                                                || k.equals("analyze"))) {
            return "--kinds takes separate, render and/or analyze, comma-separated: " + kinds;
        }
        if (analyze != null
                && !analyze.isBlank()
                && (!analyze.contains("{input}") || !analyze.contains("{output}"))) {
            return "--analyze must name {input} and {output}: " + analyze;
        }
        boolean separates = taken.contains("separate");
        if (separates && (separate == null || separate.isBlank())) {
            return "--separate (or STEMVAULT_SEPARATE) is required to take separations";
        }
        if (separates && (!separate.contains("{input}") || !separate.contains("{output_dir}"))) {
            return "--separate must name {input} and {output_dir}: " + separate;
        }
        if (concurrency < 1) {
            return "--concurrency must be at least 1";
        }
        if (retries < 1) {
            return "--retries must be at least 1";
        }
        if (heartbeat.isZero() || poll.isZero() || timeout.isZero()) {
            return "--heartbeat, --poll and --timeout must be more than 0";
        }
        Path dir = workDir.toAbsolutePath();
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            return "--work-dir is not a writable folder: " + dir;
        }
        if (!Ffmpeg.SAFE_PATH.matcher(dir.toString()).matches()) {
            return "--work-dir may hold only letters, digits and . _ / + - : " + dir;
        }
        return null;
    }

    /** {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}, or an ISO-8601 duration. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h)");

        @Override
        public Duration convert(String value) {
            Matcher m = SHORT.matcher(value.trim());
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            }
            try {
                return Duration.parse(value.trim());
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a duration (500ms, 30s, 10m, 2h)");
            }
        }
    }
}
