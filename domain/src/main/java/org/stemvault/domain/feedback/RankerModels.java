package org.stemvault.domain.feedback;

import java.util.Optional;

/** The learned rankers, versioned: the newest is the one searches use when the ranker is on. */
public interface RankerModels {

    /** Saves a new model as the newest version; answers it with its version. */
    RankerModel save(RankerModel model);

    /** The newest model, if any was trained. */
    Optional<RankerModel> newest();
}
