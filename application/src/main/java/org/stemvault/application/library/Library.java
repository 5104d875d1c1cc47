package org.stemvault.application.library;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.stemvault.application.search.TextIndex;
import org.stemvault.application.Principal;
import org.stemvault.application.Transactions;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.Unauthenticated;
import org.stemvault.domain.library.Catalogue;
import org.stemvault.domain.library.Listing;
import org.stemvault.domain.library.Page;
import org.stemvault.domain.library.Position;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.media.MediaStore;
import org.stemvault.domain.media.StoredMedia;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.domain.recording.MediaFileName;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.Recordings;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.UserId;

/**
 * What a member may list, read, rename and delete. Every call checks, in the database and on each request,
 * that the principal is a member of the profile (admins reach every profile); a profile the principal may
 * not see is reported exactly like one that does not exist.
 */
public final class Library {

    /** The largest page a client may ask for. */
    public static final int MAX_LIMIT = 500;

    private final Profiles profiles;
    private final Catalogue catalogue;
    private final Recordings recordings;
    private final MediaStore media;
    private final Transactions transactions;
    private final Clock clock;
    private final Set<Email> adminEmails;
    private final TextIndex textIndex;

    public Library(Profiles profiles, Catalogue catalogue, Recordings recordings, MediaStore media,
                   Transactions transactions, Clock clock, Set<Email> adminEmails, TextIndex textIndex) {
        this.textIndex = textIndex;
        this.profiles = profiles;
        this.catalogue = catalogue;
        this.recordings = recordings;
        this.media = media;
        this.transactions = transactions;
        this.clock = clock;
        this.adminEmails = Set.copyOf(adminEmails);
    }

    /** The profiles the principal is a member of, by name; an admin sees every profile. */
    public List<Profile> profiles(Principal principal) {
        return principal.admin() ? profiles.all() : profiles.ofMember(principal.id());
    }

    public Profile profile(Principal principal, String profile) {
        return catalogue.profile(viewer(principal), profileName(profile)).orElseThrow(Library::noProfile);
    }

    /**
     * The profile's recordings with their stems, newest first; a page when {@code limit} is given. This is the
     * hot path: it takes the session's user id as it is, and the user's existence, admin right and membership
     * are checked in the same single read as the recordings.
     */
    public Page files(UserId user, String profile, Position after, Integer limit) {
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw new Invalid("limit", "must be from 1 to " + MAX_LIMIT);
        }
        Listing listing = catalogue.recordings(user, adminEmails, profileName(profile), after, limit);
        if (!listing.userExists()) {
            throw new Unauthenticated();
        }
        if (listing.page() == null) {
            throw noProfile();
        }
        return listing.page();
    }

    public Recording file(Principal principal, String profile, String outputName) {
        return catalogue.recording(viewer(principal), profileName(profile), outputName(outputName))
                .orElseThrow(Library::noRecording);
    }

    /** Changes the display name and/or description (null: unchanged); answers the updated recording. */
    public Recording edit(Principal principal, String profile, String outputName, String displayName,
                          String description) {
        if (displayName != null && displayName.isBlank()) {
            throw new Invalid("display_name", "must not be blank");
        }
        return transactions.inTransaction(() -> {
            Recording r = file(principal, profile, outputName);
            Recording edited = new Recording(r.id(), r.profile(), r.outputName(),
                    displayName == null ? r.displayName() : displayName,
                    description == null ? r.description() : description, r.audioFile(), r.createdAt(),
                    clock.instant(), r.stems());
            Recording saved = recordings.save(edited);
            if (!saved.displayName().equals(r.displayName()) || !saved.description().equals(r.description())) {
                textIndex.textChanged(saved.id());
            }
            return saved;
        });
    }

    /** Removes the recording with its stems and embeddings. */
    public void delete(Principal principal, String profile, String outputName) {
        transactions.inTransaction(() -> {
            Profile p = profile(principal, profile);
            if (!recordings.delete(p.id(), outputName(outputName))) {
                throw noRecording();
            }
            return null;
        });
    }

    /**
     * A media file of a recording of a profile the principal may see. A name that tries to leave the
     * recording's folder is simply not found, like a missing file or a profile of someone else's.
     */
    public StoredMedia media(Principal principal, String profile, String outputName, String file) {
        Profile p = profile(principal, profile);
        MediaFileName name;
        try {
            name = new MediaFileName(file);
        } catch (Invalid e) {
            throw noMedia();
        }
        return media.find(p.name(), outputName(outputName), name).orElseThrow(Library::noMedia);
    }

    private static Viewer viewer(Principal principal) {
        return new Viewer(principal.id(), principal.admin());
    }

    private static ProfileName profileName(String value) {
        try {
            return new ProfileName(value);
        } catch (Invalid e) {
            throw noProfile();
        }
    }

    private static OutputName outputName(String value) {
        try {
            return new OutputName(value);
        } catch (Invalid e) {
            throw noRecording();
        }
    }

    private static NotFound noProfile() {
        return new NotFound("no such profile");
    }

    private static NotFound noMedia() {
        return new NotFound("no such media file");
    }

    private static NotFound noRecording() {
        return new NotFound("no such recording");
    }
}
