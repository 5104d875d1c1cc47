package org.stemvault.application.legacy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.stemvault.application.Transactions;
import org.stemvault.application.media.StemFiles;
import org.stemvault.application.recording.RegisterRecording;
import org.stemvault.domain.audio.AudioFile;
import org.stemvault.domain.audio.AudioFileId;
import org.stemvault.domain.audio.AudioFiles;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.domain.recording.Recordings;
import org.stemvault.domain.recording.Stem;

/**
 * Brings a legacy stem library into the database through the normal ports: profiles first, then one
 * transaction per recording (its source-file link, the recording and all its stems). A recording
 * that is there already is left as it is, so a second run, or a run after an interruption, changes
 * nothing that a finished run wrote. A recording whose folder lacks a file one of its stems names
 * (audio or waveform) fails, as a job's completion would ({@link StemFiles}), and nothing of it is
 * written.
 */
public final class LegacyImport {

    /** Where a legacy recording's stem files must be: {@link StemFiles}'s wording. */
    static final String IN_THE_FOLDER = "in the recording's folder";

    private final Profiles profiles;
    private final AudioFiles audioFiles;
    private final Recordings recordings;
    private final Transactions transactions;
    private final Clock clock;
    private final RegisterRecording register;

    public LegacyImport(
            Profiles profiles,
            AudioFiles audioFiles,
            Recordings recordings,
            Transactions transactions,
            Clock clock,
            RegisterRecording register) {
        this.register = register;
        this.profiles = profiles;
        this.audioFiles = audioFiles;
        this.recordings = recordings;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Told about each recording as it is done, for a progress display. */
    @FunctionalInterface
    public interface Progress {
        void recordingDone(String profile, String path, Outcome outcome);
    }

    /** What became of one recording folder. */
    public enum Outcome {
        NEW,
        PRESENT,
        FAILED
    }

    /**
     * Per profile: counts, the failures with their reasons, and the recordings imported without a
     * source hash.
     */
    public record ProfileReport(
            String profile,
            int created,
            int present,
            List<String> failures,
            List<String> withoutSourceHash) {}

    /** The whole run; {@link #ok()} when nothing failed. */
    public record Report(List<ProfileReport> profiles, boolean dryRun) {

        public boolean ok() {
            return profiles.stream().allMatch(p -> p.failures().isEmpty());
        }

        public int created() {
            return profiles.stream().mapToInt(ProfileReport::created).sum();
        }
    }

    /** Counts the recordings to look at, for a progress display that knows its total. */
    public int count(LegacyTree tree) {
        return tree.profiles().stream().mapToInt(p -> tree.size(p.name())).sum();
    }

    public Report run(LegacyTree tree, boolean dryRun, Progress progress) {
        List<ProfileReport> reports = new ArrayList<>();
        for (LegacyTree.Profile legacy : tree.profiles()) {
            Optional<Profile> existing = profiles.byName(new ProfileName(legacy.name()));
            Profile profile =
                    existing.orElseGet(
                            () -> {
                                Profile fresh =
                                        Profile.create(
                                                new ProfileName(legacy.name()),
                                                legacy.sourceFolder(),
                                                legacy.strategy(),
                                                clock.instant());
                                return dryRun ? fresh : profiles.create(fresh);
                            });
            int created = 0;
            int present = 0;
            List<String> failures = new ArrayList<>();
            List<String> withoutHash = new ArrayList<>();
            for (LegacyTree.Recording r : tree.recordings(legacy.name())) {
                Outcome outcome;
                if (r.problem() != null) {
                    failures.add(r.path() + ": " + r.problem());
                    outcome = Outcome.FAILED;
                } else {
                    if (r.source() == null) {
                        withoutHash.add(r.path());
                    }
                    try {
                        RegisterRecording.requireFiles(
                                r.stems(), file -> tree.holds(r, file), IN_THE_FOLDER);
                        outcome =
                                dryRun
                                        ? Outcome.NEW
                                        : transactions.inTransaction(() -> importOne(profile, r));
                    } catch (RuntimeException e) {
                        failures.add(r.path() + ": " + e.getMessage());
                        outcome = Outcome.FAILED;
                    }
                }
                if (outcome == Outcome.NEW) {
                    created++;
                } else if (outcome == Outcome.PRESENT) {
                    present++;
                }
                progress.recordingDone(legacy.name(), r.path(), outcome);
            }
            reports.add(new ProfileReport(legacy.name(), created, present, failures, withoutHash));
        }
        return new Report(reports, dryRun);
    }

    private Outcome importOne(Profile profile, LegacyTree.Recording r) {
        if (recordings.byOutputName(profile.id(), r.outputName()).isPresent()) {
            return Outcome.PRESENT;
        }
        AudioFileId source = null;
        if (r.source() != null) {
            LegacyTree.Source s = r.source();
            double duration =
                    s.durationSeconds() != null
                            ? s.durationSeconds()
                            : r.stems().stream().mapToDouble(Stem::durationSeconds).max().orElse(1);
            AudioFile candidate =
                    new AudioFile(
                            AudioFileId.random(),
                            profile.id(),
                            s.sha256(),
                            s.filename() != null ? s.filename() : r.outputName().value(),
                            null,
                            s.sizeBytes(),
                            duration,
                            r.createdAt());
            // A hash registered already, under this profile or another, is reused as it is.
            source = audioFiles.registerIfAbsent(candidate).id();
        }
        register.register(
                RegisterRecording.Take.of(profile.id(), r.outputName(), r.stems())
                        .named(r.displayName(), null)
                        .from(source)
                        .createdAt(r.createdAt()));
        return Outcome.NEW;
    }

    /** A plain summary, one line per profile and per failure, for logs and terminals. */
    public static List<String> lines(Report report) {
        List<String> out = new ArrayList<>();
        for (ProfileReport p : report.profiles()) {
            out.add(
                    p.profile()
                            + ": "
                            + p.created()
                            + " new, "
                            + p.present()
                            + " already present, "
                            + p.failures().size()
                            + " failed"
                            + (report.dryRun() ? " (dry run: nothing written)" : ""));
            p.failures().forEach(f -> out.add("  failed: " + f));
            p.withoutSourceHash()
                    .forEach(
                            w ->
                                    out.add(
                                            "  no source hash (imported without a source-file link): "
                                                    + w));
        }
        return out;
    }
}
