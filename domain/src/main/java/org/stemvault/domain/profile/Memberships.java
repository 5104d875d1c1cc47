package org.stemvault.domain.profile;

import java.util.List;
import org.stemvault.domain.user.UserId;

/** Who may see which profile. */
public interface Memberships {

    /**
     * Grants access; true when it is new, false when the user was already a member (nothing
     * changes).
     */
    boolean grant(Membership membership);

    /** Takes access away; false when there was none. */
    boolean revoke(UserId user, ProfileId profile);

    /** The user's memberships, oldest grant first. */
    List<Membership> ofUser(UserId user);

    /** The profile's memberships, oldest grant first. */
    List<Membership> ofProfile(ProfileId profile);

    /** Every membership, oldest grant first. */
    List<Membership> all();
}
