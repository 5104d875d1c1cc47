package org.stemvault.domain.label;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.profile.ProfileName;

/**
 * The songs and locations of profiles. The reads for a viewer check the viewer's right in the same
 * statement: a label of a profile the viewer may not see is not found, exactly like a missing one.
 */
public interface Labels {

    /** A label with how many clips (a song) or recordings (a location) use it. */
    record Listed(Label label, int uses) {}

    /**
     * The profile's labels of this kind by name, each with its uses; empty when the viewer may not
     * see the profile.
     */
    Optional<List<Listed>> list(Viewer viewer, ProfileName profile, LabelKind kind);

    /** The label, when it exists and the viewer may see its profile. */
    Optional<Label> visible(Viewer viewer, LabelKind kind, LabelId id);

    /** Stores a new label; {@link org.stemvault.domain.Conflict} when its name is taken. */
    void create(Label label);

    /**
     * Renames a label ({@link org.stemvault.domain.Conflict} when the name is taken); false when it
     * is gone.
     */
    boolean rename(LabelKind kind, LabelId id, String name, Instant now);

    /** How many clips (a song) or recordings (a location) use the label. */
    int uses(LabelKind kind, LabelId id);

    /** Deletes a label, unlinking what used it; false when it is gone. */
    boolean delete(LabelKind kind, LabelId id);
}
