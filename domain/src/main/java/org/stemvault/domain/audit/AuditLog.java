package org.stemvault.domain.audit;

import java.time.Instant;
import java.util.List;
import org.stemvault.domain.Position;

/** The append-only record of access changes. */
public interface AuditLog {

    void append(AuditEntry entry);

    /**
     * Entries newest first, filtered by profile and by user (as actor or target) when given, not
     * older than {@code since}, after the entry at {@code after} when given, at most {@code limit}.
     */
    List<AuditEntry> find(String profile, String user, Instant since, Position after, int limit);
}
