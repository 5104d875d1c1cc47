package org.stemvault.application.access;

import java.time.Clock;
import org.stemvault.application.signin.Admin;
import org.stemvault.domain.audit.AuditEntry;
import org.stemvault.domain.audit.AuditLog;

/**
 * Writes the audit entry of an admin's change, in the change's own transaction: every admin use
 * case records through it.
 */
final class AuditRecord {

    private final AuditLog audit;
    private final Clock clock;

    AuditRecord(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    void write(Admin admin, String action, String target, String profile, String detail) {
        audit.append(AuditEntry.of(clock.instant(), admin.name(), action, target, profile, detail));
    }
}
