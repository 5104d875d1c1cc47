package org.stemvault.domain.mix;

import java.util.List;
import java.util.Locale;
import org.stemvault.domain.Checks;
import org.stemvault.domain.Invalid;

/**
 * Everything a mix is rendered from, resolved: the stems heard (each by its stored file and size,
 * with its gain in dB; a muted stem is not in the list), the section ({@code start}/{@code end} in
 * seconds of the take, both null for the whole take), the tempo factor (pitch kept), the
 * transposition in semitones (tempo kept), the format and the loudness target in LUFS (null: left
 * as mixed). A {@code bundle} renders each stem to a file of its own (at its gain, with the same
 * section, tempo and transposition) in one zip instead of mixing them; it has no loudness target.
 * Two equal specs of one recording make the same file, so {@link #canonical()} names it.
 */
public record MixSpec(
        List<Part> stems,
        Double start,
        Double end,
        double tempo,
        int semitones,
        MixFormat format,
        Double loudnessLufs,
        boolean bundle) {

    public static final double SLOWEST = 0.5;
    public static final double FASTEST = 1.5;
    public static final int MOST_SEMITONES = 12;
    public static final double QUIETEST_TARGET = -40;
    public static final double LOUDEST_TARGET = -5;
    public static final double LOWEST_GAIN_DB = -60;
    public static final double HIGHEST_GAIN_DB = 24;

    /** One stem in the mix: its name, its file in the recording's folder, its size, its gain. */
    public record Part(String stem, String file, long sizeBytes, double gainDb) {
        public Part {
            Checks.text("stem", stem, 40);
            Checks.text("file", file, 255);
            Checks.notNegative("size_bytes", sizeBytes);
            gain(stem, gainDb);
        }
    }

    /** A mix (not a bundle). */
    public MixSpec(
            List<Part> stems,
            Double start,
            Double end,
            double tempo,
            int semitones,
            MixFormat format,
            Double loudnessLufs) {
        this(stems, start, end, tempo, semitones, format, loudnessLufs, false);
    }

    public MixSpec {
        stems = List.copyOf(Checks.required("stems", stems));
        if (bundle && loudnessLufs != null) {
            throw new Invalid("loudness", "a bundle keeps each stem at its own level");
        }
        if (stems.isEmpty()) {
            throw new Invalid("stems", "must leave at least one stem heard");
        }
        if ((start == null) != (end == null)) {
            throw new Invalid("end", "start and end are given together");
        }
        if (start != null) {
            if (!Double.isFinite(start) || start < 0) {
                throw new Invalid("start", "must be a number of seconds, not negative");
            }
            if (!Double.isFinite(end) || end <= start) {
                throw new Invalid("end", "must be after start");
            }
        }
        if (!Double.isFinite(tempo) || tempo < SLOWEST || tempo > FASTEST) {
            throw new Invalid("tempo", "must be from " + SLOWEST + " to " + FASTEST);
        }
        if (semitones < -MOST_SEMITONES || semitones > MOST_SEMITONES) {
            throw new Invalid(
                    "semitones", "must be from -" + MOST_SEMITONES + " to " + MOST_SEMITONES);
        }
        Checks.required("format", format);
        if (loudnessLufs != null
                && (!Double.isFinite(loudnessLufs)
                        || loudnessLufs < QUIETEST_TARGET
                        || loudnessLufs > LOUDEST_TARGET)) {
            throw new Invalid(
                    "loudness",
                    "must be a target from " + QUIETEST_TARGET + " to " + LOUDEST_TARGET + " LUFS");
        }
    }

    /** Checks a stem's gain in dB. */
    public static double gain(String stem, double gainDb) {
        if (!Double.isFinite(gainDb) || gainDb < LOWEST_GAIN_DB || gainDb > HIGHEST_GAIN_DB) {
            throw new Invalid(
                    "stems." + stem + ".gain_db",
                    "must be from " + LOWEST_GAIN_DB + " to " + HIGHEST_GAIN_DB + " dB");
        }
        return gainDb;
    }

    /** What the file is served as: the format's type, or a zip for a bundle. */
    public String contentType() {
        return bundle ? "application/zip" : format.contentType();
    }

    /** The file's extension: the format's, or {@code zip} for a bundle. */
    public String extension() {
        return bundle ? "zip" : format.code();
    }

    /** The section's length in the take, or null for the whole take. */
    public Double sectionSeconds() {
        return start == null ? null : end - start;
    }

    /**
     * One line per input and parameter, numbers rounded to what is audible (a hundredth of a dB, a
     * millisecond, a thousandth of tempo): equal for specs that render the same file.
     */
    public String canonical() {
        StringBuilder out = new StringBuilder(bundle ? "bundle-v1\n" : "mix-v1\n");
        stems.stream()
                .sorted((a, b) -> a.stem().compareTo(b.stem()))
                .forEach(
                        p ->
                                out.append(
                                        String.format(
                                                Locale.ROOT,
                                                "stem %s %s %d %.2f%n",
                                                p.stem(),
                                                p.file(),
                                                p.sizeBytes(),
                                                p.gainDb())));
        out.append(
                start == null
                        ? "section whole\n"
                        : String.format(Locale.ROOT, "section %.3f %.3f%n", start, end));
        out.append(String.format(Locale.ROOT, "tempo %.3f%n", tempo));
        out.append("semitones ").append(semitones).append('\n');
        out.append("format ").append(format.code()).append('\n');
        out.append(
                loudnessLufs == null
                        ? "loudness as-mixed\n"
                        : String.format(Locale.ROOT, "loudness %.1f%n", loudnessLufs));
        return out.toString();
    }
}
