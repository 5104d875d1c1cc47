package org.stemvault.domain.profile;

import java.util.List;
import java.util.Optional;

/** The stored profiles, unique by name. */
public interface Profiles {

    /**
     * Stores a new profile; throws {@link org.stemvault.domain.Conflict} when the name is taken.
     */
    Profile create(Profile profile);

    Optional<Profile> byName(ProfileName name);

    Optional<Profile> byId(ProfileId id);

    /** All profiles, by name. */
    List<Profile> all();

    /** Saves name, source folder and strategy; false when there is no such profile. */
    boolean update(Profile profile);

    /** Removes a profile that has no recordings left; false when there was none. */
    boolean delete(ProfileId id);
}
