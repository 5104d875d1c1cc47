package org.stemvault.web.paging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.Position;

/**
 * The opaque {@code cursor} of every keyset page (the files list, the audit log): where the next
 * page starts. A page that has a next one says so in the {@link #NEXT} header.
 */
public final class Cursor {

    /** The response header that carries the next page's cursor. */
    public static final String NEXT = "X-Next-Cursor";

    private Cursor() {}

    public static String encode(Position position) {
        String raw =
                position.at().getEpochSecond()
                        + "."
                        + position.at().getNano()
                        + "."
                        + position.id();
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The position a cursor names; null for none; {@link Invalid} naming {@code cursor} for
     * anything else.
     */
    public static Position decode(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String[] parts =
                    new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                            .split("\\.");
            if (parts.length != 3) {
                throw new IllegalArgumentException();
            }
            return new Position(
                    Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                    UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw new Invalid("cursor", "is not a cursor this service gave out");
        }
    }
}
