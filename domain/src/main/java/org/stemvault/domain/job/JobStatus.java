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

    /** The status's name in lower case ({@code queued}, …): how it is shown and stored. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobStatus fromCode(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
