package org.stemvault.domain.drive;

import java.time.Instant;
import org.stemvault.domain.Checks;
import org.stemvault.domain.profile.ProfileId;

/** One Drive file (its id and modified time) brought into a profile: imported once per profile. */
public record DriveImport(ProfileId profile, String fileId, Instant modifiedTime, String name) {

    public DriveImport {
        Checks.required("profile", profile);
        Checks.required("file_id", fileId);
        Checks.required("modified_time", modifiedTime);
        Checks.required("name", name);
    }

    /** What became of an import. */
    public enum Outcome {
        IMPORTING,
        IMPORTED,
        DUPLICATE,
        FAILED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
