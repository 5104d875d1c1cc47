package org.stemvault.application.ingest;

import java.time.Clock;
import java.util.List;
import org.stemvault.application.Caller;
import org.stemvault.application.Names;
import org.stemvault.application.Principal;
import org.stemvault.application.Transactions;
import org.stemvault.application.WorkerCaller;
import org.stemvault.application.media.StemFiles;
import org.stemvault.application.recording.RegisterRecording;
import org.stemvault.domain.Conflict;
import org.stemvault.domain.Forbidden;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.audio.AudioFile;
import org.stemvault.domain.audio.AudioFileId;
import org.stemvault.domain.audio.AudioFiles;
import org.stemvault.domain.audio.Sha256;
import org.stemvault.domain.media.MediaStore;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.Recordings;
import org.stemvault.domain.recording.Stem;

/**
 * What the processing worker does: look up a source by hash, register it, and create or replace a
 * recording with all its stems. Every write is one transaction and idempotent. Workers and admins
 * only.
 */
public final class Ingest {

    private final Profiles profiles;
    private final AudioFiles audioFiles;
    private final Recordings recordings;
    private final Transactions transactions;
    private final Clock clock;
    private final RegisterRecording register;
    private final MediaStore media;

    public Ingest(
            Profiles profiles,
            AudioFiles audioFiles,
            Recordings recordings,
            Transactions transactions,
            Clock clock,
            RegisterRecording register,
            MediaStore media) {
        this.register = register;
        this.media = media;
        this.profiles = profiles;
        this.audioFiles = audioFiles;
        this.recordings = recordings;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The outcome of a write: what is stored, and whether this request created it. */
    public record Stored<T>(T value, boolean created) {}

    /** The registered source file with this hash: the duplicate check a scanner makes. */
    public AudioFile audioFile(Caller caller, Sha256 sha256) {
        mayIngest(caller);
        return audioFiles
                .bySha256(sha256)
                .orElseThrow(() -> new NotFound("no audio file with this hash"));
    }

    /**
     * Registers a source file under a profile. Created when the hash is new; unchanged when it is
     * there with the same content; a conflict when the hash belongs to another profile or was
     * registered otherwise.
     */
    public Stored<AudioFile> registerAudioFile(
            Caller caller,
            String profileName,
            Sha256 sha256,
            String filename,
            String storageUrl,
            long fileSizeBytes,
            double durationSeconds) {
        mayIngest(caller);
        return transactions.inTransaction(
                () -> {
                    Profile profile = profile(profileName);
                    AudioFile candidate =
                            new AudioFile(
                                    AudioFileId.random(),
                                    profile.id(),
                                    sha256,
                                    filename,
                                    storageUrl,
                                    fileSizeBytes,
                                    durationSeconds,
                                    clock.instant());
                    AudioFile stored = audioFiles.registerIfAbsent(candidate);
                    if (stored.id().equals(candidate.id())) {
                        return new Stored<>(stored, true);
                    }
                    if (!stored.profile().equals(profile.id())) {
                        throw new Conflict("this hash is registered to another profile");
                    }
                    if (!stored.sameContentAs(candidate)) {
                        throw new Conflict("this hash is registered already, with other details");
                    }
                    return new Stored<>(stored, false);
                });
    }

    /**
     * Creates the recording, or replaces it and all its stems, in one transaction, by the rules
     * every registration follows ({@link RegisterRecording}: stored media, names, status, text
     * index). The same request twice changes nothing the second time.
     */
    public Stored<Recording> putRecording(
            Caller caller,
            String profileName,
            OutputName outputName,
            String displayName,
            String description,
            Sha256 audio,
            List<Stem> stems) {
        mayIngest(caller);
        Profile profile = profile(profileName);
        RegisterRecording.requireFiles(
                stems,
                StemFiles.inStore(media, profile.name(), outputName),
                StemFiles.IN_THE_STORE);
        return transactions.inTransaction(
                () -> {
                    AudioFile source =
                            audioFiles
                                    .bySha256(audio)
                                    .filter(a -> a.profile().equals(profile.id()))
                                    .orElseThrow(
                                            () ->
                                                    new Invalid(
                                                            "audio_file_sha256",
                                                            "is not an audio file registered to this profile"));
                    RegisterRecording.Registered registered =
                            register.register(
                                    RegisterRecording.Take.of(profile.id(), outputName, stems)
                                            .named(displayName, description)
                                            .from(source.id()));
                    return new Stored<>(registered.recording(), registered.created());
                });
    }

    private Profile profile(String name) {
        return profiles.byName(Names.profile(name)).orElseThrow(Names::noProfile);
    }

    private static void mayIngest(Caller caller) {
        boolean allowed =
                caller instanceof WorkerCaller || (caller instanceof Principal p && p.admin());
        if (!allowed) {
            throw new Forbidden("only workers and admins may register recordings");
        }
    }
}
