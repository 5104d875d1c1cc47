package org.stemvault.web.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.StemType;
import org.stemvault.domain.search.SearchQuery;
import org.stemvault.domain.search.Vector;
import org.stemvault.web.json.Json;

class SearchRequestTest {

    static SearchRequest read(String json) {
        return SearchRequest.from(Json.fields(json));
    }

    static String refused(String json) {
        return assertThrows(Invalid.class, () -> read(json)).field();
    }

    @Test
    void a_whole_request_becomes_a_checked_query() {
        SearchRequest r =
                read(
                        "{\"mode\": \"Hybrid\", \"query\": \"dark groove\", \"vector\": [1, 0, 0],"
                                + " \"space\": \"audio\", \"profiles\": [\"band\"], \"limit\": 5, \"min_similarity\": 0.2,"
                                + " \"filters\": {\"stem_type\": \"drums\", \"duration_min\": 10, \"lufs_max\": -3,"
                                + " \"created_before\": \"2026-01-01T00:00:00Z\"}}");
        SearchQuery q = r.query();
        assertEquals("Hybrid", r.mode(), "the mode is echoed as the client spelled it");
        assertEquals(SearchQuery.Mode.HYBRID, q.mode());
        assertEquals(Vector.of(1, 0, 0), q.vector());
        assertEquals(Set.of(new ProfileName("band")), q.profiles());
        assertEquals(5, q.limit());
        assertEquals(new StemType("drums"), q.filters().stemType());
        assertEquals(10.0, q.filters().durationMin());
        assertNull(q.filters().lufsMin());
    }

    @Test
    void defaults_are_ten_results_and_no_threshold() {
        SearchQuery q = read("{\"mode\": \"fulltext\", \"query\": \"x\"}").query();
        assertEquals(10, q.limit());
        assertEquals(-1, q.minSimilarity());
        assertEquals(SearchQuery.Filters.NONE, q.filters());
    }

    @Test
    void each_bad_part_is_refused_naming_the_field_as_sent() {
        assertEquals("mode", refused("{\"mode\": \"psychic\", \"query\": \"x\"}"));
        assertEquals("query", refused("{\"mode\": \"fulltext\"}"));
        assertEquals(
                "vector",
                refused("{\"mode\": \"semantic\", \"space\": \"audio\", \"vector\": [0, 0]}"));
        assertEquals(
                "limit", refused("{\"mode\": \"fulltext\", \"query\": \"x\", \"limit\": 101}"));
        assertEquals(
                "profiles",
                refused("{\"mode\": \"fulltext\", \"query\": \"x\", \"profiles\": [\"a/b\"]}"));
        assertEquals(
                "filters.stem_type",
                refused(
                        "{\"mode\": \"fulltext\", \"query\": \"x\","
                                + " \"filters\": {\"stem_type\": \"DRUMS!\"}}"));
        assertEquals(
                "filters.duration_max",
                refused(
                        "{\"mode\": \"fulltext\", \"query\": \"x\","
                                + " \"filters\": {\"duration_max\": \"long\"}}"));
        assertEquals(
                "filters", refused("{\"mode\": \"fulltext\", \"query\": \"x\", \"filters\": []}"));
    }
}
