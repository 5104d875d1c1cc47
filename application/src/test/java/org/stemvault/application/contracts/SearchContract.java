package org.stemvault.application.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stemvault.application.contracts.Fixtures.at;
import static org.stemvault.application.contracts.Fixtures.profile;
import static org.stemvault.application.contracts.Fixtures.stem;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stemvault.domain.label.Label;
import org.stemvault.domain.label.LabelKind;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.profile.Membership;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.StemType;
import org.stemvault.domain.search.Embedding;
import org.stemvault.domain.search.EmbeddingSpace;
import org.stemvault.domain.search.Hit;
import org.stemvault.domain.search.SearchQuery;
import org.stemvault.domain.search.SearchQuery.Filters;
import org.stemvault.domain.search.Vector;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.SessionId;
import org.stemvault.domain.user.User;
import org.stemvault.domain.user.UserId;

public abstract class SearchContract extends PortsContract {

    static final EmbeddingSpace SPACE =
            new EmbeddingSpace("search-small", 3, EmbeddingSpace.Source.EXTERNAL);

    User member;

    void take(
            Profile p,
            String name,
            String title,
            String description,
            String stemType,
            long createdAt,
            float... v) {
        Recording r =
                recordings.save(
                        Recording.create(
                                p.id(),
                                new OutputName(name),
                                title,
                                description,
                                null,
                                List.of(stem(stemType, -10.0 - createdAt)),
                                at(createdAt)));
        embeddings.put(new Embedding(r.id(), null, SPACE, Vector.of(v), null, at(0)));
    }

    @BeforeEach
    void seed() {
        search.ensureIndex(SPACE, 16, 64);
        member = users.provision(new Email("member@example.com"), at(0));
        Profile mine = profiles.create(profile("mine"));
        Profile other = profiles.create(profile("other"));
        memberships.grant(new Membership(member.id(), mine.id(), at(0)));
        take(mine, "a", "Dark moody groove", "slow bass heavy jam", "vocals", 1, 1, 0, 0);
        take(mine, "b", "Bright pop song", "upbeat", "vocals", 2, 0.9f, 0.1f, 0);
        take(mine, "c", "Moody ballad", "dark and slow", "drums", 3, 0, 1, 0);
        take(mine, "d", "Other", "", "bass", 4, 0, 0, 1);
        take(other, "x", "Dark moody groove", "slow bass heavy jam", "vocals", 5, 1, 0, 0);
    }

    List<String> names(SearchQuery q) {
        return hits(member.id(), q).orElseThrow().stream()
                .map(h -> h.recording().outputName().value())
                .toList();
    }

    /** A query whose semantic side is the vector [1, 0, 0]. */
    static SearchQuery query(SearchQuery.Mode mode, String text, int limit, Filters filters) {
        Vector vector = mode.semantic() ? Vector.of(1, 0, 0) : null;
        return new SearchQuery(
                mode,
                text,
                vector,
                mode.semantic() ? SPACE.name() : null,
                null,
                limit,
                -1,
                filters);
    }

    Optional<List<Hit>> hits(UserId user, SearchQuery q) {
        return hits(viewer(user), q);
    }

    Optional<List<Hit>> hits(Viewer viewer, SearchQuery q) {
        return search.search(viewer, q, q.mode().semantic() ? SPACE : null, q.vector(), 60);
    }

    @Test
    void semantic_search_ranks_by_similarity_within_the_users_profiles_and_honours_the_limit() {
        assertEquals(
                List.of("a", "b"), names(query(SearchQuery.Mode.SEMANTIC, null, 2, Filters.NONE)));
        List<Hit> hits =
                hits(member.id(), query(SearchQuery.Mode.SEMANTIC, null, 2, Filters.NONE))
                        .orElseThrow();
        assertEquals(1.0, hits.get(0).similarity(), 1e-6);
        assertEquals(1, hits.get(0).rankSemantic());
    }

    @Test
    void full_text_search_finds_words_and_their_forms_only_in_the_users_profiles() {
        assertEquals(
                Set.of("a", "c"),
                Set.copyOf(names(query(SearchQuery.Mode.FULLTEXT, "moody", 10, Filters.NONE))));
        assertEquals(
                List.of("a"), names(query(SearchQuery.Mode.FULLTEXT, "grooves", 10, Filters.NONE)));
        assertEquals(
                List.of(),
                names(query(SearchQuery.Mode.FULLTEXT, "nothing like this", 10, Filters.NONE)));
    }

    @Test
    void hybrid_search_fuses_both_rankings_by_reciprocal_rank() {
        // semantic: a 1, b 2, then c and d; full text "moody": a and c. RRF(k=60): a > c > b > d.
        assertEquals(
                List.of("a", "c", "b", "d"),
                names(query(SearchQuery.Mode.HYBRID, "moody", 4, Filters.NONE)));
        Hit c =
                hits(member.id(), query(SearchQuery.Mode.HYBRID, "moody", 4, Filters.NONE))
                        .orElseThrow()
                        .get(1);
        assertTrue(c.rankFulltext() != null && c.rankSemantic() != null);
    }

    @Test
    void filters_narrow_every_mode() {
        Filters drums = Filters.NONE.withStemType(new StemType("drums"));
        assertEquals(List.of("c"), names(query(SearchQuery.Mode.FULLTEXT, "moody", 10, drums)));
        assertEquals(List.of("c"), names(query(SearchQuery.Mode.SEMANTIC, null, 10, drums)));
        Filters recent = Filters.NONE.withCreated(at(2), null);
        assertEquals(
                List.of("c", "d"),
                names(query(SearchQuery.Mode.SEMANTIC, null, 10, recent)).stream()
                        .sorted()
                        .toList());
        Filters loud = Filters.NONE.withLoudness(-11.5, null);
        assertEquals(List.of("a"), names(query(SearchQuery.Mode.SEMANTIC, null, 10, loud)));
        Filters longer = Filters.NONE.withDuration(200.0, null);
        assertEquals(List.of(), names(query(SearchQuery.Mode.SEMANTIC, null, 10, longer)));
    }

    @Test
    void songs_locations_and_recording_dates_filter_and_their_names_are_searched_as_text() {
        Profile mine = profiles.byName(new ProfileName("mine")).orElseThrow();
        Recording a = recordings.byOutputName(mine.id(), new OutputName("a")).orElseThrow();
        Recording d = recordings.byOutputName(mine.id(), new OutputName("d")).orElseThrow();
        Label song = Label.create(LabelKind.SONG, mine.id(), "Wonderwall", at(0));
        Label attic = Label.create(LabelKind.LOCATION, mine.id(), "Granary", at(0));
        labels.create(song);
        labels.create(attic);
        clips.create(
                List.of(
                        org.stemvault.domain.clip.Clip.create(
                                mine.id(), d.id(), song.id(), 0, 1, null, at(0))));
        recordings.setDetails(a.id(), attic.id(), LocalDate.of(2026, 11, 3), at(1));
        recordings.setDetails(d.id(), null, LocalDate.of(2026, 10, 1), at(1));

        assertEquals(
                List.of("d"),
                names(query(SearchQuery.Mode.FULLTEXT, "wonderwall", 10, Filters.NONE)));
        assertEquals(
                List.of("a"), names(query(SearchQuery.Mode.FULLTEXT, "granary", 10, Filters.NONE)));
        assertEquals(
                List.of("d"),
                names(
                        query(
                                SearchQuery.Mode.SEMANTIC,
                                null,
                                10,
                                filters(song.id(), null, null, null))));
        assertEquals(
                List.of("a"),
                names(
                        query(
                                SearchQuery.Mode.SEMANTIC,
                                null,
                                10,
                                filters(null, attic.id(), null, null))));
        assertEquals(
                List.of("a"),
                names(
                        query(
                                SearchQuery.Mode.SEMANTIC,
                                null,
                                10,
                                filters(
                                        null,
                                        null,
                                        LocalDate.of(2026, 11, 1),
                                        LocalDate.of(2026, 11, 3)))));
        assertEquals(
                List.of("a", "d"),
                names(
                                query(
                                        SearchQuery.Mode.SEMANTIC,
                                        null,
                                        10,
                                        filters(null, null, null, LocalDate.of(2026, 12, 1))))
                        .stream()
                        .sorted()
                        .toList(),
                "recordings without a date are left out of a date range");
        assertEquals(
                List.of(),
                names(
                        query(
                                SearchQuery.Mode.FULLTEXT,
                                "moody",
                                10,
                                filters(song.id(), null, null, null))));
    }

    static Filters filters(
            org.stemvault.domain.label.LabelId song,
            org.stemvault.domain.label.LabelId location,
            LocalDate from,
            LocalDate to) {
        return Filters.NONE.withSong(song).withLocation(location).withRecorded(from, to);
    }

    @Test
    void an_unknown_user_gets_nothing_at_all() {
        assertTrue(
                hits(
                                new Viewer(UserId.random(), SessionId.random()),
                                query(SearchQuery.Mode.HYBRID, "moody", 4, Filters.NONE))
                        .isEmpty());
    }
}
