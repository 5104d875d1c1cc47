package org.stemvault.postgres.recording;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.stemvault.domain.analysis.Measures;
import org.stemvault.domain.analysis.MusicalKey;
import org.stemvault.domain.audio.AudioFileId;
import org.stemvault.domain.label.LabelId;
import org.stemvault.domain.profile.ProfileId;
import org.stemvault.domain.recording.MediaFileName;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.RecordingDetails;
import org.stemvault.domain.recording.RecordingId;
import org.stemvault.domain.recording.RecordingStatus;
import org.stemvault.domain.recording.Stem;
import org.stemvault.domain.recording.StemType;
import org.stemvault.postgres.Database;

/**
 * Reading recordings joined with their stems ({@code r} and {@code s}): one row per stem, folded
 * back, each recording with the summary of its analysis (kept on the row by the database).
 */
public final class RecordingRows {

    public static final String COLUMNS =
            """
            r.id, r.profile_id, r.audio_file_id, r.output_name, r.display_name, r.description,
            r.created_at, r.updated_at, r.location_id, r.date_recorded, r.status,
            (SELECT l.name FROM locations l WHERE l.id = r.location_id) AS location_name,
            CASE WHEN r.status = 'error' THEN (SELECT coalesce(j.error, j.status) FROM jobs j
                WHERE j.audio_file_id = r.audio_file_id) END AS error_message,
            s.stem_type, s.measured_lufs, s.peak_amplitude, s.stem_gain_adjustment_db, s.audio_url,
            s.waveform_url, s.file_size_bytes, s.duration_seconds, r.tempo_bpm AS measured_bpm,
            r.musical_key AS measured_key, r.stability AS measured_stability
            """;

    public static final String ORDER = " ORDER BY r.created_at DESC, r.id DESC, s.position";

    private RecordingRows() {}

    /** Folds the joined rows (one per stem, grouped by recording) into recordings. */
    public static List<Recording> fold(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return fold(rs);
        }
    }

    /**
     * Folds the rest of {@code rs}; rows without a recording (an empty outer join) are passed over.
     */
    public static List<Recording> fold(ResultSet rs) throws SQLException {
        return fold(rs, false);
    }

    /** Reads the caller's own columns of a recording's first row. */
    @FunctionalInterface
    public interface HeadVisitor {
        void visit(ResultSet rs) throws SQLException;
    }

    /**
     * Folds {@code rs}, starting at the current row when {@code onRow} (the caller has read it
     * already).
     */
    public static List<Recording> fold(ResultSet rs, boolean onRow) throws SQLException {
        return fold(rs, onRow, row -> {});
    }

    /** As {@link #fold(ResultSet, boolean)}, showing {@code visitor} each recording's first row. */
    public static List<Recording> fold(ResultSet rs, boolean onRow, HeadVisitor visitor)
            throws SQLException {
        List<Recording> recordings = new ArrayList<>();
        UUID current = null;
        ResultRow head = null;
        List<Stem> stems = new ArrayList<>();
        boolean more = onRow || rs.next();
        for (; more; more = rs.next()) {
            UUID id = Database.uuid(rs, "id");
            if (id == null) {
                continue;
            }
            if (!id.equals(current)) {
                if (head != null) {
                    recordings.add(head.with(stems));
                }
                current = id;
                head = ResultRow.read(rs);
                visitor.visit(rs);
                stems = new ArrayList<>();
            }
            if (rs.getString("stem_type") != null) {
                stems.add(stem(rs));
            }
        }
        if (head != null) {
            recordings.add(head.with(stems));
        }
        return recordings;
    }

    /**
     * Stem types and file names repeat across every recording ({@code vocals}, {@code
     * vocals.opus}…): one met before is reused as it is, its checks (run when it was written) not
     * run again. Each map stops growing at {@value #MAX_KNOWN} values.
     */
    private static final int MAX_KNOWN = 4096;

    private static final Map<String, StemType> STEM_TYPES = new ConcurrentHashMap<>();
    private static final Map<String, MusicalKey> KEYS = new ConcurrentHashMap<>();
    private static final Map<String, MediaFileName> FILE_NAMES = new ConcurrentHashMap<>();

    private static <T> T known(Map<String, T> known, String value, Function<String, T> make) {
        T found = known.get(value);
        if (found == null) {
            found = make.apply(value);
            if (known.size() < MAX_KNOWN) {
                known.put(value, found);
            }
        }
        return found;
    }

    private static Stem stem(ResultSet rs) throws SQLException {
        return new Stem(
                known(STEM_TYPES, rs.getString("stem_type"), StemType::new),
                Database.nullableDouble(rs, "measured_lufs"),
                rs.getDouble("peak_amplitude"),
                rs.getDouble("stem_gain_adjustment_db"),
                known(FILE_NAMES, rs.getString("audio_url"), MediaFileName::new),
                known(FILE_NAMES, rs.getString("waveform_url"), MediaFileName::new),
                rs.getLong("file_size_bytes"),
                rs.getDouble("duration_seconds"));
    }

    /** The recording columns of a joined row. */
    private record ResultRow(
            UUID id,
            UUID profile,
            UUID audioFile,
            String outputName,
            String displayName,
            String description,
            Instant createdAt,
            Instant updatedAt,
            RecordingDetails details,
            Measures measures) {

        static ResultRow read(ResultSet rs) throws SQLException {
            return new ResultRow(
                    Database.uuid(rs, "id"),
                    Database.uuid(rs, "profile_id"),
                    Database.uuid(rs, "audio_file_id"),
                    rs.getString("output_name"),
                    rs.getString("display_name"),
                    rs.getString("description"),
                    Database.instant(rs, "created_at"),
                    Database.instant(rs, "updated_at"),
                    RecordingRows.details(rs),
                    RecordingRows.measures(rs));
        }

        Recording with(List<Stem> stems) {
            return new Recording(
                    new RecordingId(id),
                    new ProfileId(profile),
                    new OutputName(outputName),
                    displayName,
                    description,
                    audioFile == null ? null : new AudioFileId(audioFile),
                    createdAt,
                    updatedAt,
                    stems,
                    details,
                    measures);
        }
    }

    /**
     * A row's analysis measures ({@code measured_bpm}, {@code measured_key}, {@code
     * measured_stability}), null when the recording has none.
     */
    public static Measures measures(ResultSet rs) throws SQLException {
        String key = rs.getString("measured_key");
        Double tempo = Database.nullableDouble(rs, "measured_bpm");
        Double stability = Database.nullableDouble(rs, "measured_stability");
        if (key == null && tempo == null && stability == null) {
            return null;
        }
        return new Measures(
                tempo,
                key == null ? null : known(KEYS, key, k -> MusicalKey.parse("key", k)),
                stability);
    }

    /** A recording row's place, date and status ({@code location_name} read with them). */
    public static RecordingDetails details(ResultSet rs) throws SQLException {
        UUID location = Database.uuid(rs, "location_id");
        Date date = rs.getDate("date_recorded");
        return new RecordingDetails(
                location == null
                        ? null
                        : new RecordingDetails.Place(
                                new LabelId(location), rs.getString("location_name")),
                date == null ? null : date.toLocalDate(),
                RecordingStatus.fromCode(rs.getString("status")),
                rs.getString("error_message"));
    }
}
