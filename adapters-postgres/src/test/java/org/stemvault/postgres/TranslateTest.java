package org.stemvault.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.stemvault.domain.Conflict;

/** What a database failure becomes on its way to a client. */
class TranslateTest {

    @Test
    void a_unique_violation_is_a_conflict_that_names_no_table_key_or_value() {
        SQLException raw =
                new SQLException(
                        "ERROR: duplicate key value violates unique constraint \"feedback_signals_pkey\"\n"
                                + "  Detail: Key (recording_id)=(022cb1e2-f1a4-49d6-a06b-81f42d45925b) already exists.",
                        "23505");
        RuntimeException translated = Database.translate(raw);
        assertInstanceOf(Conflict.class, translated);
        String said = translated.getMessage();
        for (String leak : new String[] {"duplicate", "constraint", "pkey", "022cb1e2", "Key ("}) {
            assertFalse(said.contains(leak), said);
        }
        assertEquals("the change conflicts with another made at the same time; try again", said);
    }
}
