package org.stemvault.domain.audio;

import java.time.Instant;
import java.util.Objects;
import org.stemvault.domain.Checks;
import org.stemvault.domain.profile.ProfileId;

/**
 * A source recording as the worker found it, known by the hash of its bytes and owned by one
 * profile. {@code fileSizeBytes} is null when it is not known (a legacy import that only had the
 * hash); {@code durationSeconds} is null until something has read the audio (an upload, before its
 * processing).
 */
public record AudioFile(
        AudioFileId id,
        ProfileId profile,
        Sha256 sha256,
        String filename,
        String storageUrl,
        Long fileSizeBytes,
        Double durationSeconds,
        Instant createdAt) {

    public AudioFile {
        Checks.required("id", id);
        Checks.required("profile_id", profile);
        Checks.required("sha256", sha256);
        Checks.text("filename", filename, 1000);
        Checks.optionalText("storage_url", storageUrl, 2000);
        if (fileSizeBytes != null) {
            Checks.notNegative("file_size_bytes", fileSizeBytes);
        }
        if (durationSeconds != null) {
            Checks.positive("duration_seconds", durationSeconds);
        }
        Checks.required("created_at", createdAt);
    }

    /** True when both describe the same registration, whatever their ids and times. */
    public boolean sameContentAs(AudioFile other) {
        return profile.equals(other.profile)
                && sha256.equals(other.sha256)
                && filename.equals(other.filename)
                && Objects.equals(storageUrl, other.storageUrl)
                && Objects.equals(fileSizeBytes, other.fileSizeBytes)
                && Objects.equals(durationSeconds, other.durationSeconds);
    }
}
