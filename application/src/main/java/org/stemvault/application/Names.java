package org.stemvault.application;

import org.stemvault.domain.Invalid;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.Unauthenticated;
import org.stemvault.domain.library.Catalogue;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.OutputName;

/**
 * Names that arrive in a request's path: one that could never be stored is simply not found,
 * exactly like a name that is free, so a path never tells more than a lookup would.
 */
public final class Names {

    private Names() {}

    /** The profile name, or {@link NotFound}. */
    public static ProfileName profile(String value) {
        try {
            return new ProfileName(value);
        } catch (Invalid e) {
            throw noProfile();
        }
    }

    /** The recording's output name, or {@link NotFound}. */
    public static OutputName recording(String value) {
        try {
            return new OutputName(value);
        } catch (Invalid e) {
            throw noRecording();
        }
    }

    /**
     * What a read that found nothing answers: {@code notFound} for a viewer still signed in, {@link
     * Unauthenticated} for an ended session or a deleted user (one more read, on this path only).
     */
    public static RuntimeException missing(Catalogue catalogue, Viewer viewer, NotFound notFound) {
        return catalogue.known(viewer) ? notFound : new Unauthenticated();
    }

    public static NotFound noProfile() {
        return new NotFound("no such profile");
    }

    public static NotFound noRecording() {
        return new NotFound("no such recording");
    }
}
