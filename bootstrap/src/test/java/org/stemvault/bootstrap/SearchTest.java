package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.Recordings;
import org.stemvault.domain.search.Embedding;
import org.stemvault.domain.search.EmbeddingSpace;
import org.stemvault.domain.search.Embeddings;
import org.stemvault.domain.search.Vector;

/** POST /api/search over HTTP: the modes, the scoping, and strict input. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchTest implements TestPropertyProvider {

    static final Instant T0 = Instant.parse("2025-10-30T05:41:36Z");
    static final EmbeddingSpace AUDIO =
            new EmbeddingSpace("audio", 4, EmbeddingSpace.Source.EXTERNAL);

    @Inject EmbeddedServer server;
    @Inject Seed seed;
    @Inject Profiles profiles;
    @Inject Recordings recordings;
    @Inject Embeddings embeddings;
    @Inject org.stemvault.domain.analysis.Analyses analyses;

    String member;
    Profile band;

    @Override
    public Map<String, String> getProperties() {
        return TestApp.properties();
    }

    void take(Profile p, String name, String title, float... v) {
        Recording r =
                recordings.save(
                        Recording.create(
                                p.id(), new OutputName(name), title, "", null, List.of(), T0));
        embeddings.put(new Embedding(r.id(), null, AUDIO, Vector.of(v), null, T0));
    }

    @BeforeEach
    void seed() {
        seed.reset();
        band = seed.profile("band");
        Profile other = seed.profile("other");
        member = seed.memberOf(band, "member@example.com");
        take(band, "a", "Dark moody groove", 1, 0, 0, 0);
        take(band, "b", "Bright pop", 0.9f, 0.1f, 0, 0);
        take(other, "x", "Dark moody groove", 1, 0, 0, 0);
    }

    HttpResponse<String> search(String json) throws Exception {
        return Api.call(server, "POST", "/api/search", member, json);
    }

    @Test
    void each_mode_answers_results_from_the_callers_profiles_only() throws Exception {
        HttpResponse<String> text = search("{\"mode\":\"fulltext\",\"query\":\"moody grooves\"}");
        assertEquals(200, text.statusCode(), text.body());
        assertTrue(text.body().startsWith("{\"results\":[{\"file\":{\"name\":\"a\""), text.body());
        assertTrue(
                text.body().matches(".*],\"mode\":\"fulltext\",\"search_id\":\"[0-9a-f-]{36}\"}"),
                text.body());
        assertTrue(!text.body().contains("\"name\":\"x\""), text.body());

        HttpResponse<String> semantic =
                search(
                        "{\"mode\":\"semantic\",\"space\":\"audio\",\"vector\":[1,0,0,0],\"limit\":5}");
        assertEquals(200, semantic.statusCode(), semantic.body());
        assertTrue(
                semantic.body().contains("\"similarity\":1.0")
                        && !semantic.body().contains("\"name\":\"x\""),
                semantic.body());

        HttpResponse<String> hybrid =
                search(
                        "{\"mode\":\"hybrid\",\"query\":\"moody\",\"space\":\"audio\","
                                + "\"vector\":[0.9,0.1,0,0],\"filters\":{\"created_after\":\"2020-01-01T00:00:00Z\"}}");
        assertEquals(200, hybrid.statusCode(), hybrid.body());
        assertTrue(
                hybrid.body().contains("\"rank_fulltext\":1")
                        && hybrid.body().contains("\"rank_semantic\":"),
                hybrid.body());
    }

    /**
     * The seed's vibe search, {@code "filters": {"bpm_min": 80, "bpm_max": 100}}, and the key (with
     * its related keys on request), in every mode: "a" is a 90 BPM take in A minor, "b" 128 BPM in
     * E minor; a take not analysed matches no tempo or key filter.
     */
    @Test
    void tempo_and_key_filter_every_mode() throws Exception {
        Recording a = recordings.byOutputName(band.id(), new OutputName("a")).orElseThrow();
        Recording b = recordings.byOutputName(band.id(), new OutputName("b")).orElseThrow();
        analyses.save(a.id(), ClipsTest.analysis(90, 0.99, List.of(90.0), "A minor"));
        analyses.save(b.id(), ClipsTest.analysis(128, 0.95, List.of(128.0), "E minor"));
        List<String> modes =
                List.of(
                        "\"mode\":\"fulltext\",\"query\":\"groove or pop\"",
                        "\"mode\":\"semantic\",\"space\":\"audio\",\"vector\":[1,0,0,0]",
                        "\"mode\":\"hybrid\",\"query\":\"groove or pop\",\"space\":\"audio\","
                                + "\"vector\":[1,0,0,0]");
        for (String mode : modes) {
            String slow =
                    search("{" + mode + ",\"filters\":{\"bpm_min\":80,\"bpm_max\":100}}").body();
            assertTrue(
                    slow.contains("\"name\":\"a\"") && !slow.contains("\"name\":\"b\""),
                    mode + slow);
            String fast = search("{" + mode + ",\"filters\":{\"bpm_min\":120}}").body();
            assertTrue(
                    fast.contains("\"name\":\"b\"") && !fast.contains("\"name\":\"a\""),
                    mode + fast);
            String c = search("{" + mode + ",\"filters\":{\"key\":\"C major\"}}").body();
            assertTrue(!c.contains("\"name\":\"a\"") && !c.contains("\"name\":\"b\""), mode + c);
            // C major's relative is A minor, its fifth above G major (relative E minor)
            String related =
                    search("{" + mode + ",\"filters\":{\"key\":\"C\",\"key_related\":true}}")
                            .body();
            assertTrue(
                    related.contains("\"name\":\"a\"") && related.contains("\"name\":\"b\""),
                    mode + related);
            String am = search("{" + mode + ",\"filters\":{\"key\":\"Am\"}}").body();
            assertTrue(am.contains("\"name\":\"a\"") && !am.contains("\"name\":\"b\""), mode + am);
        }
        for (String[] bad :
                new String[][] {
                    {"{\"bpm_min\":120,\"bpm_max\":90}", "filters.bpm_max"},
                    {"{\"bpm_min\":\"fast\"}", "filters.bpm_min"},
                    {"{\"key\":\"H minor\"}", "filters.key"},
                    {"{\"key_related\":true}", "filters.key_related"}
                }) {
            HttpResponse<String> r =
                    search("{\"mode\":\"fulltext\",\"query\":\"x\",\"filters\":" + bad[0] + "}");
            assertEquals(400, r.statusCode(), bad[0] + r.body());
            assertTrue(r.body().contains("\"field\":\"" + bad[1] + "\""), bad[0] + r.body());
        }
    }

    @Test
    void bad_searches_are_400_naming_the_field() throws Exception {
        Map<String, String> cases =
                Map.of(
                        "{\"mode\":\"psychic\",\"query\":\"x\"}", "mode",
                        "{\"mode\":\"semantic\",\"query\":\"dark moody groove\"}", "vector",
                        "{\"mode\":\"semantic\",\"space\":\"audio\",\"vector\":[1,0,0]}", "vector",
                        "{\"mode\":\"semantic\",\"space\":\"nope\",\"vector\":[1,0,0,0]}", "space",
                        "{\"mode\":\"semantic\",\"space\":\"audio\",\"vector\":[0,0,0,0]}",
                                "vector",
                        "{\"mode\":\"fulltext\"}", "query",
                        "{\"mode\":\"fulltext\",\"query\":\"x\",\"limit\":1000}", "limit",
                        "{\"mode\":\"fulltext\",\"query\":\"x\",\"filters\":{\"created_after\":\"yesterday\"}}",
                                "filters.created_after",
                        "{\"mode\":\"fulltext\",\"query\":\"x\",\"profiles\":\"band\"}",
                                "profiles");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> r = search(c.getKey());
            assertEquals(400, r.statusCode(), c.getKey() + " -> " + r.body());
            assertTrue(
                    r.body().contains("\"field\":\"" + c.getValue() + "\""),
                    c.getKey() + " -> " + r.body());
        }
    }
}
