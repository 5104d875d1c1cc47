package org.stemvault.domain.audit;

import java.time.Instant;
import java.util.UUID;
import org.stemvault.domain.Checks;

/**
 * One change to who may see what: who did it ({@code actor}: an admin's email, or {@code cli}),
 * what ({@code action}, e.g. {@code grant}), to whom or what ({@code target}), in which profile,
 * when.
 */
public record AuditEntry(
        UUID id,
        Instant at,
        String actor,
        String action,
        String target,
        String profile,
        String detail) {

    public AuditEntry {
        Checks.required("id", id);
        Checks.required("at", at);
        Checks.text("actor", actor, 320);
        Checks.text("action", action, 64);
        Checks.optionalText("target", target, 500);
        Checks.optionalText("profile", profile, 100);
        Checks.optionalText("detail", detail, 2000);
    }

    public static AuditEntry of(
            Instant at, String actor, String action, String target, String profile, String detail) {
        return new AuditEntry(UUID.randomUUID(), at, actor, action, target, profile, detail);
    }
}
