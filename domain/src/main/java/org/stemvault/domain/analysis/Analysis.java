package org.stemvault.domain.analysis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.stemvault.domain.Checks;
import org.stemvault.domain.Invalid;

/**
 * What the analysis of a take found: its tempo in BPM and how sure of it (0 to 1), its key and how
 * sure, its stability ({@code 1 - mean(|window tempo - tempo|) / tempo}: 1 for a take that never
 * drifts), the beat grid (beats and downbeats, seconds from the start, ascending), and per window
 * of {@code windowSeconds} its tempo and key (null where none could be read), and the tool that
 * measured it. Tempo, key and stability are null when nothing could be read (silence).
 */
public record Analysis(
        Double tempoBpm,
        double tempoConfidence,
        MusicalKey key,
        double keyConfidence,
        Double stability,
        double[] beats,
        double[] downbeats,
        double windowSeconds,
        List<Double> tempoCurve,
        List<MusicalKey> windowKeys,
        String tool,
        Instant analyzedAt) {

    /** The most beats one take may have: 24 hours at 240 BPM is far more than any take. */
    public static final int MOST_BEATS = 100_000;

    public Analysis {
        if (tempoBpm != null && !(tempoBpm >= 20 && tempoBpm <= 400)) {
            throw new Invalid("tempo_bpm", "must be from 20 to 400");
        }
        share("tempo_confidence", tempoConfidence);
        share("key_confidence", keyConfidence);
        if (stability != null) {
            share("stability", stability);
        }
        beats = times("beats", beats);
        downbeats = times("downbeats", downbeats);
        if (!(windowSeconds > 0 && windowSeconds <= 600)) {
            throw new Invalid("window_seconds", "must be more than 0 and at most 600");
        }
        Checks.required("tempo_curve", tempoCurve);
        Checks.required("window_keys", windowKeys);
        if (tempoCurve.size() > MOST_BEATS || windowKeys.size() > MOST_BEATS) {
            throw new Invalid("tempo_curve", "has too many windows");
        }
        for (Double t : tempoCurve) {
            if (t != null && !(t >= 20 && t <= 400)) {
                throw new Invalid("tempo_curve", "holds a tempo outside 20 to 400 BPM");
            }
        }
        tempoCurve = Collections.unmodifiableList(new ArrayList<>(tempoCurve));
        windowKeys = Collections.unmodifiableList(new ArrayList<>(windowKeys));
        Checks.text("tool", tool, 200);
        Checks.required("analyzed_at", analyzedAt);
    }

    private static void share(String field, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new Invalid(field, "must be from 0 to 1");
        }
    }

    private static double[] times(String field, double[] values) {
        Checks.required(field, values);
        if (values.length > MOST_BEATS) {
            throw new Invalid(field, "holds more than " + MOST_BEATS + " times");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i]) || values[i] < 0 || values[i] > 86_400) {
                throw new Invalid(field, "holds a time that is not from 0 to 86400 seconds");
            }
            if (i > 0 && values[i] < values[i - 1]) {
                throw new Invalid(field, "must be in ascending order");
            }
        }
        return values.clone();
    }

    /** What lists of takes carry: the measures without the beat grid. */
    public Summary summary() {
        return new Summary(tempoBpm, key, stability, windowSeconds, tempoCurve, windowKeys);
    }

    /**
     * A take's measures without its beat grid: enough to give each clip its own tempo and key and
     * to compare takes.
     */
    public record Summary(
            Double tempoBpm,
            MusicalKey key,
            Double stability,
            double windowSeconds,
            List<Double> tempoCurve,
            List<MusicalKey> windowKeys) {

        public Summary {
            tempoCurve = Collections.unmodifiableList(new ArrayList<>(tempoCurve));
            windowKeys = Collections.unmodifiableList(new ArrayList<>(windowKeys));
        }

        /**
         * The tempo over {@code [start, end)} seconds: the mean of its windows' tempos, or the
         * take's.
         */
        public Double tempoBetween(double start, double end) {
            return windows(start, end).stream()
                    .map(tempoCurve::get)
                    .filter(Objects::nonNull)
                    .mapToDouble(Double::doubleValue)
                    .average()
                    .stream()
                    .boxed()
                    .findFirst()
                    .orElse(tempoBpm);
        }

        /** The key over {@code [start, end)}: the one most of its windows have, or the take's. */
        public MusicalKey keyBetween(double start, double end) {
            return windows(start, end).stream()
                    .map(windowKeys::get)
                    .filter(Objects::nonNull)
                    .collect(
                            Collectors.groupingBy(
                                    k -> k, LinkedHashMap::new, Collectors.counting()))
                    .entrySet()
                    .stream()
                    .max(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey)
                    .orElse(key);
        }

        private List<Integer> windows(double start, double end) {
            int first = (int) Math.floor(start / windowSeconds);
            int last = (int) Math.ceil(end / windowSeconds);
            return IntStream.range(Math.max(0, first), Math.max(first, last))
                    .filter(w -> w < tempoCurve.size() && w < windowKeys.size())
                    .boxed()
                    .toList();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Analysis a
                && java.util.Objects.equals(tempoBpm, a.tempoBpm)
                && tempoConfidence == a.tempoConfidence
                && java.util.Objects.equals(key, a.key)
                && keyConfidence == a.keyConfidence
                && java.util.Objects.equals(stability, a.stability)
                && Arrays.equals(beats, a.beats)
                && Arrays.equals(downbeats, a.downbeats)
                && windowSeconds == a.windowSeconds
                && tempoCurve.equals(a.tempoCurve)
                && windowKeys.equals(a.windowKeys)
                && tool.equals(a.tool)
                && analyzedAt.equals(a.analyzedAt);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(tempoBpm, key, Arrays.hashCode(beats), analyzedAt);
    }

    @Override
    public String toString() {
        return "Analysis[" + tempoBpm + " BPM, " + key + ", " + beats.length + " beats]";
    }
}
