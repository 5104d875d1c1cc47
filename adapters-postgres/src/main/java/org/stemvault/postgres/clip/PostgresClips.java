package org.stemvault.postgres.clip;

import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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
import org.stemvault.postgres.recording.RecordingRows;

/** Clips in {@code clips}, each tied to its recording and song within one profile. */
@Singleton
final class PostgresClips implements Clips {

    private static final String COLUMNS =
            "c.id, c.profile_id, c.recording_id, c.song_id, c.start_seconds, c.end_seconds,"
                    + " c.display_name, c.created_at, c.updated_at";

    private static final String ORDER = " ORDER BY c.start_seconds, c.id";

    /**
     * A song's takes in one statement: the song if the viewer may see it, each recording that has
     * clips of it with those clips as arrays (in start order), and the recording's stems.
     */
    private static final String OF_SONG =
            Visibility.with(
                    """
            , song AS (
                SELECT so.id, so.profile_id, p.name AS profile_name
                FROM songs so JOIN visible p ON p.id = so.profile_id WHERE so.id = ?
            ), takes AS (
                SELECT c.recording_id,
                       array_agg(c.id ORDER BY c.start_seconds, c.id) AS clip_ids,
                       array_agg(c.start_seconds ORDER BY c.start_seconds, c.id) AS starts,
                       array_agg(c.end_seconds ORDER BY c.start_seconds, c.id) AS ends,
                       array_agg(c.display_name ORDER BY c.start_seconds, c.id) AS names,
                       array_agg(c.created_at ORDER BY c.start_seconds, c.id) AS created,
                       array_agg(c.updated_at ORDER BY c.start_seconds, c.id) AS updated
                FROM clips c JOIN song ON c.profile_id = song.profile_id AND c.song_id = song.id
                GROUP BY c.recording_id
            )
            SELECT song.id AS visible_song, song.profile_name, t.clip_ids, t.starts, t.ends, t.names,
                   t.created, t.updated, """
                            + RecordingRows.COLUMNS
                            + """
            FROM song
            LEFT JOIN takes t ON true
            LEFT JOIN recordings r ON r.id = t.recording_id
            LEFT JOIN stems s ON s.recording_id = r.id
            ORDER BY r.created_at DESC, r.id DESC, s.position
            """);

    private static final String OF_PROFILE =
            Visibility.with(
                    ", chosen AS (SELECT p.id FROM visible p WHERE p.name = ?)"
                            + " SELECT ch.id AS visible_profile, "
                            + COLUMNS
                            + " FROM chosen ch LEFT JOIN clips c ON c.profile_id = ch.id"
                            + " ORDER BY c.created_at DESC, c.id DESC");

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
        return db.read(
                c -> {
                    try (PreparedStatement ps = c.prepareStatement(OF_SONG)) {
                        ps.setObject(visibility.bind(ps, viewer), song.value());
                        try (ResultSet rs = ps.executeQuery()) {
                            if (!rs.next()) {
                                return Optional.empty();
                            }
                            ProfileName profile = new ProfileName(rs.getString("profile_name"));
                            List<List<Clip>> clips = new ArrayList<>();
                            List<Recording> recordings =
                                    RecordingRows.fold(
                                            rs, true, row -> clips.add(clips(row, song)));
                            List<Take> takes = new ArrayList<>();
                            for (int i = 0; i < recordings.size(); i++) {
                                Catalogue.Located take =
                                        new Catalogue.Located(profile, recordings.get(i));
                                for (Clip clip : clips.get(i)) {
                                    takes.add(new Take(clip, take));
                                }
                            }
                            return Optional.of(takes);
                        }
                    }
                });
    }

    @Override
    public Optional<List<Clip>> ofProfile(Viewer viewer, ProfileName profile) {
        return db.read(
                c -> {
                    try (PreparedStatement ps = c.prepareStatement(OF_PROFILE)) {
                        ps.setString(visibility.bind(ps, viewer), profile.value());
                        try (ResultSet rs = ps.executeQuery()) {
                            if (!rs.next()) {
                                return Optional.empty();
                            }
                            List<Clip> clips = new ArrayList<>();
                            do {
                                if (rs.getObject("id") != null) {
                                    clips.add(map(rs));
                                }
                            } while (rs.next());
                            return Optional.of(clips);
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

    /** The clips of a song's take, from the arrays on the take's first row. */
    private static List<Clip> clips(ResultSet rs, LabelId song) throws SQLException {
        UUID[] ids = (UUID[]) array(rs, "clip_ids");
        Double[] starts = (Double[]) array(rs, "starts");
        Double[] ends = (Double[]) array(rs, "ends");
        String[] names = (String[]) array(rs, "names");
        Timestamp[] created = (Timestamp[]) array(rs, "created");
        Timestamp[] updated = (Timestamp[]) array(rs, "updated");
        ProfileId profile = new ProfileId(Database.uuid(rs, "profile_id"));
        RecordingId recording = new RecordingId(Database.uuid(rs, "id"));
        List<Clip> clips = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            clips.add(
                    new Clip(
                            new ClipId(ids[i]),
                            profile,
                            recording,
                            song,
                            starts[i],
                            ends[i],
                            names[i],
                            created[i].toInstant(),
                            updated[i].toInstant()));
        }
        return clips;
    }

    private static Object array(ResultSet rs, String column) throws SQLException {
        Array a = rs.getArray(column);
        return a.getArray();
    }
}
