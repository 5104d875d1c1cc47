package org.stemvault.application.library;

import java.util.List;
import org.stemvault.application.Principal;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.Profiles;

/** What a member may see of the profiles and their recordings. */
public final class Library {

    private final Profiles profiles;

    public Library(Profiles profiles) {
        this.profiles = profiles;
    }

    /** The profiles the principal is a member of, by name; an admin sees every profile. */
    public List<Profile> profiles(Principal principal) {
        return principal.admin() ? profiles.all() : profiles.ofMember(principal.id());
    }
}
