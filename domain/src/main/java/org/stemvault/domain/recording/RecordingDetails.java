package org.stemvault.domain.recording;

import java.time.LocalDate;
import org.stemvault.domain.Checks;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.label.LabelId;

/**
 * What members add to a recording beyond its stems: where it was recorded (a location of its
 * profile, with the location's name), when (a date), and where its processing stands, with the
 * reason when that is {@code error} (null otherwise, and when unknown).
 */
public record RecordingDetails(
        Place location, LocalDate dateRecorded, RecordingStatus status, String error) {

    /** A new recording's details: no place, no date, complete. */
    public static final RecordingDetails NONE =
            new RecordingDetails(null, null, RecordingStatus.COMPLETE);

    /**
     * The earliest and latest recording date taken: none before sound recording, none far ahead.
     */
    public static final LocalDate EARLIEST = LocalDate.of(1860, 1, 1);

    public static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

    /** A recording's location: its id and its name. */
    public record Place(LabelId id, String name) {
        public Place {
            Checks.required("location_id", id);
        }
    }

    public RecordingDetails {
        Checks.required("status", status);
        date(dateRecorded);
        error = status == RecordingStatus.ERROR ? error : null;
    }

    /** Details without a failure's reason. */
    public RecordingDetails(Place location, LocalDate dateRecorded, RecordingStatus status) {
        this(location, dateRecorded, status, null);
    }

    /** The same details with another processing status (and no failure's reason). */
    public RecordingDetails withStatus(RecordingStatus newStatus) {
        return new RecordingDetails(location, dateRecorded, newStatus, null);
    }

    /** The same details in {@code error}, for {@code reason}. */
    public RecordingDetails failed(String reason) {
        return new RecordingDetails(location, dateRecorded, RecordingStatus.ERROR, reason);
    }

    /** The same details at another location (null: none). */
    public RecordingDetails withLocation(Place newLocation) {
        return new RecordingDetails(newLocation, dateRecorded, status, error);
    }

    /** A recording date (or null), from {@link #EARLIEST} to {@link #LATEST}. */
    public static LocalDate date(LocalDate dateRecorded) {
        if (dateRecorded != null
                && (dateRecorded.isBefore(EARLIEST) || dateRecorded.isAfter(LATEST))) {
            throw new Invalid("date_recorded", "must be from " + EARLIEST + " to " + LATEST);
        }
        return dateRecorded;
    }
}
