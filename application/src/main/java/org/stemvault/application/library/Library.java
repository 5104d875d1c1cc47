package org.stemvault.application.library;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.stemvault.application.Names;
import org.stemvault.application.Principal;
import org.stemvault.application.Transactions;
import org.stemvault.application.search.TextIndex;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.Position;
import org.stemvault.domain.Unauthenticated;
import org.stemvault.domain.analysis.Feel;
import org.stemvault.domain.audio.AudioFiles;
import org.stemvault.domain.job.Job;
import org.stemvault.domain.job.Jobs;
import org.stemvault.domain.library.Catalogue;
import org.stemvault.domain.library.Current;
import org.stemvault.domain.library.Known;
import org.stemvault.domain.library.Listing;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.media.MediaDeletion;
import org.stemvault.domain.media.MediaDeletions;
import org.stemvault.domain.media.MediaStore;
import org.stemvault.domain.media.StoredMedia;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.MediaFileName;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.Recordings;

/**
 * What a member may list, read, rename and delete. Every call checks, in the database and on each
 * request, that the viewer may see the profile (members of it, and admins); a profile the viewer
 * may not see is reported exactly like one that does not exist.
 */
public final class Library {

    /** The largest page a client may ask for. */
    public static final int MAX_LIMIT = 500;

    private final Catalogue catalogue;
    private final Recordings recordings;
    private final MediaStore media;
    private final MediaDeletions deletions;
    private final Transactions transactions;
    private final Clock clock;
    private final TextIndex textIndex;
    private final Jobs jobs;
    private final AudioFiles audioFiles;

    public Library(
            Catalogue catalogue,
            Recordings recordings,
            MediaStore media,
            MediaDeletions deletions,
            Transactions transactions,
            Clock clock,
            TextIndex textIndex,
            Jobs jobs,
            AudioFiles audioFiles) {
        this.jobs = jobs;
        this.audioFiles = audioFiles;
        this.catalogue = catalogue;
        this.recordings = recordings;
        this.media = media;
        this.deletions = deletions;
        this.transactions = transactions;
        this.clock = clock;
        this.textIndex = textIndex;
    }

    /** The profiles the principal may see, by name: their own, or every profile for an admin. */
    public List<Profile> profiles(Principal principal) {
        return catalogue.profiles(principal.viewer());
    }

    public Profile profile(Principal principal, String profile) {
        return catalogue
                .profile(principal.viewer(), Names.profile(profile))
                .orElseThrow(Names::noProfile);
    }

    /**
     * The profile's recordings with their stems, newest first, a page when {@code limit} is given,
     * tagged with the profile's change version; when the caller holds the current version ({@code
     * known}), only that is answered, after the same checks and without reading a recording. This
     * is the hot path: the viewer comes from the session as it is, and the user's existence, admin
     * right and membership are checked in the same single read as the recordings.
     */
    public Current<Listing.Page> files(
            Viewer viewer, String profile, Position after, Integer limit, Known known) {
        return files(viewer, profile, after, limit, known, Feel.ANY);
    }

    /** As the files list, only the recordings whose analysis matches {@code feel}. */
    public Current<Listing.Page> files(
            Viewer viewer, String profile, Position after, Integer limit, Known known, Feel feel) {
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw new Invalid("limit", "must be from 1 to " + MAX_LIMIT);
        }
        Listing listing =
                catalogue.files(viewer, Names.profile(profile), after, limit, known, feel);
        if (listing instanceof Listing.Page page) {
            return new Current.Read<>(page, page.version());
        }
        if (listing instanceof Listing.Unchanged unchanged) {
            return new Current.Unchanged<>(unchanged.version());
        }
        throw listing instanceof Listing.UnknownViewer ? new Unauthenticated() : Names.noProfile();
    }

    public Recording file(Principal principal, String profile, String outputName) {
        return catalogue
                .recording(principal.viewer(), Names.profile(profile), Names.recording(outputName))
                .orElseThrow(Names::noRecording);
    }

    /**
     * One recording, tagged with its profile's change version, in one read with the viewer's
     * checks; only the version when the caller holds it ({@code known}).
     */
    public Current<Recording> file(Viewer viewer, String profile, String outputName, Known known) {
        try {
            return catalogue
                    .file(viewer, Names.profile(profile), Names.recording(outputName), known)
                    .orElseThrow(Names::noRecording);
        } catch (NotFound e) {
            throw Names.missing(catalogue, viewer, e);
        }
    }

    /**
     * Changes the display name and/or description (null: unchanged). An empty display name clears
     * it, so the recording shows its output name again; a blank one is refused. Answers the updated
     * recording.
     */
    public Recording edit(
            Principal principal,
            String profile,
            String outputName,
            String displayName,
            String description) {
        return transactions.inTransaction(
                () -> {
                    Recording r = file(principal, profile, outputName);
                    String shown =
                            displayName == null
                                    ? r.displayName()
                                    : displayName.isEmpty() ? r.outputName().value() : displayName;
                    Recording saved =
                            recordings.save(
                                    new Recording(
                                            r.id(),
                                            r.profile(),
                                            r.outputName(),
                                            shown,
                                            description == null ? r.description() : description,
                                            r.audioFile(),
                                            r.createdAt(),
                                            clock.instant(),
                                            r.stems()));
                    textIndex.saved(r, saved);
                    return saved;
                });
    }

    /** Removes the recording with its stems and embeddings. */
    /**
     * Deletes the recording with its stems and media. Its job, when it has one, goes with it: a
     * take never separated (no stems: still processing, or failed) loses its job and its source
     * too, so uploading it again starts afresh; a job separating a finished take again is
     * cancelled.
     */
    public void delete(Principal principal, String profile, String outputName) {
        transactions.inTransaction(
                () -> {
                    Profile p = profile(principal, profile);
                    OutputName name = Names.recording(outputName);
                    Recording r =
                            recordings.byOutputName(p.id(), name).orElseThrow(Names::noRecording);
                    if (!recordings.delete(p.id(), name)) {
                        throw Names.noRecording();
                    }
                    Instant now = clock.instant();
                    // Its stems and waveforms go too, after the transaction, whatever the store
                    // does.
                    deletions.request(MediaDeletion.of(p.name().value() + "/" + name.value(), now));
                    Optional<Job> job =
                            r.audioFile() == null
                                    ? Optional.empty()
                                    : jobs.ofAudioFile(r.audioFile());
                    if (job.isPresent() && r.stems().isEmpty()) {
                        audioFiles.delete(r.audioFile());
                        deletions.request(MediaDeletion.of(job.get().inputKey(), now));
                    } else if (job.isPresent() && !job.get().status().finished()) {
                        jobs.cancel(job.get().id(), now);
                    }
                    return null;
                });
    }

    /**
     * A media file of a recording of a profile the principal may see. A name that tries to leave
     * the recording's folder is simply not found, like a missing file, a deleted recording or a
     * profile of someone else's.
     */
    public StoredMedia media(Viewer viewer, String profile, String outputName, String file) {
        ProfileName p = Names.profile(profile);
        OutputName recording = Names.recording(outputName);
        MediaFileName name;
        try {
            name = new MediaFileName(file);
        } catch (Invalid e) {
            throw noMedia();
        }
        // One read: the session and user, the profile visible and the recording still there (a
        // deleted recording's files wait for the pending-deletions drain, but are never served
        // meanwhile).
        Catalogue.Access access = catalogue.mediaAccess(viewer, p, recording);
        if (access == Catalogue.Access.UNKNOWN_VIEWER) {
            throw new Unauthenticated();
        }
        if (access != Catalogue.Access.GRANTED) {
            throw noMedia();
        }
        return media.find(p, recording, name).orElseThrow(Library::noMedia);
    }

    private static NotFound noMedia() {
        return new NotFound("no such media file");
    }
}
