package org.stemvault.application.label;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.stemvault.application.Names;
import org.stemvault.application.Principal;
import org.stemvault.application.Transactions;
import org.stemvault.domain.Conflict;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.label.Label;
import org.stemvault.domain.label.LabelId;
import org.stemvault.domain.label.LabelKind;
import org.stemvault.domain.label.Labels;
import org.stemvault.domain.library.Catalogue;
import org.stemvault.domain.profile.Profile;

/**
 * The songs and locations of a profile, for its members (and admins): list, add, rename, delete. A
 * song or location of a profile the caller may not see is not found, exactly like a missing one,
 * also by id. Deleting one that clips (a song) or recordings (a location) use takes {@code force},
 * which unlinks them.
 */
public final class ProfileLabels {

    /** A deleted label and how many clips or recordings it was unlinked from. */
    public record Deleted(Label label, int unlinked) {}

    private final Catalogue catalogue;
    private final Labels labels;
    private final Transactions transactions;
    private final Clock clock;

    public ProfileLabels(
            Catalogue catalogue, Labels labels, Transactions transactions, Clock clock) {
        this.catalogue = catalogue;
        this.labels = labels;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The profile's songs or locations by name, each with how many clips or recordings use it. */
    public List<Labels.Listed> list(Principal principal, String profile, LabelKind kind) {
        return labels.list(principal.viewer(), Names.profile(profile), kind)
                .orElseThrow(Names::noProfile);
    }

    /** A new song or location; {@link Conflict} when the profile has one of that name. */
    public Label create(Principal principal, String profile, LabelKind kind, String name) {
        return transactions.inTransaction(
                () -> {
                    Profile p =
                            catalogue
                                    .profile(principal.viewer(), Names.profile(profile))
                                    .orElseThrow(Names::noProfile);
                    Label label = Label.create(kind, p.id(), name, clock.instant());
                    labels.create(label);
                    return label;
                });
    }

    public Label get(Principal principal, LabelKind kind, String id) {
        return labels.visible(principal.viewer(), kind, id(kind, id))
                .orElseThrow(() -> missing(kind));
    }

    /** Renames one; {@link Conflict} when the name is another's of the profile. */
    public Label rename(Principal principal, LabelKind kind, String id, String name) {
        return transactions.inTransaction(
                () -> {
                    Label label = get(principal, kind, id);
                    Label renamed = label.renamed(name, clock.instant());
                    if (!labels.rename(kind, label.id(), renamed.name(), renamed.updatedAt())) {
                        throw missing(kind);
                    }
                    return renamed;
                });
    }

    /**
     * Deletes one. When clips or recordings use it, only with {@code force}, which unlinks them
     * (else {@link Conflict} naming how many).
     */
    public Deleted delete(Principal principal, LabelKind kind, String id, boolean force) {
        return transactions.inTransaction(
                () -> {
                    Label label = get(principal, kind, id);
                    int uses = labels.uses(kind, label.id());
                    if (uses > 0 && !force) {
                        throw new Conflict(
                                "the "
                                        + kind.noun()
                                        + " '"
                                        + label.name()
                                        + "' is used by "
                                        + uses
                                        + (kind == LabelKind.SONG ? " clip" : " recording")
                                        + (uses == 1 ? "" : "s")
                                        + "; delete it with ?force=true to unlink "
                                        + (uses == 1 ? "it" : "them"));
                    }
                    if (!labels.delete(kind, label.id())) {
                        throw missing(kind);
                    }
                    return new Deleted(label, uses);
                });
    }

    /** An id from a path that is not one is simply not found. */
    private static LabelId id(LabelKind kind, String id) {
        try {
            return new LabelId(UUID.fromString(id));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw missing(kind);
        }
    }

    static NotFound missing(LabelKind kind) {
        return new NotFound("no such " + kind.noun());
    }
}
