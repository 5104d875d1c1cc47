package org.stemvault.domain.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stemvault.domain.Invalid;

class FeelTest {

    static final MusicalKey A_MINOR = MusicalKey.parse("key", "A minor");

    @Test
    void any_lets_every_take_through_and_anything_asked_leaves_out_takes_not_analysed() {
        assertTrue(Feel.ANY.any());
        assertTrue(Feel.ANY.admits(null));
        assertFalse(new Feel(60.0, null, null).admits(null));
        assertFalse(new Feel(null, null, List.of(A_MINOR)).admits(null));
    }

    @Test
    void a_range_is_inclusive_at_both_ends_and_a_take_without_a_tempo_is_out_of_every_range() {
        Feel range = new Feel(80.0, 100.0, null);
        assertTrue(range.admits(new Measures(80.0, null, null)));
        assertTrue(range.admits(new Measures(100.0, A_MINOR, 0.9)));
        assertFalse(range.admits(new Measures(100.01, A_MINOR, 0.9)));
        assertFalse(range.admits(new Measures(null, A_MINOR, 0.9)));
        assertTrue(
                new Feel(null, null, List.of(A_MINOR)).admits(new Measures(null, A_MINOR, null)));
        assertFalse(
                new Feel(90.0, null, List.of(A_MINOR))
                        .admits(new Measures(95.0, A_MINOR.relative(), null)));
    }

    @Test
    void keys_are_one_or_the_related_six_and_refusals_name_the_prefixed_field() {
        assertNull(Feel.keys("filters.", null, null));
        assertEquals(List.of(A_MINOR), Feel.keys("", "Am", false));
        assertEquals(A_MINOR.related(), Feel.keys("", "A minor", true));
        assertEquals(6, Feel.keys("", "C", true).size());
        assertEquals(
                "filters.key_related",
                assertThrows(Invalid.class, () -> Feel.keys("filters.", null, true)).field());
        assertEquals("key", assertThrows(Invalid.class, () -> Feel.keys("", "H", null)).field());
        assertEquals(
                "bpm_max", assertThrows(Invalid.class, () -> new Feel(120.0, 90.0, null)).field());
        assertEquals(
                "bpm_min",
                assertThrows(Invalid.class, () -> new Feel(Double.NaN, null, null)).field());
    }
}
