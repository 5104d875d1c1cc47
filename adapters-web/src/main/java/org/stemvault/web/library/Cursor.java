package org.stemvault.web.library;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.library.Position;
import org.stemvault.domain.recording.RecordingId;

/** The opaque {@code cursor} of a files page: where the next page starts. */
final class Cursor {

    private Cursor() {
    }

    static String encode(Position position) {
        String raw = position.createdAt().getEpochSecond() + "." + position.createdAt().getNano() + "." + position.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Position decode(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\.");
            if (parts.length != 3) {
                throw new IllegalArgumentException();
            }
            return new Position(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                    new RecordingId(UUID.fromString(parts[2])));
        } catch (RuntimeException e) {
            throw new Invalid("cursor", "is not a cursor this service gave out");
        }
    }
}
