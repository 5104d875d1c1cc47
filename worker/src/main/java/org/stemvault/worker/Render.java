package org.stemvault.worker;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A take-away mix, rendered with ffmpeg: each stem heard at its gain ({@code volume}), summed
 * without normalisation ({@code amix=normalize=0}), cut to the section, its tempo changed with the
 * pitch kept and transposed with the tempo kept (the {@code rubberband} filter, one filter for
 * both; {@code atempo} and a resampling where this ffmpeg lacks it), encoded in the asked format
 * and measured (EBU R128) in the same pass. With a loudness target the mix is rendered once to a
 * float WAV, its integrated loudness measured (EBU R128, {@code ebur128}), and encoded with the one
 * gain that meets the target (a linear gain keeps the mix's dynamics, unlike single-pass {@code
 * loudnorm}); without one, in a single pass. A bundle renders each stem on its own the same way
 * (gain, section, tempo, transposition) to {@code <stem>.<format>} and stores them in one zip.
 */
final class Render {

    /** What a render asks for, as its claim gives it. */
    record Spec(
            List<Input> stems,
            Double start,
            Double end,
            double tempo,
            int semitones,
            String format,
            Double loudnessLufs,
            boolean bundle) {

        /** A mix, not a bundle. */
        Spec(
                List<Input> stems,
                Double start,
                Double end,
                double tempo,
                int semitones,
                String format,
                Double loudnessLufs) {
            this(stems, start, end, tempo, semitones, format, loudnessLufs, false);
        }

        record Input(Path file, double gainDb, String name) {
            Input(Path file, double gainDb) {
                this(file, gainDb, file.getFileName().toString().replaceFirst("\\.[^.]*$", ""));
            }
        }

        /** The spec for one of its stems alone. */
        Spec only(Input stem) {
            return new Spec(List.of(stem), start, end, tempo, semitones, format, null, false);
        }

        static Spec of(JsonNode render, List<Path> files) {
            List<Input> inputs = new ArrayList<>();
            JsonNode stems = render.path("stems");
            for (int i = 0; i < stems.size(); i++) {
                inputs.add(
                        new Input(
                                files.get(i),
                                stems.get(i).path("gain_db").asDouble(),
                                stems.get(i).path("stem").asText("stem-" + i)));
            }
            return new Spec(
                    inputs,
                    number(render, "start"),
                    number(render, "end"),
                    render.path("tempo").asDouble(1.0),
                    render.path("semitones").asInt(0),
                    render.path("format").asText("mp3"),
                    number(render, "loudness_lufs"),
                    render.path("bundle").asBoolean(false));
        }

        private static Double number(JsonNode node, String field) {
            JsonNode v = node.path(field);
            return v.isNumber() ? v.asDouble() : null;
        }
    }

    /** The rendered file's duration and integrated loudness (null when silent). */
    record Result(double durationSeconds, Double loudnessLufs) {}

    private static final Pattern INTEGRATED = Pattern.compile("\\bI:\\s+(-?[0-9.]+|-inf) LUFS");

    private final String ffmpeg;
    private final Ffmpeg tools;

    private final boolean rubberband;

    /** A render with {@code rubberband} when this ffmpeg has it, else {@code atempo}. */
    Render(Ffmpeg tools) {
        this(tools, tools.hasFilter("rubberband"));
    }

    Render(Ffmpeg tools, boolean rubberband) {
        this.ffmpeg = tools.command();
        this.tools = tools;
        this.rubberband = rubberband;
    }

    /**
     * The filters that change the tempo by {@code tempo} keeping the pitch and the pitch by the
     * factor {@code pitch} keeping the tempo: one {@code rubberband}, or where this ffmpeg lacks it
     * {@code atempo} (WSOLA) for the tempo, and for the pitch a resampling that plays the audio
     * {@code pitch} times faster ({@code asetrate}) with {@code atempo} slowing it back.
     */
    static String stretch(double tempo, double pitch, boolean rubberband) {
        if (rubberband) {
            return String.format(
                    Locale.ROOT, ",rubberband=tempo=%.6f:pitch=%.6f:pitchq=quality", tempo, pitch);
        }
        StringBuilder f = new StringBuilder();
        if (pitch != 1.0) {
            f.append(
                    String.format(
                            Locale.ROOT,
                            ",aresample=48000,asetrate=%.3f,aresample=48000",
                            48000 * pitch));
        }
        double atempo = tempo / pitch; // 0.25 to 3 for the allowed ranges: atempo takes 0.5 to 100
        while (atempo < 0.5) {
            f.append(",atempo=0.5");
            atempo /= 0.5;
        }
        if (atempo != 1.0) {
            f.append(String.format(Locale.ROOT, ",atempo=%.6f", atempo));
        }
        return f.toString();
    }

    /**
     * Renders {@code spec} into {@code out}; what the result measured. The loudness is measured in
     * the pass that encodes (an {@code asplit} feeds {@code ebur128} beside the encoder), so the
     * file is never decoded again for it.
     */
    Result render(Spec spec, Path out) throws IOException, InterruptedException {
        if (spec.bundle()) {
            return bundle(spec, out);
        }
        Ffmpeg.Format format = Ffmpeg.Format.of(spec.format(), "192k");
        Double loudness;
        if (spec.loudnessLufs() == null) {
            loudness = mix(spec, format.encoder(), out);
        } else {
            Path wav = out.resolveSibling("premix.wav");
            Double measured = mix(spec, List.of("-c:a", "pcm_f32le"), wav);
            double gain = measured == null ? 0 : spec.loudnessLufs() - measured;
            loudness = encode(wav, String.format(Locale.ROOT, "volume=%.3fdB", gain), format, out);
            Files.deleteIfExists(wav);
        }
        return new Result(tools.duration(out), loudness);
    }

    /** Each stem alone into {@code <stem>.<format>}, all in one zip; the longest's duration. */
    private Result bundle(Spec spec, Path out) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(out.resolveSibling("bundle"));
        double longest = 0;
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            for (Spec.Input stem : spec.stems()) {
                String name =
                        stem.name().replaceAll("[^A-Za-z0-9 _-]", "_") + "." + extension(spec);
                Path file = dir.resolve(name);
                Result one = render(spec.only(stem), file);
                longest = Math.max(longest, one.durationSeconds());
                zip.putNextEntry(new ZipEntry(name));
                Files.copy(file, zip);
                zip.closeEntry();
                Files.delete(file);
            }
        }
        return new Result(longest, null);
    }

    private static String extension(Spec spec) {
        return Ffmpeg.Format.of(spec.format(), "192k").extension();
    }

    /**
     * One pass: the stems at their gains, summed, cut, stretched and shifted, then encoded and
     * measured; the integrated loudness, or null when silent.
     */
    private Double mix(Spec spec, List<String> encoder, Path out)
            throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-nostats", "-nostdin", "-y"));
        StringBuilder graph = new StringBuilder();
        int n = spec.stems().size();
        for (int i = 0; i < n; i++) {
            if (spec.start() != null) {
                command.addAll(
                        List.of(
                                "-ss",
                                seconds(spec.start()),
                                "-t",
                                seconds(spec.end() - spec.start())));
            }
            command.addAll(List.of("-i", spec.stems().get(i).file().toString()));
            graph.append(
                    String.format(
                            Locale.ROOT,
                            "[%d:a]aformat=sample_fmts=fltp,volume=%.4fdB[s%d];",
                            i,
                            spec.stems().get(i).gainDb(),
                            i));
        }
        for (int i = 0; i < n; i++) {
            graph.append("[s").append(i).append(']');
        }
        graph.append(
                n == 1
                        ? "anull"
                        : "amix=inputs="
                                + n
                                + ":duration=longest:normalize=0:dropout_transition=0");
        if (spec.tempo() != 1.0 || spec.semitones() != 0) {
            graph.append(stretch(spec.tempo(), Math.pow(2, spec.semitones() / 12.0), rubberband));
        }
        graph.append(MEASURED);
        command.addAll(List.of("-filter_complex", graph.toString(), "-map", "[out]", "-vn"));
        command.addAll(encoder);
        command.add(out.toString());
        return integrated(run(command, out, "ffmpeg could not render the mix"));
    }

    /** The end of a graph: its last output split to the encoder ({@code [out]}) and the meter. */
    private static final String MEASURED = ",asplit=2[out][loud];[loud]ebur128,anullsink";

    /** The premix through {@code filter}, encoded and measured; its integrated loudness. */
    private Double encode(Path wav, String filter, Ffmpeg.Format format, Path out)
            throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                ffmpeg,
                                "-hide_banner",
                                "-nostats",
                                "-nostdin",
                                "-y",
                                "-i",
                                wav.toString(),
                                "-filter_complex",
                                "[0:a]" + filter + MEASURED,
                                "-map",
                                "[out]",
                                "-vn"));
        command.addAll(format.encoder());
        command.add(out.toString());
        return integrated(run(command, out, "ffmpeg could not encode the mix"));
    }

    /** The last integrated loudness an ffmpeg log reports, or null when silent. */
    private static Double integrated(Path log) throws IOException {
        var m = INTEGRATED.matcher(Files.readString(log, StandardCharsets.UTF_8));
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        Files.deleteIfExists(log);
        if (last == null || last.equals("-inf") || Double.parseDouble(last) <= -70) {
            return null;
        }
        return Double.parseDouble(last);
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.6f", s);
    }

    /** Runs the command ({@link Ffmpeg#run}) with its output in a log beside {@code out}. */
    private static Path run(List<String> command, Path out, String what)
            throws IOException, InterruptedException {
        Path log = out.resolveSibling(out.getFileName() + ".ffmpeg.log");
        Ffmpeg.run(command, log, what);
        return log;
    }
}
