package org.stemvault.bootstrap;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.stemvault.application.worker.Workers;
import org.stemvault.domain.audio.AudioFile;
import org.stemvault.domain.audio.AudioFileId;
import org.stemvault.domain.audio.AudioFiles;
import org.stemvault.domain.audio.Sha256;
import org.stemvault.domain.clip.Clip;
import org.stemvault.domain.clip.Clips;
import org.stemvault.domain.label.Label;
import org.stemvault.domain.label.LabelKind;
import org.stemvault.domain.label.Labels;
import org.stemvault.domain.profile.Membership;
import org.stemvault.domain.profile.Memberships;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.domain.recording.MediaFileName;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.Recordings;
import org.stemvault.domain.recording.Stem;
import org.stemvault.domain.recording.StemType;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.Role;
import org.stemvault.domain.user.Session;
import org.stemvault.domain.user.Sessions;
import org.stemvault.domain.user.User;
import org.stemvault.domain.user.UserId;
import org.stemvault.domain.user.Users;
import org.stemvault.postgres.TestDatabase;

/**
 * The one way the end-to-end tests set up their world, through the service's own ports: an empty
 * database, people (with session tokens), profiles, grants, sources and takes. Time starts at
 * {@link #T0}.
 */
@Singleton
final class Seed {

    static final Instant T0 = Instant.parse("2025-10-30T05:41:36Z");

    private final Users users;
    private final Sessions sessions;
    private final Profiles profiles;
    private final Memberships memberships;
    private final AudioFiles audioFiles;
    private final Recordings recordings;
    private final Workers workers;
    private final Labels labels;
    private final Clips clips;

    Seed(
            Users users,
            Sessions sessions,
            Profiles profiles,
            Memberships memberships,
            AudioFiles audioFiles,
            Recordings recordings,
            Workers workers,
            Labels labels,
            Clips clips) {
        this.users = users;
        this.sessions = sessions;
        this.profiles = profiles;
        this.memberships = memberships;
        this.audioFiles = audioFiles;
        this.recordings = recordings;
        this.workers = workers;
        this.labels = labels;
        this.clips = clips;
    }

    /** A clip of the recording, of the song (or none). */
    Clip clip(Recording recording, Label song, double start, double end) {
        Clip clip =
                Clip.create(
                        recording.profile(),
                        recording.id(),
                        song == null ? null : song.id(),
                        start,
                        end,
                        null,
                        T0);
        clips.create(java.util.List.of(clip));
        return clip;
    }

    /** A song or a location of the profile. */
    Label label(Profile profile, LabelKind kind, String name) {
        Label label = Label.create(kind, profile.id(), name, T0);
        labels.create(label);
        return label;
    }

    /**
     * Every row of the tables a request could touch, as text, to compare before and after: the
     * embedding queue, which a background worker drains, is left out.
     */
    static String snapshot() throws SQLException {
        return query(SNAPSHOT_SQL);
    }

    /**
     * The rows {@link #snapshot()} reads as they are now, with the database's transaction snapshot,
     * for {@link #unchanged}.
     */
    static Mark mark() throws SQLException {
        String[] now = snapshotWithIds();
        return new Mark(now[0], now[1]);
    }

    /**
     * The rows at a time, and the transaction snapshot they were read in ({@code xmin:xmax:xip}).
     */
    static final class Mark {
        private String ids;
        private final String rows;

        private Mark(String ids, String rows) {
            this.ids = ids;
            this.rows = rows;
        }
    }

    /**
     * Whether the rows are as at {@code mark}. Cheap when nothing wrote: no transaction has had an
     * ID assigned since the mark was read with none under way (every row change takes one, so none
     * can have committed or be about to), which {@code pg_current_snapshot()} tells in one small
     * statement; otherwise the rows are read and compared.
     */
    static boolean unchanged(Mark mark) throws SQLException {
        String[] parts = mark.ids.split(":", -1);
        boolean idle = parts[0].equals(parts[1]) && parts[2].isEmpty();
        if (idle
                && query("SELECT pg_current_snapshot()::text").split(":", -1)[1].equals(parts[1])) {
            return true;
        }
        String[] now = snapshotWithIds();
        if (!now[1].equals(mark.rows)) {
            return false;
        }
        mark.ids = now[0];
        return true;
    }

    private static String[] snapshotWithIds() throws SQLException {
        String both =
                query("SELECT pg_current_snapshot()::text || E'\\n' || (" + SNAPSHOT_SQL + ")");
        int cut = both.indexOf('\n');
        return new String[] {both.substring(0, cut), both.substring(cut + 1)};
    }

    private static String query(String sql) throws SQLException {
        synchronized (Seed.class) {
            if (snapshots == null || !snapshots.isValid(2)) {
                snapshots = TestDatabase.connect();
            }
            try (Statement s = snapshots.createStatement();
                    ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** The tables {@link #snapshot()} reads, in one statement over one kept connection. */
    private static final String[] SNAPSHOT_TABLES = {
        "users",
        "sessions",
        "profiles",
        "user_profiles",
        "audio_files",
        "recordings",
        "stems",
        "embeddings",
        "jobs",
        "worker_tokens",
        "audit_log",
        "songs",
        "locations",
        "clips",
        "recording_user_configs",
        "mixes",
        "drive_grants",
        "drive_folders",
        "drive_imports",
        // not the search log: every search answered writes it, as a read of its own
        "search_feedback"
    };

    /** {@link #snapshot()}'s statement, built once. */
    private static final String SNAPSHOT_SQL = snapshotSql();

    private static String snapshotSql() {
        StringBuilder sql = new StringBuilder("SELECT concat_ws(E'\\n'");
        for (String table : SNAPSHOT_TABLES) {
            sql.append(", '")
                    .append(table)
                    .append("', (SELECT string_agg(t::text, E'\\n' ORDER BY t::text) FROM ")
                    .append(table)
                    .append(" t)");
        }
        return sql.append(")").toString();
    }

    private static Connection snapshots;

    /** Empties every table. */
    Seed reset() {
        TestDatabase.truncateAll();
        return this;
    }

    /** A person who has signed in once, named after their email's local part. */
    User user(String email) {
        return users.signedIn(new Email(email), email.substring(0, email.indexOf('@')), null, T0);
    }

    User admin(String email) {
        User user = user(email);
        users.changeRole(user.id(), Role.ADMIN);
        return users.byId(user.id()).orElseThrow();
    }

    /** A session token for the user in a new session, as a sign-in makes them. */
    String token(User user) {
        return token(user.id());
    }

    String token(UserId user) {
        Session session = Session.open(user, Instant.now(), Duration.ofHours(1));
        sessions.open(session);
        return TestSessions.token(user, session.id());
    }

    /** The bearer token of a new worker token. */
    Workers.Minted worker(String name) {
        return workers.mint(name, Duration.ofDays(1));
    }

    Profile profile(String name) {
        return profiles.create(Profile.create(new ProfileName(name), "/sources/" + name, null, T0));
    }

    void grant(User user, Profile profile) {
        memberships.grant(new Membership(user.id(), profile.id(), T0));
    }

    /** A member of the profile, with their session token. */
    String memberOf(Profile profile, String email) {
        User user = user(email);
        grant(user, profile);
        return token(user);
    }

    AudioFile source(Profile profile, String sha256) {
        return audioFiles.registerIfAbsent(
                new AudioFile(
                        AudioFileId.random(),
                        profile.id(),
                        new Sha256(sha256),
                        "take.wav",
                        null,
                        1L,
                        1.0,
                        T0));
    }

    /** A take with these stems, {@code secondsAfterT0} after {@link #T0}. */
    Recording take(
            Profile profile,
            String outputName,
            String displayName,
            String description,
            AudioFile source,
            long secondsAfterT0,
            List<Stem> stems) {
        return recordings.save(
                Recording.create(
                        profile.id(),
                        new OutputName(outputName),
                        displayName,
                        description,
                        source == null ? null : source.id(),
                        stems,
                        T0.plusSeconds(secondsAfterT0)));
    }

    Recording take(Profile profile, String outputName, long secondsAfterT0, Stem... stems) {
        return take(
                profile,
                outputName,
                "Take " + outputName,
                "",
                null,
                secondsAfterT0,
                List.of(stems));
    }

    /** A stem at {@code <type>.opus} with its waveform at {@code <type>_waveform.png}. */
    static Stem stem(String type, Double lufs) {
        return new Stem(
                new StemType(type),
                lufs,
                0.93,
                4.2,
                new MediaFileName(type + ".opus"),
                new MediaFileName(type + "_waveform.png"),
                1_234_567,
                184.3);
    }
}
