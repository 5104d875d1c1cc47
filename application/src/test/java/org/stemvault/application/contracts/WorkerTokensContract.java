package org.stemvault.application.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stemvault.application.contracts.Fixtures.at;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stemvault.domain.worker.WorkerToken;
import org.stemvault.domain.worker.WorkerTokenId;

public abstract class WorkerTokensContract extends PortsContract {

    @Test
    void tokens_are_listed_newest_first_and_revoked_once() {
        WorkerToken old = WorkerToken.mint("scanner", at(0), at(1000));
        WorkerToken fresh = WorkerToken.mint("gpu", at(5), at(1000));
        tokens.create(old);
        tokens.create(fresh);
        assertEquals(List.of(fresh, old), tokens.all());
        assertEquals(old, tokens.byId(old.id()).orElseThrow());
        assertTrue(tokens.revoke(old.id(), at(10)));
        assertFalse(tokens.revoke(old.id(), at(11)), "revoking twice changes nothing");
        assertEquals(at(10), tokens.byId(old.id()).orElseThrow().revokedAt());
        assertFalse(tokens.byId(old.id()).orElseThrow().activeAt(at(12)));
        assertFalse(tokens.revoke(WorkerTokenId.random(), at(12)));
    }
}
