package org.stemvault.application.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stemvault.application.contracts.Fixtures.at;
import static org.stemvault.application.contracts.Fixtures.fourStems;
import static org.stemvault.application.contracts.Fixtures.profile;
import static org.stemvault.application.contracts.Fixtures.recording;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.search.EmbeddingJobs;

public abstract class EmbeddingJobsContract extends PortsContract {

    @Test
    void a_job_is_claimed_under_a_lease_done_once_and_kept_when_enqueued_again_meanwhile() {
        Profile band = profiles.create(profile("band"));
        Recording take = recordings.save(recording(band.id(), "take", at(0), fourStems()));
        embeddingJobs.enqueue(take.id(), "text", at(1));
        assertEquals(1, embeddingJobs.pending());
        List<EmbeddingJobs.Job> claimed = embeddingJobs.claim(10, at(2), at(100));
        assertEquals(1, claimed.size());
        assertEquals(1, claimed.get(0).attempts());
        assertTrue(embeddingJobs.claim(10, at(3), at(100)).isEmpty(), "leased");
        embeddingJobs.enqueue(take.id(), "text", at(4));
        embeddingJobs.done(claimed.get(0));
        assertEquals(1, embeddingJobs.pending(), "changed again while it was being done: it stays");
        EmbeddingJobs.Job again = embeddingJobs.claim(10, at(5), at(100)).get(0);
        embeddingJobs.failed(again, "model down", at(50));
        assertTrue(embeddingJobs.claim(10, at(49), at(100)).isEmpty(), "not before its retry time");
        EmbeddingJobs.Job retried = embeddingJobs.claim(10, at(50), at(100)).get(0);
        embeddingJobs.done(retried);
        assertEquals(0, embeddingJobs.pending());
    }

    @Test
    void a_released_job_is_due_again_at_once_with_its_attempt_not_counted() {
        Profile band = profiles.create(profile("band"));
        Recording take = recordings.save(recording(band.id(), "take", at(0), fourStems()));
        embeddingJobs.enqueue(take.id(), "text", at(1));
        EmbeddingJobs.Job claimed = embeddingJobs.claim(10, at(2), at(100)).get(0);
        assertTrue(embeddingJobs.claim(10, at(3), at(100)).isEmpty(), "leased");
        embeddingJobs.release(claimed, at(3));
        List<EmbeddingJobs.Job> again = embeddingJobs.claim(10, at(3), at(100));
        assertEquals(1, again.size(), "due again without waiting for the lease");
        assertEquals(1, again.get(0).attempts(), "the released claim did not count");
    }
}
