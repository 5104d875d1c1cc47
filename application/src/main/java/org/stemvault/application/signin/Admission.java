package org.stemvault.application.signin;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.stemvault.domain.user.Email;

/**
 * Who may sign in. {@code OPEN}: every verified email. {@code ALLOWLIST}: the listed emails and
 * everyone at the listed domains. {@code MEMBERS_ONLY}: users with at least one profile membership,
 * and admins. The listed admin emails are admins whatever their role on the user row, and are
 * always admitted.
 */
public record Admission(
        Mode mode, Set<String> allowedEmails, Set<String> allowedDomains, Set<String> adminEmails) {

    /** How sign-ins are admitted. */
    public enum Mode {
        OPEN,
        ALLOWLIST,
        MEMBERS_ONLY
    }

    public Admission {
        if (mode == null) {
            throw new IllegalArgumentException("an admission mode is required");
        }
        allowedEmails = lowered(allowedEmails);
        allowedDomains = lowered(allowedDomains);
        adminEmails = lowered(adminEmails);
    }

    private static Set<String> lowered(Set<String> values) {
        return values == null
                ? Set.of()
                : values.stream()
                        .map(v -> v.strip().toLowerCase(Locale.ROOT))
                        .filter(v -> !v.isEmpty())
                        .collect(Collectors.toUnmodifiableSet());
    }

    public boolean isBootstrapAdmin(Email email) {
        return adminEmails.contains(email.value());
    }

    /** Whether the allowlist names this email or its domain. */
    public boolean listed(Email email) {
        return allowedEmails.contains(email.value()) || allowedDomains.contains(email.domain());
    }
}
