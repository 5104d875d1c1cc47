package org.stemvault.application.contracts;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.stemvault.domain.audio.AudioFile;
import org.stemvault.domain.audio.AudioFileId;
import org.stemvault.domain.audio.Sha256;
import org.stemvault.domain.job.Job;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.ProfileId;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.MediaFileName;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.Stem;
import org.stemvault.domain.recording.StemType;
import org.stemvault.domain.user.Session;
import org.stemvault.domain.user.Sessions;
import org.stemvault.domain.user.UserId;

/**
 * Small valid domain objects for tests; times are whole microseconds, as PostgreSQL stores them.
 */
public final class Fixtures {

    public static final Instant T0 = Instant.parse("2025-10-30T05:41:36Z");

    private Fixtures() {}

    public static Instant at(long secondsAfterT0) {
        return T0.plusSeconds(secondsAfterT0).truncatedTo(ChronoUnit.MICROS);
    }

    public static Profile profile(String name) {
        return Profile.create(new ProfileName(name), "/sources/" + name, "default", T0);
    }

    public static Sha256 hash(char c) {
        return new Sha256(String.valueOf(c).repeat(64));
    }

    public static AudioFile audioFile(ProfileId profile, Sha256 hash) {
        return new AudioFile(
                AudioFileId.random(),
                profile,
                hash,
                "take.wav",
                "file:///sources/take.wav",
                1234L,
                184.3,
                T0);
    }

    /** A job queued at {@code at} for {@code source}, to become {@code outputName} in {@code p}. */
    public static Job queuedJob(
            Profile p, AudioFileId source, String outputName, int maxAttempts, Instant at) {
        return Job.queue(
                p.id(),
                p.name(),
                source,
                new OutputName(outputName),
                "take.wav",
                "inputs/" + p.name().value() + "/" + outputName + ".wav",
                maxAttempts,
                at);
    }

    public static Stem stem(String type, Double lufs) {
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

    public static List<Stem> fourStems() {
        return List.of(
                stem("vocals", -18.2),
                stem("drums", -12.0),
                stem("bass", -14.5),
                stem("other", null));
    }

    public static Recording recording(
            ProfileId profile, String outputName, Instant createdAt, List<Stem> stems) {
        return Recording.create(
                profile,
                new OutputName(outputName),
                "Take " + outputName,
                "",
                null,
                stems,
                createdAt);
    }

    /** The user as a viewer, in a session opened now (an hour long) in {@code sessions}. */
    public static Viewer viewer(Sessions sessions, UserId user) {
        Session session = Session.open(user, Instant.now(), Duration.ofHours(1));
        sessions.open(session);
        return new Viewer(user, session.id());
    }
}
