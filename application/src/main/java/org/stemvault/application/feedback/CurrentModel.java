package org.stemvault.application.feedback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.stemvault.domain.feedback.RankerModel;
import org.stemvault.domain.feedback.RankerModels;

/**
 * The newest learned ranker, read again at most every {@code ttl}: a search does not pay a read for
 * it, and a model trained on any instance is in use everywhere within {@code ttl}. Null while none
 * was trained.
 */
public final class CurrentModel {

    private final RankerModels models;
    private final Clock clock;
    private final Duration ttl;
    private volatile Held held;

    private record Held(RankerModel model, Instant until) {}

    public CurrentModel(RankerModels models, Clock clock, Duration ttl) {
        this.models = models;
        this.clock = clock;
        this.ttl = ttl;
    }

    public RankerModel get() {
        Instant now = clock.instant();
        Held current = held;
        if (current == null || !now.isBefore(current.until())) {
            current = new Held(models.newest().orElse(null), now.plus(ttl));
            held = current;
        }
        return current.model();
    }

    /** Forgets the model read, so the next search reads the newest. */
    public void refresh() {
        held = null;
    }
}
