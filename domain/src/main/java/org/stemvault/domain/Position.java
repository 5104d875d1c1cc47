package org.stemvault.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A place in a newest-first list (recordings, audit entries): the last item seen, by its time and
 * id. Every keyset page of the service continues after one.
 */
public record Position(Instant at, UUID id) {

    public Position {
        Checks.required("at", at);
        Checks.required("id", id);
    }
}
