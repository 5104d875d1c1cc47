package org.stemvault.domain.profile;

import java.time.Instant;
import org.stemvault.domain.Checks;

/** A recording source (a band, a rehearsal room): the unit that access is granted on. */
public record Profile(
        ProfileId id,
        ProfileName name,
        String sourceFolder,
        String strategyName,
        Instant createdAt) {

    public Profile {
        Checks.required("id", id);
        Checks.required("name", name);
        Checks.required("source_folder", sourceFolder);
        Checks.optionalText("source_folder", sourceFolder, 1000);
        Checks.optionalText("strategy_name", strategyName, 200);
        Checks.required("created_at", createdAt);
    }

    public static Profile create(
            ProfileName name, String sourceFolder, String strategyName, Instant now) {
        return new Profile(ProfileId.random(), name, sourceFolder, strategyName, now);
    }
}
