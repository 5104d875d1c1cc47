package org.stemvault.worker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Where a long rehearsal take has the band playing, from each stem's RMS level over short windows:
 * a stem is active above its own threshold (midway between its noise floor, the 10th percentile,
 * and its median, kept between -60 and -20 dB below its loudest window); gaps under {@link
 * #BRIDGE_SECONDS} are bridged; a section starts where every stem that plays at all is active and
 * grows over the activity of any stem that touches it; sections under {@link #MIN_SECONDS} are
 * dropped. A take in which no window has every stem active is one section, when long enough.
 */
final class Sections {

    static final double BRIDGE_SECONDS = 0.5;
    static final double MIN_SECONDS = 5.0;
    static final double FLOOR_DB = -120;

    /** One section, in seconds from the start of the take. */
    record Section(double start, double end) {
        double length() {
            return end - start;
        }
    }

    private Sections() {}

    /**
     * The sections of a take whose stems have these RMS levels (dBFS, one per window of {@code
     * windowSeconds}; {@code -Infinity} for digital silence).
     */
    static List<Section> detect(Collection<double[]> stemLevels, double windowSeconds) {
        double duration =
                stemLevels.stream().mapToInt(l -> l.length).max().orElse(0) * windowSeconds;
        List<List<Section>> active = new ArrayList<>();
        for (double[] levels : stemLevels) {
            List<Section> ranges = bridge(activeRanges(levels, windowSeconds), BRIDGE_SECONDS);
            if (!ranges.isEmpty()) {
                active.add(ranges);
            }
        }
        if (active.isEmpty()) {
            return List.of();
        }
        List<Section> islands = active.get(0);
        for (List<Section> other : active.subList(1, active.size())) {
            islands = intersect(islands, other);
        }
        if (islands.isEmpty()) {
            return duration >= MIN_SECONDS ? List.of(new Section(0, duration)) : List.of();
        }
        List<Section> any = merge(active.stream().flatMap(List::stream).toList());
        List<Section> grown = new ArrayList<>();
        for (Section island : islands) {
            grown.add(
                    any.stream()
                            .filter(r -> r.end() >= island.start() && r.start() <= island.end())
                            .findFirst()
                            .orElse(island));
        }
        return merge(grown).stream().filter(s -> s.length() >= MIN_SECONDS).toList();
    }

    /** The threshold of one stem, in dB relative to its loudest window. */
    static double threshold(double[] relative) {
        double[] sorted = relative.clone();
        Arrays.sort(sorted);
        double floor = sorted[(int) Math.floor(0.1 * (sorted.length - 1))];
        double median = sorted[(int) Math.floor(0.5 * (sorted.length - 1))];
        return Math.max(-60, Math.min(-20, (floor + median) / 2));
    }

    private static List<Section> activeRanges(double[] levels, double windowSeconds) {
        double loudest = Arrays.stream(levels).max().orElse(Double.NEGATIVE_INFINITY);
        if (levels.length == 0 || loudest <= FLOOR_DB) {
            return List.of();
        }
        double[] relative =
                Arrays.stream(levels).map(l -> Math.max(FLOOR_DB, l) - loudest).toArray();
        double threshold = threshold(relative);
        List<Section> ranges = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= relative.length; i++) {
            boolean on = i < relative.length && relative[i] > threshold;
            if (on && start < 0) {
                start = i;
            } else if (!on && start >= 0) {
                ranges.add(new Section(start * windowSeconds, i * windowSeconds));
                start = -1;
            }
        }
        return ranges;
    }

    /** Joins ranges whose gap is shorter than {@code gap} seconds (sorted input). */
    static List<Section> bridge(List<Section> ranges, double gap) {
        List<Section> out = new ArrayList<>();
        for (Section r : ranges) {
            Section last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && r.start() - last.end() < gap) {
                out.set(out.size() - 1, new Section(last.start(), Math.max(last.end(), r.end())));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    private static List<Section> merge(List<Section> ranges) {
        List<Section> sorted =
                ranges.stream().sorted(Comparator.comparingDouble(Section::start)).toList();
        return bridge(sorted, 1e-9);
    }

    private static List<Section> intersect(List<Section> a, List<Section> b) {
        List<Section> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            double start = Math.max(a.get(i).start(), b.get(j).start());
            double end = Math.min(a.get(i).end(), b.get(j).end());
            if (start < end) {
                out.add(new Section(start, end));
            }
            if (a.get(i).end() < b.get(j).end()) {
                i++;
            } else {
                j++;
            }
        }
        return out;
    }

    /**
     * The sections with each boundary moved to the nearest downbeat within {@code tolerance}
     * seconds (half a bar, when the beat grid is confident); a section that would vanish keeps its
     * boundaries.
     */
    static List<Section> snapped(List<Section> sections, double[] downbeats, double tolerance) {
        List<Section> out = new ArrayList<>();
        for (Section s : sections) {
            double start = nearest(s.start(), downbeats, tolerance);
            double end = nearest(s.end(), downbeats, tolerance);
            out.add(end > start ? new Section(start, end) : s);
        }
        return out;
    }

    private static double nearest(double at, double[] downbeats, double tolerance) {
        double best = at;
        double distance = tolerance;
        for (double d : downbeats) {
            if (Math.abs(d - at) <= distance) {
                distance = Math.abs(d - at);
                best = d;
            }
        }
        return best;
    }
}
