package org.stemvault.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Post-processing of one stem by ffmpeg, in one pass over its samples: the stem encoded in the
 * output format, its integrated loudness (EBU R128, the {@code ebur128} filter) and sample peak,
 * its waveform drawn by {@code showwavespic}, and its RMS level over {@link #WINDOW_SECONDS}
 * windows ({@code astats}) for finding sections; then the encoded file's duration by ffprobe.
 */
final class Ffmpeg {

    /** The RMS windows for sections: 800 samples at 8 kHz. */
    static final double WINDOW_SECONDS = 0.1;

    static final int WAVEFORM_WIDTH = 1920;
    static final int WAVEFORM_HEIGHT = 256;

    /** ebur128's reading of a take with no gated block: nothing to measure. */
    private static final double SILENT_LUFS = -70.0;

    private static final Pattern INTEGRATED = Pattern.compile("\\bI:\\s+(-?[0-9.]+|-inf) LUFS");
    private static final Pattern PEAK = Pattern.compile("\\bPeak:\\s+(-?[0-9.]+|-inf) dBFS");
    private static final Pattern RMS =
            Pattern.compile("lavfi\\.astats\\.Overall\\.RMS_level=(-?[0-9.]+|-inf|nan)");

    /** An output format: the file extension and ffmpeg's encoder arguments for a bit rate. */
    record Format(String extension, List<String> encoder) {

        /**
         * The format a claim names ({@code opus}, {@code m4a} or {@code aac}, {@code mp3}, {@code
         * flac}, {@code wav}).
         */
        static Format of(String name, String bitrate) {
            String rate = bitrate == null || bitrate.isBlank() ? "192k" : bitrate;
            return switch (name == null ? "opus" : name.toLowerCase(Locale.ROOT)) {
                case "opus" -> new Format("opus", List.of("-c:a", "libopus", "-b:a", rate));
                case "m4a", "aac" ->
                        new Format(
                                "m4a",
                                List.of("-c:a", "aac", "-b:a", rate, "-movflags", "+faststart"));
                case "mp3" -> new Format("mp3", List.of("-c:a", "libmp3lame", "-b:a", rate));
                case "flac" -> new Format("flac", List.of("-c:a", "flac"));
                case "wav" -> new Format("wav", List.of("-c:a", "pcm_s16le"));
                default ->
                        throw new Failure(
                                "the service asked for output format '"
                                        + name
                                        + "', which this worker cannot write (opus, m4a, aac,"
                                        + " mp3, flac, wav)");
            };
        }
    }

    /**
     * What one pass over a stem measured: loudness in LUFS (null for a silent stem), sample peak as
     * an amplitude (0 to 1), the encoded file's duration and RMS levels per window (dBFS).
     */
    record Measured(Double lufs, double peak, double durationSeconds, double[] rmsLevels) {}

    private final String ffmpeg;
    private final String ffprobe;

    Ffmpeg(String ffmpeg, String ffprobe) {
        this.ffmpeg = ffmpeg;
        this.ffprobe = ffprobe;
    }

    /** The ffmpeg this worker runs. */
    String command() {
        return ffmpeg;
    }

    /** Whether this ffmpeg has the filter {@code name} ({@code ffmpeg -filters}). */
    boolean hasFilter(String name) {
        try {
            Process p =
                    new ProcessBuilder(ffmpeg, "-hide_banner", "-filters")
                            .redirectErrorStream(true)
                            .start();
            String listed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return listed.lines().anyMatch(l -> l.trim().matches("\\S+\\s+" + name + "\\s.*"));
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Fails at start-up, with what to do, when ffmpeg or ffprobe cannot be run. */
    void check() {
        for (String tool : List.of(ffmpeg, ffprobe)) {
            try {
                Process p =
                        new ProcessBuilder(tool, "-version")
                                .redirectErrorStream(true)
                                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                                .start();
                if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new Failure(tool + " -version did not succeed");
                }
            } catch (IOException e) {
                throw new Failure(
                        tool
                                + " cannot be run ("
                                + e.getMessage()
                                + "); install ffmpeg (Debian: apt-get install ffmpeg) or name it"
                                + " with --ffmpeg/--ffprobe");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failure("interrupted");
            }
        }
    }

    /** Encodes {@code stem} to {@code audio}, draws {@code waveform}, and measures it. */
    Measured process(Path stem, Format format, Path audio, Path waveform)
            throws IOException, InterruptedException {
        Path rms = audio.resolveSibling(audio.getFileName() + ".rms.txt");
        Path log = audio.resolveSibling(audio.getFileName() + ".ffmpeg.log");
        String graph =
                "[0:a]asplit=4[enc][loud][wave][rms];"
                        + "[loud]ebur128=peak=sample,anullsink;"
                        + "[wave]aformat=channel_layouts=mono,showwavespic=s="
                        + WAVEFORM_WIDTH
                        + "x"
                        + WAVEFORM_HEIGHT
                        + ":colors=white:scale=sqrt[png];"
                        + "[rms]aformat=sample_fmts=flt:channel_layouts=mono,aresample=8000,"
                        + "asetnsamples=n=800:p=0,"
                        + "astats=metadata=1:reset=1:measure_perchannel=none:measure_overall=RMS_level,"
                        + "ametadata=mode=print:key=lavfi.astats.Overall.RMS_level:file="
                        + filterPath(rms)
                        + ",anullsink";
        List<String> command =
                new ArrayList<>(
                        List.of(
                                ffmpeg,
                                "-hide_banner",
                                "-nostats",
                                "-nostdin",
                                "-y",
                                "-i",
                                stem.toString(),
                                "-filter_complex",
                                graph,
                                "-map",
                                "[enc]",
                                "-vn"));
        command.addAll(format.encoder());
        command.add(audio.toString());
        command.addAll(
                List.of("-map", "[png]", "-frames:v", "1", "-update", "1", waveform.toString()));
        run(command, log, "ffmpeg could not process " + stem.getFileName());
        String summary = Files.readString(log, StandardCharsets.UTF_8);
        Double lufs = last(INTEGRATED, summary);
        Double peakDb = last(PEAK, summary);
        if (peakDb == null) {
            throw new Failure(
                    "ffmpeg measured no loudness for " + stem.getFileName() + ": " + tail(log, 5));
        }
        return new Measured(
                lufs == null || lufs <= SILENT_LUFS ? null : lufs,
                peakDb.isInfinite() ? 0 : Math.min(1, Math.pow(10, peakDb / 20)),
                duration(audio),
                levels(rms));
    }

    /** The duration ffprobe reads from a file's container, in seconds. */
    double duration(Path file) throws IOException, InterruptedException {
        Path log = file.resolveSibling(file.getFileName() + ".ffprobe.txt");
        run(
                List.of(
                        ffprobe,
                        "-v",
                        "error",
                        "-show_entries",
                        "format=duration",
                        "-of",
                        "default=noprint_wrappers=1:nokey=1",
                        file.toString()),
                log,
                "ffprobe could not read " + file.getFileName());
        String out = Files.readString(log, StandardCharsets.UTF_8).trim();
        try {
            return Double.parseDouble(out.lines().reduce((a, b) -> b).orElse(""));
        } catch (NumberFormatException e) {
            throw new Failure("ffprobe read no duration from " + file.getFileName() + ": " + out);
        }
    }

    /** Runs the command with its output in {@code log}; fails with its last lines. */
    static void run(List<String> command, Path log, String what)
            throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        try {
            if (p.waitFor() != 0) {
                throw new Failure(what + " (exit " + p.exitValue() + "): " + tail(log, 8));
            }
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    static double[] levels(Path rms) throws IOException {
        Matcher m = RMS.matcher(Files.readString(rms, StandardCharsets.UTF_8));
        List<Double> out = new ArrayList<>();
        while (m.find()) {
            String v = m.group(1);
            out.add(v.equals("-inf") || v.equals("nan") ? Double.NEGATIVE_INFINITY : parse(v));
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static Double last(Pattern p, String text) {
        Matcher m = p.matcher(text);
        Double found = null;
        while (m.find()) {
            found = m.group(1).equals("-inf") ? Double.NEGATIVE_INFINITY : parse(m.group(1));
        }
        return found;
    }

    private static double parse(String number) {
        return Double.parseDouble(number);
    }

    /**
     * A path inside a filter graph. The worker names these files itself, under a work directory
     * whose name it checks at start-up, so nothing in them needs escaping.
     */
    private static String filterPath(Path p) {
        String path = p.toString();
        if (!SAFE_PATH.matcher(path).matches()) {
            throw new Failure(
                    "a work file's path has characters ffmpeg's filters would misread: " + path);
        }
        return path;
    }

    /** What a path in a filter graph may hold unescaped. */
    static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9._/+-]+");

    static String tail(Path log, int lines) {
        try {
            return Tail.of(Files.readString(log, StandardCharsets.UTF_8), lines);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
