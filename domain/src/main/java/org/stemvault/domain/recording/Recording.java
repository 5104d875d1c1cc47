package org.stemvault.domain.recording;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.stemvault.domain.Checks;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.analysis.Measures;
import org.stemvault.domain.audio.AudioFileId;
import org.stemvault.domain.profile.ProfileId;

/**
 * A processed recording of one profile with its stems (at most one per stem type). {@code
 * audioFile} is the source it was separated from, null when that is unknown; {@code description} is
 * never null. Its {@code details} (place, date, status) change apart from the rest: saving a
 * recording keeps the stored ones. Its {@code measures} (tempo, key, stability) are its analysis's,
 * null until it is analysed.
 */
public record Recording(
        RecordingId id,
        ProfileId profile,
        OutputName outputName,
        String displayName,
        String description,
        AudioFileId audioFile,
        Instant createdAt,
        Instant updatedAt,
        List<Stem> stems,
        RecordingDetails details,
        Measures measures) {

    /**
     * A recording as it is saved: its details and measures are kept apart (saving a recording never
     * sets them).
     */
    public Recording(
            RecordingId id,
            ProfileId profile,
            OutputName outputName,
            String displayName,
            String description,
            AudioFileId audioFile,
            Instant createdAt,
            Instant updatedAt,
            List<Stem> stems,
            RecordingDetails details) {
        this(
                id,
                profile,
                outputName,
                displayName,
                description,
                audioFile,
                createdAt,
                updatedAt,
                stems,
                details,
                null);
    }

    /**
     * A recording with no details yet (they are kept apart: saving a recording never sets them).
     */
    public Recording(
            RecordingId id,
            ProfileId profile,
            OutputName outputName,
            String displayName,
            String description,
            AudioFileId audioFile,
            Instant createdAt,
            Instant updatedAt,
            List<Stem> stems) {
        this(
                id,
                profile,
                outputName,
                displayName,
                description,
                audioFile,
                createdAt,
                updatedAt,
                stems,
                RecordingDetails.NONE);
    }

    public Recording {
        Checks.required("id", id);
        Checks.required("profile_id", profile);
        Checks.required("output_name", outputName);
        Checks.name("display_name", displayName, 500);
        description =
                description == null ? "" : Checks.optionalText("description", description, 10_000);
        Checks.required("created_at", createdAt);
        Checks.required("updated_at", updatedAt);
        stems = List.copyOf(Checks.required("stems", stems));
        details = details == null ? RecordingDetails.NONE : details;
        Set<StemType> seen = new HashSet<>();
        for (Stem stem : stems) {
            if (!seen.add(stem.type())) {
                throw new Invalid("stems", "stem_type '" + stem.type() + "' occurs more than once");
            }
        }
    }

    /** The duration of its longest stem, in seconds (0 without stems). */
    public double durationSeconds() {
        return stems.stream().mapToDouble(Stem::durationSeconds).max().orElse(0);
    }

    public Recording withDetails(RecordingDetails newDetails) {
        return new Recording(
                id,
                profile,
                outputName,
                displayName,
                description,
                audioFile,
                createdAt,
                updatedAt,
                stems,
                newDetails,
                measures);
    }

    /** A new recording; a blank display name falls back to the output name. */
    public static Recording create(
            ProfileId profile,
            OutputName outputName,
            String displayName,
            String description,
            AudioFileId audioFile,
            List<Stem> stems,
            Instant now) {
        String shown =
                displayName == null || displayName.isBlank() ? outputName.value() : displayName;
        return new Recording(
                RecordingId.random(),
                profile,
                outputName,
                shown,
                description,
                audioFile,
                now,
                now,
                stems);
    }
}
