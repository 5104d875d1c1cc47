package org.stemvault.domain.job;

import java.util.Locale;

/** Where a job is: waiting, being worked on, or finished one of three ways. */
public enum JobStatus {
    QUEUED,
    PROCESSING,
    COMPLETE,
    ERROR,
    CANCELLED;

    /** Nothing more happens to a finished job unless an admin retries it. */
    public boolean finished() {
        return this == COMPLETE || this == ERROR || this == CANCELLED;
    }

    /** The name in the API and the database: lower case. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
