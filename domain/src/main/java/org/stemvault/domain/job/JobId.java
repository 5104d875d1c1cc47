package org.stemvault.domain.job;

import java.util.UUID;
import org.stemvault.domain.Checks;

/** The identity of a processing job. */
public record JobId(UUID value) {

    public JobId {
        Checks.required("job_id", value);
    }

    public static JobId random() {
        return new JobId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
