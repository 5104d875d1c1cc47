package org.stemvault.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.stemvault.application.signin.Admission;

/**
 * {@code stemvault.auth}: the session key, where to send the browser after a login, and who may
 * sign in.
 */
@ConfigurationProperties("stemvault.auth")
record AuthSettings(
        @Nullable String jwtSecret,
        String frontendUrl,
        String admission,
        @Nullable List<String> allowedEmails,
        @Nullable List<String> allowedDomains,
        @Nullable List<String> adminEmails) {

    AuthSettings {
        mode(admission);
    }

    Admission toAdmission() {
        return new Admission(
                mode(admission), set(allowedEmails), set(allowedDomains), set(adminEmails));
    }

    private static Admission.Mode mode(String value) {
        try {
            return Admission.Mode.valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new StartupFailure(
                    "STEMVAULT_ADMISSION must be open, allowlist or members-only, not '"
                            + value
                            + "'");
        }
    }

    private static Set<String> set(List<String> values) {
        return values == null ? Set.of() : Set.copyOf(values);
    }
}
