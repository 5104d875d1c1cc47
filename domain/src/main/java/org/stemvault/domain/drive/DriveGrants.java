package org.stemvault.domain.drive;

import java.time.Instant;
import java.util.Optional;
import org.stemvault.domain.user.UserId;

/** Members' Drive grants, one per member; a member's deletion takes theirs. */
public interface DriveGrants {

    /** Stores the member's grant, replacing an earlier one (a revoked one included). */
    void save(DriveGrant grant);

    Optional<DriveGrant> of(UserId user);

    /** Marks the grant revoked at Google; false when there is none or it was marked before. */
    boolean markRevoked(UserId user, Instant at);

    /** Forgets the grant; false when there was none. */
    boolean delete(UserId user);
}
