package org.stemvault.domain.search;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.stemvault.domain.Checks;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.analysis.MusicalKey;
import org.stemvault.domain.label.LabelId;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.StemType;

/**
 * A search over recordings as a client asks for it, checked whole: by a vector (or by text, in a
 * space whose vectors come from text) in {@code space} (semantic), by words (full text), or both
 * fused (hybrid); restricted to {@code profiles} when given, and by the filters. {@code vector} and
 * {@code space} are null when not given.
 */
public record SearchQuery(
        Mode mode,
        String text,
        Vector vector,
        String space,
        Set<ProfileName> profiles,
        int limit,
        double minSimilarity,
        Filters filters) {

    /** The largest number of results asked for at once. */
    public static final int MAX_LIMIT = 100;

    /** The longest query text. */
    public static final int MAX_TEXT = 1000;

    /** How recordings are ranked. */
    public enum Mode {
        SEMANTIC,
        FULLTEXT,
        HYBRID;

        /** Whether this mode ranks by vector. */
        public boolean semantic() {
            return this != FULLTEXT;
        }

        /** Whether this mode ranks by words. */
        public boolean fulltext() {
            return this != SEMANTIC;
        }
    }

    public SearchQuery {
        Checks.required("mode", mode);
        text = text == null ? null : Checks.text("query", text, MAX_TEXT);
        if (mode.fulltext() && text == null) {
            throw new Invalid("query", "is required for " + name(mode) + " search");
        }
        if (mode.semantic()) {
            if (vector == null && (text == null || space == null)) {
                throw new Invalid(
                        "vector",
                        "is required for "
                                + name(mode)
                                + " search (or a query text, in a space whose vectors come from text)");
            }
            if (space == null) {
                throw new Invalid("space", "is required for " + name(mode) + " search");
            }
        }
        profiles = profiles == null ? null : Set.copyOf(profiles);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new Invalid("limit", "must be from 1 to " + MAX_LIMIT);
        }
        if (!(minSimilarity >= -1 && minSimilarity <= 1)) {
            throw new Invalid("min_similarity", "must be from -1 to 1");
        }
        filters = filters == null ? Filters.NONE : filters;
    }

    private static String name(Mode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Optional conditions a recording must meet, each null when not asked for: a stem of a type,
     * the longest stem's duration, a stem's loudness (of that type, when given), creation time,
     * song, location, recording date. Built from {@link #NONE} by withers. A new filter is a field
     * and a wither here, a line where requests are read, and a condition with its binding in the
     * search adapter; no existing call changes.
     */
    public record Filters(
            StemType stemType,
            Double durationMin,
            Double durationMax,
            Double lufsMin,
            Double lufsMax,
            Instant createdAfter,
            Instant createdBefore,
            LabelId song,
            LabelId location,
            LocalDate recordedFrom,
            LocalDate recordedTo,
            Double bpmMin,
            Double bpmMax,
            List<MusicalKey> keys) {

        /** No conditions: every filter is added by its wither, so a new filter edits no call. */
        public static final Filters NONE =
                new Filters(
                        null, null, null, null, null, null, null, null, null, null, null, null,
                        null, null);

        /** Only recordings with a stem of this type. */
        public Filters withStemType(StemType type) {
            return edit(f -> f.stemType = type);
        }

        /** The longest stem lasts from {@code min} to {@code max} seconds (either may be null). */
        public Filters withDuration(Double min, Double max) {
            return edit(
                    f -> {
                        f.durationMin = min;
                        f.durationMax = max;
                    });
        }

        /** A stem (of the stem type, when given) is from {@code min} to {@code max} LUFS loud. */
        public Filters withLoudness(Double min, Double max) {
            return edit(
                    f -> {
                        f.lufsMin = min;
                        f.lufsMax = max;
                    });
        }

        /** Created after {@code after} and before {@code before} (either may be null). */
        public Filters withCreated(Instant after, Instant before) {
            return edit(
                    f -> {
                        f.createdAfter = after;
                        f.createdBefore = before;
                    });
        }

        /** Only takes of this song. */
        public Filters withSong(LabelId newSong) {
            return edit(f -> f.song = newSong);
        }

        /** Only recordings made at this location. */
        public Filters withLocation(LabelId newLocation) {
            return edit(f -> f.location = newLocation);
        }

        /** Recorded from {@code from} to {@code to}, both days included (either may be null). */
        public Filters withRecorded(LocalDate from, LocalDate to) {
            return edit(
                    f -> {
                        f.recordedFrom = from;
                        f.recordedTo = to;
                    });
        }

        /** An analysed take of {@code min} to {@code max} BPM (either may be null). */
        public Filters withTempo(Double min, Double max) {
            return edit(
                    f -> {
                        f.bpmMin = min;
                        f.bpmMax = max;
                    });
        }

        /** An analysed take in one of these keys (null: any). */
        public Filters withKeys(List<MusicalKey> newKeys) {
            return edit(f -> f.keys = newKeys);
        }

        /** These filters with {@code change} made, checked again whole. */
        private Filters edit(Consumer<Draft> change) {
            Draft draft = new Draft(this);
            change.accept(draft);
            return draft.filters();
        }

        /** The filters' fields, open for one wither to change. */
        private static final class Draft {
            StemType stemType;
            Double durationMin;
            Double durationMax;
            Double lufsMin;
            Double lufsMax;
            Instant createdAfter;
            Instant createdBefore;
            LabelId song;
            LabelId location;
            LocalDate recordedFrom;
            LocalDate recordedTo;
            Double bpmMin;
            Double bpmMax;
            List<MusicalKey> keys;

            Draft(Filters f) {
                stemType = f.stemType;
                durationMin = f.durationMin;
                durationMax = f.durationMax;
                lufsMin = f.lufsMin;
                lufsMax = f.lufsMax;
                createdAfter = f.createdAfter;
                createdBefore = f.createdBefore;
                song = f.song;
                location = f.location;
                recordedFrom = f.recordedFrom;
                recordedTo = f.recordedTo;
                bpmMin = f.bpmMin;
                bpmMax = f.bpmMax;
                keys = f.keys;
            }

            Filters filters() {
                return new Filters(
                        stemType,
                        durationMin,
                        durationMax,
                        lufsMin,
                        lufsMax,
                        createdAfter,
                        createdBefore,
                        song,
                        location,
                        recordedFrom,
                        recordedTo,
                        bpmMin,
                        bpmMax,
                        keys);
            }
        }

        public Filters {
            finite("filters.duration_min", durationMin);
            finite("filters.duration_max", durationMax);
            finite("filters.lufs_min", lufsMin);
            finite("filters.lufs_max", lufsMax);
            finite("filters.bpm_min", bpmMin);
            finite("filters.bpm_max", bpmMax);
            if (bpmMin != null && bpmMax != null && bpmMax < bpmMin) {
                throw new Invalid("filters.bpm_max", "must not be below filters.bpm_min");
            }
            keys = keys == null ? null : List.copyOf(keys);
            if (recordedFrom != null && recordedTo != null && recordedTo.isBefore(recordedFrom)) {
                throw new Invalid(
                        "filters.recorded_to", "must not be before filters.recorded_from");
            }
        }

        private static void finite(String field, Double value) {
            if (value != null) {
                Checks.finite(field, value);
            }
        }
    }
}
