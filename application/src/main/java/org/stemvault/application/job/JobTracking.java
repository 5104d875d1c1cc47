package org.stemvault.application.job;

import org.stemvault.application.Names;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.job.Job;
import org.stemvault.domain.job.JobId;
import org.stemvault.domain.job.Jobs;
import org.stemvault.domain.library.Catalogue;
import org.stemvault.domain.library.Viewer;

/** A member follows the job of a take they uploaded: its status, stage and progress. */
public final class JobTracking {

    private final Jobs jobs;
    private final Catalogue catalogue;

    public JobTracking(Jobs jobs, Catalogue catalogue) {
        this.jobs = jobs;
        this.catalogue = catalogue;
    }

    /** A job's status for a member of its profile (or an admin); not found for anyone else. */
    public Job status(Viewer viewer, JobId id) {
        try {
            return jobs.visible(viewer, id).orElseThrow(JobRules::noJob);
        } catch (NotFound e) {
            throw Names.missing(catalogue, viewer, e);
        }
    }

    /**
     * What a path that can name no job (a malformed id) answers, as a lookup that found nothing
     * would: not found, or unauthenticated for an ended session.
     */
    public RuntimeException unknown(Viewer viewer) {
        return Names.missing(catalogue, viewer, JobRules.noJob());
    }
}
