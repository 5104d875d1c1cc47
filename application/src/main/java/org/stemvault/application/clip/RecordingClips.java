package org.stemvault.application.clip;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.stemvault.application.Names;
import org.stemvault.application.Principal;
import org.stemvault.application.Transactions;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.clip.Clip;
import org.stemvault.domain.clip.ClipId;
import org.stemvault.domain.clip.Clips;
import org.stemvault.domain.label.LabelId;
import org.stemvault.domain.label.LabelKind;
import org.stemvault.domain.label.Labels;
import org.stemvault.domain.library.Catalogue;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.RecordingId;

/**
 * Clips (sections) of recordings, for members of the recording's profile and admins: a clip lies
 * within its recording ({@code 0 <= start < end <=} the recording's duration) and its song is one
 * of the same profile. A clip, song or recording of a profile the caller may not see is not found,
 * exactly like a missing one.
 */
public final class RecordingClips {

    /**
     * A clip's fields as a request gives them: for a change, a field that is not {@code given}
     * stays; {@code song_id} and {@code display_name} given as null are cleared.
     */
    public record Draft(
            boolean startGiven,
            Double start,
            boolean endGiven,
            Double end,
            boolean songGiven,
            String songId,
            boolean nameGiven,
            String displayName) {}

    private final Catalogue catalogue;
    private final Clips clips;
    private final Labels labels;
    private final Transactions transactions;
    private final Clock clock;

    public RecordingClips(
            Catalogue catalogue,
            Clips clips,
            Labels labels,
            Transactions transactions,
            Clock clock) {
        this.catalogue = catalogue;
        this.clips = clips;
        this.labels = labels;
        this.transactions = transactions;
        this.clock = clock;
    }

    public List<Clip> ofRecording(Principal principal, String recordingId) {
        return clips.ofRecording(recording(principal, recordingId).recording().id());
    }

    public Clip create(Principal principal, String recordingId, Draft draft) {
        if (!draft.startGiven() || draft.start() == null) {
            throw new Invalid("start_time_sec", "is required");
        }
        if (!draft.endGiven() || draft.end() == null) {
            throw new Invalid("end_time_sec", "is required");
        }
        return transactions.inTransaction(
                () -> {
                    Recording r = recording(principal, recordingId).recording();
                    Clip clip =
                            Clip.create(
                                    r.profile(),
                                    r.id(),
                                    song(principal, r, draft.songId()),
                                    draft.start(),
                                    draft.end(),
                                    draft.displayName(),
                                    clock.instant());
                    within(clip, r);
                    clips.create(List.of(clip));
                    return clip;
                });
    }

    /** The clip with its recording, stems and song's name. */
    public Clips.Take get(Principal principal, String clipId) {
        return clips.take(principal.viewer(), clipId(clipId)).orElseThrow(RecordingClips::noClip);
    }

    private Clip clip(Principal principal, String clipId) {
        return clips.visible(principal.viewer(), clipId(clipId))
                .orElseThrow(RecordingClips::noClip);
    }

    public Clip update(Principal principal, String clipId, Draft draft) {
        return transactions.inTransaction(
                () -> {
                    Clip clip = clip(principal, clipId);
                    Recording r =
                            catalogue
                                    .recording(principal.viewer(), clip.recording())
                                    .orElseThrow(RecordingClips::noClip)
                                    .recording();
                    if ((draft.startGiven() && draft.start() == null)
                            || (draft.endGiven() && draft.end() == null)) {
                        throw new Invalid(
                                draft.startGiven() && draft.start() == null
                                        ? "start_time_sec"
                                        : "end_time_sec",
                                "cannot be cleared");
                    }
                    Clip changed =
                            clip.with(
                                    draft.startGiven() ? draft.start() : clip.start(),
                                    draft.endGiven() ? draft.end() : clip.end(),
                                    draft.songGiven()
                                            ? song(principal, r, draft.songId())
                                            : clip.song(),
                                    draft.nameGiven() ? draft.displayName() : clip.displayName(),
                                    clock.instant());
                    within(changed, r);
                    if (!clips.update(changed)) {
                        throw noClip();
                    }
                    return changed;
                });
    }

    public void delete(Principal principal, String clipId) {
        transactions.inTransaction(
                () -> {
                    if (!clips.delete(clip(principal, clipId).id())) {
                        throw noClip();
                    }
                    return null;
                });
    }

    /** Every take of the song: each clip of it with its recording and stems, in one read. */
    public List<Clips.Take> ofSong(Principal principal, String songId) {
        LabelId song;
        try {
            song = new LabelId(UUID.fromString(songId));
        } catch (IllegalArgumentException e) {
            throw new NotFound("no such song");
        }
        return clips.ofSong(principal.viewer(), song)
                .orElseThrow(() -> new NotFound("no such song"));
    }

    /** The profile's clips, newest first, each with its recording, stems and song's name. */
    public List<Clips.Take> ofProfile(Principal principal, String profile) {
        return clips.ofProfile(principal.viewer(), Names.profile(profile))
                .orElseThrow(Names::noProfile);
    }

    private Catalogue.Located recording(Principal principal, String id) {
        RecordingId recording;
        try {
            recording = new RecordingId(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            throw Names.noRecording();
        }
        return catalogue.recording(principal.viewer(), recording).orElseThrow(Names::noRecording);
    }

    /** The song of a clip: one of the recording's profile (null: none). */
    private LabelId song(Principal principal, Recording r, String songId) {
        if (songId == null) {
            return null;
        }
        LabelId id;
        try {
            id = new LabelId(UUID.fromString(songId));
        } catch (IllegalArgumentException e) {
            throw new Invalid("song_id", "is not a song id");
        }
        return labels.visible(principal.viewer(), LabelKind.SONG, id)
                .filter(s -> s.profile().equals(r.profile()))
                .map(s -> s.id())
                .orElseThrow(
                        () -> new Invalid("song_id", "is not a song of the recording's profile"));
    }

    static void within(Clip clip, Recording r) {
        double duration = r.durationSeconds();
        if (clip.end() > duration) {
            throw new Invalid("end_time_sec", "must be within the recording (" + duration + " s)");
        }
    }

    static NotFound noClip() {
        return new NotFound("no such clip");
    }

    private static ClipId clipId(String id) {
        try {
            return new ClipId(UUID.fromString(id));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw noClip();
        }
    }
}
