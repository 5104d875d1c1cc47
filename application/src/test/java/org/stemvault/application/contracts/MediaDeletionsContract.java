package org.stemvault.application.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stemvault.application.contracts.Fixtures.at;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stemvault.domain.media.MediaDeletion;

public abstract class MediaDeletionsContract extends PortsContract {

    @Test
    void requests_are_claimed_oldest_first_under_a_lease_that_keeps_others_off() {
        MediaDeletion older = MediaDeletion.of("band/take-1", at(0));
        MediaDeletion newer = MediaDeletion.of("band/take-2", at(5));
        deletions.request(newer);
        deletions.request(older);
        assertEquals(List.of(older.id()), ids(deletions.claim(at(10), at(70), 1)));
        assertEquals(List.of(newer.id()), ids(deletions.claim(at(10), at(70), 5)));
        assertTrue(deletions.claim(at(20), at(80), 5).isEmpty(), "both are leased");
        assertEquals(2, ids(deletions.claim(at(71), at(130), 5)).size(), "leases run out");
    }

    @Test
    void a_done_request_is_forgotten_and_a_failed_one_waits_with_one_more_attempt() {
        MediaDeletion a = MediaDeletion.of("band/take-1", at(0));
        MediaDeletion b = MediaDeletion.of("inputs/band", at(0));
        deletions.request(a);
        deletions.request(b);
        deletions.claim(at(1), at(60), 5);
        deletions.done(a.id());
        deletions.failed(b.id(), "the store did not answer", at(100));
        List<MediaDeletion> pending = deletions.pending();
        assertEquals(1, pending.size());
        assertEquals("inputs/band", pending.get(0).folder());
        assertEquals(1, pending.get(0).attempts());
        assertTrue(deletions.claim(at(99), at(200), 5).isEmpty(), "not before its retry");
        assertEquals(List.of(b.id()), ids(deletions.claim(at(100), at(200), 5)));
    }

    @Test
    void a_withdrawn_request_is_forgotten_and_only_that_one() {
        deletions.request(MediaDeletion.of("inputs/band/take_1.wav", at(0)));
        deletions.request(MediaDeletion.of("band/take_1", at(0)));
        deletions.withdraw("inputs/band/take_1.wav");
        deletions.withdraw("inputs/band/nothing.wav");
        assertEquals(
                List.of("band/take_1"),
                deletions.pending().stream().map(MediaDeletion::folder).toList());
    }

    @Test
    void a_request_rolls_back_with_its_transaction() {
        try {
            transactions.inTransaction(
                    () -> {
                        deletions.request(MediaDeletion.of("band/take-1", at(0)));
                        throw new IllegalStateException("the change failed");
                    });
        } catch (IllegalStateException expected) {
            // the change and its request go together
        }
        assertTrue(deletions.pending().isEmpty());
    }

    static List<java.util.UUID> ids(List<MediaDeletion> deletions) {
        return deletions.stream().map(MediaDeletion::id).toList();
    }
}
