package org.stemvault.postgres.clip;

import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.stemvault.domain.analysis.Analysis;
import org.stemvault.domain.clip.Clip;
import org.stemvault.domain.clip.ClipId;
import org.stemvault.domain.clip.Clips;
import org.stemvault.domain.label.LabelId;
import org.stemvault.domain.library.Catalogue;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.profile.ProfileId;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.RecordingId;
import org.stemvault.postgres.Database;
import org.stemvault.postgres.Visibility;
import org.stemvault.postgres.analysis.AnalysisRows;
import org.stemvault.postgres.recording.RecordingRows;

/** Clips in {@code clips}, each tied to its recording and song within one profile. */
@Singleton
final class PostgresClips implements Clips {

    private static final String COLUMNS =
            "c.id, c.profile_id, c.recording_id, c.song_id, c.start_seconds, c.end_seconds,"
                    + " c.display_name, c.created_at, c.updated_at";

    private static final String ORDER = " ORDER BY c.start_seconds, c.id";

    /**
     * Takes in one statement: the anchor (a song, a profile or a clip) if the viewer may see it,
     * each recording that has clips chosen by {@code filter} with those clips as arrays (in start
     * order, each with its song's name), and the recording's stems. No row: the anchor is not
     * visible.
     */
    private static String takes(String anchor, String filter) {
        return Visibility.with(
                ", anchor AS ("
                        + anchor
                        + """
                ), takes AS (
                    SELECT c.recording_id,
                           array_agg(c.id ORDER BY c.start_seconds, c.id) AS clip_ids,
                           array_agg(c.start_seconds ORDER BY c.start_seconds, c.id) AS starts,
                           array_agg(c.end_seconds ORDER BY c.start_seconds, c.id) AS ends,
                           array_agg(c.display_name ORDER BY c.start_seconds, c.id) AS names,
                           array_agg(c.created_at ORDER BY c.start_seconds, c.id) AS created,
                           array_agg(c.updated_at ORDER BY c.start_seconds, c.id) AS updated,
                           array_agg(c.song_id ORDER BY c.start_seconds, c.id) AS songs,
                           array_agg(so.name ORDER BY c.start_seconds, c.id) AS song_names
                    FROM anchor a JOIN clips c ON"""
                        + " "
                        + filter
                        + """

                    LEFT JOIN songs so ON so.id = c.song_id
                    GROUP BY c.recording_id
                )
                SELECT a.anchor AS visible_anchor, a.profile_name, t.clip_ids, t.starts, t.ends,
                       t.names, t.created, t.updated, t.songs, t.song_names, ra.tempo_bpm,
                       ra.musical_key, ra.stability, ra.window_seconds, ra.tempo_curve,
                       ra.window_keys, """
                        + RecordingRows.COLUMNS
                        + """
                FROM anchor a
                LEFT JOIN takes t ON true
                LEFT JOIN recordings r ON r.id = t.recording_id
                LEFT JOIN recording_analyses ra ON ra.recording_id = r.id
                LEFT JOIN stems s ON s.recording_id = r.id
                ORDER BY r.created_at DESC, r.id DESC, s.position
                """);
    }

    private static final String OF_SONG =
            takes(
                    "SELECT so.id AS anchor, so.profile_id, p.name AS profile_name FROM songs so"
                            + " JOIN visible p ON p.id = so.profile_id WHERE so.id = ?",
                    "c.profile_id = a.profile_id AND c.song_id = a.anchor");

    private static final String OF_PROFILE =
            takes(
                    "SELECT p.id AS anchor, p.id AS profile_id, p.name AS profile_name"
                            + " FROM visible p WHERE p.name = ?",
                    "c.profile_id = a.profile_id");

    private static final String TAKE =
            takes(
                    "SELECT c0.id AS anchor, c0.profile_id, p.name AS profile_name FROM clips c0"
                            + " JOIN visible p ON p.id = c0.profile_id WHERE c0.id = ?",
                    "c.id = a.anchor");

    private final Database db;
    private final Visibility visibility;

    PostgresClips(Database db, Visibility visibility) {
        this.db = db;
        this.visibility = visibility;
    }

    @Override
    public Optional<Clip> visible(Viewer viewer, ClipId id) {
        return db.first(
                Visibility.with(
                        " SELECT "
                                + COLUMNS
                                + " FROM clips c JOIN visible p ON p.id = c.profile_id WHERE c.id = ?"),
                ps -> ps.setObject(visibility.bind(ps, viewer), id.value()),
                PostgresClips::map);
    }

    @Override
    public List<Clip> ofRecording(RecordingId recording) {
        return db.list(
                "SELECT "
                        + COLUMNS
                        + " FROM clips c WHERE c.profile_id = (SELECT profile_id FROM recordings"
                        + " WHERE id = ?) AND c.recording_id = ?"
                        + ORDER,
                ps -> {
                    ps.setObject(1, recording.value());
                    ps.setObject(2, recording.value());
                },
                PostgresClips::map);
    }

    @Override
    public Optional<List<Take>> ofSong(Viewer viewer, LabelId song) {
        return takes(OF_SONG, viewer, (ps, i) -> ps.setObject(i, song.value()));
    }

    @Override
    public Optional<Take> take(Viewer viewer, ClipId id) {
        return takes(TAKE, viewer, (ps, i) -> ps.setObject(i, id.value()))
                .flatMap(t -> t.stream().findFirst());
    }

    @Override
    public Optional<List<Take>> ofProfile(Viewer viewer, ProfileName profile) {
        return takes(OF_PROFILE, viewer, (ps, i) -> ps.setString(i, profile.value()))
                .map(
                        t ->
                                t.stream()
                                        .sorted(
                                                Comparator.comparing(
                                                                (Take take) ->
                                                                        take.clip().createdAt())
                                                        // uuid order as PostgreSQL's: by bytes
                                                        .thenComparing(
                                                                take ->
                                                                        take.clip()
                                                                                .id()
                                                                                .value()
                                                                                .toString())
                                                        .reversed())
                                        .toList());
    }

    /** Binds the anchor's one parameter at {@code index}, after the viewer's. */
    @FunctionalInterface
    private interface Anchor {
        void bind(PreparedStatement ps, int index) throws SQLException;
    }

    /** A clip of a take with its song's name (null: no song). */
    private record Part(Clip clip, String songName, Analysis.Summary measures) {}

    private Optional<List<Take>> takes(String sql, Viewer viewer, Anchor anchor) {
        return db.read(
                c -> {
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        anchor.bind(ps, visibility.bind(ps, viewer));
                        try (ResultSet rs = ps.executeQuery()) {
                            if (!rs.next()) {
                                return Optional.empty();
                            }
                            ProfileName profile = new ProfileName(rs.getString("profile_name"));
                            List<List<Part>> clips = new ArrayList<>();
                            List<Recording> recordings =
                                    RecordingRows.fold(rs, true, row -> clips.add(clips(row)));
                            List<Take> takes = new ArrayList<>();
                            for (int i = 0; i < recordings.size(); i++) {
                                Catalogue.Located take =
                                        new Catalogue.Located(profile, recordings.get(i));
                                for (Part part : clips.get(i)) {
                                    takes.add(
                                            new Take(
                                                    part.clip(),
                                                    take,
                                                    part.songName(),
                                                    part.measures()));
                                }
                            }
                            return Optional.of(takes);
                        }
                    }
                });
    }

    @Override
    public void create(List<Clip> clips) {
        if (clips.isEmpty()) {
            return;
        }
        db.write(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "INSERT INTO clips (id, profile_id, recording_id, song_id,"
                                            + " start_seconds, end_seconds, display_name, created_at,"
                                            + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                        for (Clip clip : clips) {
                            ps.setObject(1, clip.id().value());
                            ps.setObject(2, clip.profile().value());
                            ps.setObject(3, clip.recording().value());
                            ps.setObject(
                                    4,
                                    clip.song() == null ? null : clip.song().value(),
                                    Types.OTHER);
                            ps.setDouble(5, clip.start());
                            ps.setDouble(6, clip.end());
                            ps.setString(7, clip.displayName());
                            Database.setInstant(ps, 8, clip.createdAt());
                            Database.setInstant(ps, 9, clip.updatedAt());
                            ps.addBatch();
                        }
                        ps.executeBatch();
                        return null;
                    }
                });
    }

    @Override
    public boolean update(Clip clip) {
        return db.update(
                        "UPDATE clips SET song_id = ?, start_seconds = ?, end_seconds = ?,"
                                + " display_name = ?, updated_at = ? WHERE id = ?",
                        ps -> {
                            ps.setObject(
                                    1,
                                    clip.song() == null ? null : clip.song().value(),
                                    Types.OTHER);
                            ps.setDouble(2, clip.start());
                            ps.setDouble(3, clip.end());
                            ps.setString(4, clip.displayName());
                            Database.setInstant(ps, 5, clip.updatedAt());
                            ps.setObject(6, clip.id().value());
                        })
                == 1;
    }

    @Override
    public boolean delete(ClipId id) {
        return db.update("DELETE FROM clips WHERE id = ?", ps -> ps.setObject(1, id.value())) == 1;
    }

    private static Clip map(ResultSet rs) throws SQLException {
        UUID song = Database.uuid(rs, "song_id");
        return new Clip(
                new ClipId(Database.uuid(rs, "id")),
                new ProfileId(Database.uuid(rs, "profile_id")),
                new RecordingId(Database.uuid(rs, "recording_id")),
                song == null ? null : new LabelId(song),
                rs.getDouble("start_seconds"),
                rs.getDouble("end_seconds"),
                rs.getString("display_name"),
                Database.instant(rs, "created_at"),
                Database.instant(rs, "updated_at"));
    }

    /** The clips of a take, from the arrays on the take's first row. */
    private static List<Part> clips(ResultSet rs) throws SQLException {
        UUID[] ids = (UUID[]) array(rs, "clip_ids");
        Double[] starts = (Double[]) array(rs, "starts");
        Double[] ends = (Double[]) array(rs, "ends");
        String[] names = (String[]) array(rs, "names");
        Timestamp[] created = (Timestamp[]) array(rs, "created");
        Timestamp[] updated = (Timestamp[]) array(rs, "updated");
        UUID[] songs = (UUID[]) array(rs, "songs");
        String[] songNames = (String[]) array(rs, "song_names");
        ProfileId profile = new ProfileId(Database.uuid(rs, "profile_id"));
        RecordingId recording = new RecordingId(Database.uuid(rs, "id"));
        Analysis.Summary measures = AnalysisRows.summary(rs);
        List<Part> clips = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            clips.add(
                    new Part(
                            new Clip(
                                    new ClipId(ids[i]),
                                    profile,
                                    recording,
                                    songs[i] == null ? null : new LabelId(songs[i]),
                                    starts[i],
                                    ends[i],
                                    names[i],
                                    created[i].toInstant(),
                                    updated[i].toInstant()),
                            songNames[i],
                            measures));
        }
        return clips;
    }

    private static Object array(ResultSet rs, String column) throws SQLException {
        Array a = rs.getArray(column);
        return a.getArray();
    }
}
