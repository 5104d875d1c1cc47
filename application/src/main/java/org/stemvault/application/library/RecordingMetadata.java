package org.stemvault.application.library;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.stemvault.application.Names;
import org.stemvault.application.Principal;
import org.stemvault.application.Transactions;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.label.Label;
import org.stemvault.domain.label.LabelId;
import org.stemvault.domain.label.LabelKind;
import org.stemvault.domain.label.Labels;
import org.stemvault.domain.library.Catalogue;
import org.stemvault.domain.recording.ConfigKey;
import org.stemvault.domain.recording.RecordingConfigs;
import org.stemvault.domain.recording.RecordingDetails;
import org.stemvault.domain.recording.RecordingId;
import org.stemvault.domain.recording.Recordings;

/**
 * A recording addressed by its id, for members of its profile (and admins): read it, set where and
 * when it was recorded, delete it. A recording of a profile the caller may not see is not found,
 * exactly like a missing one.
 */
public final class RecordingMetadata {

    /**
     * A change to a recording's details: a field that is not {@code given} stays as it is; one
     * given as null is cleared.
     */
    public record Change(
            boolean locationGiven, String locationId, boolean dateGiven, LocalDate dateRecorded) {}

    private final Catalogue catalogue;
    private final Labels labels;
    private final Recordings recordings;
    private final Library library;
    private final Transactions transactions;
    private final Clock clock;
    private final RecordingConfigs configs;

    public RecordingMetadata(
            Catalogue catalogue,
            Labels labels,
            Recordings recordings,
            Library library,
            Transactions transactions,
            Clock clock,
            RecordingConfigs configs) {
        this.configs = configs;
        this.catalogue = catalogue;
        this.labels = labels;
        this.recordings = recordings;
        this.library = library;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Catalogue.Located get(Principal principal, String id) {
        return catalogue.recording(principal.viewer(), id(id)).orElseThrow(Names::noRecording);
    }

    /**
     * Sets the location (one of the recording's own profile: {@code location_id} is refused
     * otherwise) and the recording date; answers the recording as it is now.
     */
    public Catalogue.Located update(Principal principal, String id, Change change) {
        return transactions.inTransaction(
                () -> {
                    Catalogue.Located found = get(principal, id);
                    RecordingDetails now = found.recording().details();
                    LabelId location = now.location() == null ? null : now.location().id();
                    if (change.locationGiven()) {
                        location =
                                change.locationId() == null
                                        ? null
                                        : location(principal, found, change.locationId());
                    }
                    LocalDate date =
                            change.dateGiven()
                                    ? RecordingDetails.date(change.dateRecorded())
                                    : now.dateRecorded();
                    if (!recordings.setDetails(
                            found.recording().id(), location, date, clock.instant())) {
                        throw Names.noRecording();
                    }
                    return get(principal, id);
                });
    }

    /** The caller's own player settings for the recording, by key (JSON text). */
    public Map<ConfigKey, String> config(Principal principal, Catalogue.Located recording) {
        return configs.of(principal.id(), recording.recording().id());
    }

    /**
     * Stores one of the caller's own player settings for the recording: a key of {@link ConfigKey},
     * a JSON value of at most {@link ConfigKey#MAX_VALUE_BYTES} bytes.
     */
    public void configure(Principal principal, String id, String key, String json) {
        ConfigKey k = ConfigKey.fromCode(key);
        if (json == null) {
            throw new Invalid("value", "is required");
        }
        if (json.getBytes(StandardCharsets.UTF_8).length > ConfigKey.MAX_VALUE_BYTES) {
            throw new Invalid(
                    "value", "must be at most " + ConfigKey.MAX_VALUE_BYTES + " bytes of JSON");
        }
        transactions.inTransaction(
                () -> {
                    Catalogue.Located found = get(principal, id);
                    configs.put(principal.id(), found.recording().id(), k, json, clock.instant());
                    return null;
                });
    }

    public void delete(Principal principal, String id) {
        Catalogue.Located found = get(principal, id);
        library.delete(principal, found.profile().value(), found.recording().outputName().value());
    }

    private LabelId location(Principal principal, Catalogue.Located found, String id) {
        LabelId wanted;
        try {
            wanted = new LabelId(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            throw new Invalid("location_id", "is not a location id");
        }
        return labels.visible(principal.viewer(), LabelKind.LOCATION, wanted)
                .filter(l -> l.profile().equals(found.recording().profile()))
                .map(Label::id)
                .orElseThrow(
                        () ->
                                new Invalid(
                                        "location_id",
                                        "is not a location of the recording's profile"));
    }

    private static RecordingId id(String id) {
        try {
            return new RecordingId(UUID.fromString(id));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw Names.noRecording();
        }
    }
}
