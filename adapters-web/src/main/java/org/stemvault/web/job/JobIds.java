package org.stemvault.web.job;

import java.util.UUID;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.job.JobId;

/**
 * A job's id as a path gives it: one that could name no job is simply not found, like an id that
 * names none. Read after the caller is checked, so who comes before what.
 */
final class JobIds {

    private JobIds() {}

    /** The id, or null when the text cannot be one. */
    static JobId parse(String value) {
        try {
            return new JobId(UUID.fromString(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    /** The id, or {@link NotFound}. */
    static JobId of(String value) {
        JobId id = parse(value);
        if (id == null) {
            throw new NotFound("no such job");
        }
        return id;
    }
}
