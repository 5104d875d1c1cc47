package org.stemvault.web.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.Position;

class CursorTest {

    @Test
    void a_cursor_names_the_position_it_was_made_from_to_the_nanosecond() {
        Position p =
                new Position(Instant.parse("2025-10-30T05:41:36.123456789Z"), UUID.randomUUID());
        assertEquals(p, Cursor.decode(Cursor.encode(p)));
        assertNull(Cursor.decode(null));
    }

    @Test
    void anything_else_is_refused_naming_the_cursor() {
        for (String bad : new String[] {"", "%%%", "bm90IGEgY3Vyc29y", "MS4yLm5vdC1hLXV1aWQ"}) {
            assertEquals(
                    "cursor", assertThrows(Invalid.class, () -> Cursor.decode(bad)).field(), bad);
        }
    }
}
