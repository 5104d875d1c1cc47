package org.stemvault.application.access;

import java.time.Instant;
import java.util.List;
import org.stemvault.application.signin.Admin;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.Position;
import org.stemvault.domain.audit.AuditEntry;
import org.stemvault.domain.audit.AuditLog;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.user.Email;

/** Admins read who changed what: the audit log, newest first. */
public final class AuditTrail {

    /** The largest page of audit entries. */
    public static final int MAX_LIMIT = 500;

    private final AuditLog audit;

    public AuditTrail(AuditLog audit) {
        this.audit = audit;
    }

    /** Audit entries newest first, filtered by profile, user and time, in pages. */
    public List<AuditEntry> entries(
            Admin admin, String profile, String user, Instant since, Position after, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new Invalid("limit", "must be from 1 to " + MAX_LIMIT);
        }
        if (profile != null) {
            try {
                new ProfileName(profile);
            } catch (Invalid e) {
                throw new Invalid("profile", e.reason());
            }
        }
        String who = user == null ? null : new Email(user).value();
        return audit.find(profile, who, since, after, limit);
    }
}
