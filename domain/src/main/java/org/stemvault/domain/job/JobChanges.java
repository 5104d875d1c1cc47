package org.stemvault.domain.job;

/** Tells, on every instance, when a job changes, whichever instance changed it. */
public interface JobChanges {

    /**
     * Calls {@code changed} (on another thread) each time the job changes, until the watch is
     * closed.
     */
    Watch watch(JobId id, Runnable changed);

    /** A registration to end. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }
}
