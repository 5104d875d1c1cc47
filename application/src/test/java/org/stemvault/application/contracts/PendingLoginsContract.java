package org.stemvault.application.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.stemvault.domain.Conflict;

public abstract class PendingLoginsContract extends PortsContract {

    @Test
    void a_pending_login_can_be_taken_once() {
        Instant now = Instant.now();
        pending.remember("k1", "state-1", now.plusSeconds(600));

        assertEquals(Optional.of("state-1"), pending.take("k1", now));
        assertTrue(pending.take("k1", now).isEmpty(), "a replayed key finds nothing");
        assertTrue(pending.take("unknown", now).isEmpty());
    }

    @Test
    void an_expired_pending_login_is_refused() {
        Instant now = Instant.now();
        pending.remember("k2", "state-2", now.plusSeconds(1));
        assertTrue(pending.take("k2", now.plusSeconds(2)).isEmpty());
    }

    @Test
    void a_key_cannot_be_overwritten_while_pending() {
        Instant now = Instant.now();
        pending.remember("k3", "first", now.plusSeconds(600));
        assertThrows(Conflict.class, () -> pending.remember("k3", "second", now.plusSeconds(600)));
        assertEquals(Optional.of("first"), pending.take("k3", now));
    }
}
