package org.stemvault.web.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StrictPathFilterTest {

    @Test
    void percent_escapes_must_be_utf8() {
        assertTrue(StrictPathFilter.utf8("/api/profiles/the%20band/files/caf%C3%A9"));
        assertFalse(StrictPathFilter.utf8("/api/profiles/band/files/%FF"));
        assertFalse(StrictPathFilter.utf8("/api/profiles/band/files/%C0%AF"), "overlong '/'");
        assertFalse(StrictPathFilter.utf8("/api/profiles/band/files/%E2%82"), "cut short");
        assertFalse(StrictPathFilter.utf8("/api/profiles/%zz"));
    }
}
