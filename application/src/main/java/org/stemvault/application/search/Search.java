package org.stemvault.application.search;

import java.util.List;
import org.stemvault.application.Names;
import org.stemvault.application.Principal;
import org.stemvault.application.feedback.CurrentModel;
import org.stemvault.application.feedback.FeedbackPolicy;
import org.stemvault.application.feedback.Queries;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.Unauthenticated;
import org.stemvault.domain.feedback.RankerModel;
import org.stemvault.domain.feedback.SearchId;
import org.stemvault.domain.library.Catalogue;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.search.Embedding;
import org.stemvault.domain.search.EmbeddingSpace;
import org.stemvault.domain.search.Embeddings;
import org.stemvault.domain.search.Hit;
import org.stemvault.domain.search.Match;
import org.stemvault.domain.search.SearchQuery;
import org.stemvault.domain.search.Tracking;
import org.stemvault.domain.search.Vector;
import org.stemvault.domain.search.VectorSearch;

/**
 * Finding recordings, always within the profiles the viewer may see: "more like this" by a
 * recording's vector, and search by vector, by words, or both fused (hybrid, reciprocal rank fusion
 * with constant {@code rrfK}).
 */
public final class Search {

    /** The largest number of similar recordings asked for at once. */
    public static final int MAX_LIMIT = SearchQuery.MAX_LIMIT;

    private final Spaces spaces;
    private final Embeddings embeddings;
    private final VectorSearch search;
    private final Catalogue catalogue;
    private final TextIndex textIndex;
    private final int rrfK;
    private final FeedbackPolicy feedback;
    private final CurrentModel model;

    /** Search as it ranked before feedback: no search logged, no ranker. */
    public Search(
            Spaces spaces,
            Embeddings embeddings,
            VectorSearch search,
            Catalogue catalogue,
            TextIndex textIndex,
            int rrfK) {
        this(spaces, embeddings, search, catalogue, textIndex, rrfK, FeedbackPolicy.OFF, null);
    }

    /**
     * Search that logs every answer for feedback while {@code feedback} records it, re-ranked by
     * {@code model}'s newest learned ranker where {@code feedback} switches the ranker on.
     */
    public Search(
            Spaces spaces,
            Embeddings embeddings,
            VectorSearch search,
            Catalogue catalogue,
            TextIndex textIndex,
            int rrfK,
            FeedbackPolicy feedback,
            CurrentModel model) {
        if (rrfK < 1) {
            throw new IllegalArgumentException(
                    "the reciprocal rank fusion constant must be at least 1");
        }
        this.spaces = spaces;
        this.embeddings = embeddings;
        this.search = search;
        this.catalogue = catalogue;
        this.textIndex = textIndex;
        this.rrfK = rrfK;
        this.feedback = feedback;
        this.model = model;
        if (feedback.ranker() && model == null) {
            throw new IllegalArgumentException("the learned ranker needs its models");
        }
    }

    /** A search's answer: its id for feedback (null while feedback is off) and its results. */
    public record Searched<T>(SearchId id, List<T> results) {}

    /**
     * The recordings nearest to this one in the space, best first, within the profiles the
     * principal may see.
     */
    public Searched<Match> similar(
            Principal principal,
            String profile,
            String outputName,
            String spaceName,
            int limit,
            double minSimilarity) {
        EmbeddingSpace space = spaces.space(spaceName);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new Invalid("limit", "must be from 1 to " + MAX_LIMIT);
        }
        if (!(minSimilarity >= 0 && minSimilarity <= 1)) {
            throw new Invalid("min_similarity", "must be from 0 to 1");
        }
        Recording recording =
                catalogue
                        .recording(
                                principal.viewer(),
                                Names.profile(profile),
                                Names.recording(outputName))
                        .orElseThrow(Names::noRecording);
        Vector vector =
                embeddings
                        .find(recording.id(), null, space)
                        .map(Embedding::vector)
                        .orElseThrow(
                                () ->
                                        new NotFound(
                                                "the recording has no embedding in space '"
                                                        + space.name()
                                                        + "'"));
        Tracking tracking =
                feedback.recording()
                        ? new Tracking(
                                SearchId.random(),
                                "similar",
                                Queries.similarTo(recording.id().value()),
                                limit,
                                limit,
                                null,
                                null)
                        : null;
        return new Searched<>(
                tracking == null ? null : tracking.id(),
                search.nearest(
                                principal.viewer(),
                                space,
                                vector,
                                recording.id(),
                                limit,
                                minSimilarity,
                                tracking)
                        .orElseThrow(Unauthenticated::new));
    }

    /**
     * Ranks recordings by the query's mode. A semantic side without a vector takes the query
     * text's, in a space whose vectors come from text. While feedback is recorded the answer is
     * logged under its id in the same statement; with the learned ranker on, the statement reads
     * the best {@code pool} candidates with their feedback and re-ranks them by the {@link
     * org.stemvault.application.feedback.Ranker}'s rules.
     */
    public Searched<Hit> search(Viewer viewer, SearchQuery query) {
        EmbeddingSpace space = null;
        Vector vector = null;
        if (query.mode().semantic()) {
            space = spaces.space(query.space());
            vector = query.vector();
            if (vector == null) {
                if (space.source() != EmbeddingSpace.Source.TEXT) {
                    throw new Invalid(
                            "vector",
                            "is required in space '"
                                    + space.name()
                                    + "', whose vectors do not come from text");
                }
                vector = textIndex.embedQuery(query.text());
            }
            space.check(vector);
        }
        if (!feedback.recording()) {
            return new Searched<>(
                    null,
                    search.search(viewer, query, space, vector, rrfK)
                            .orElseThrow(Unauthenticated::new));
        }
        RankerModel learned = feedback.ranker() ? model.get() : null;
        Tracking tracking =
                new Tracking(
                        SearchId.random(),
                        "search",
                        Queries.normal(query.text()),
                        query.limit(),
                        learned == null ? query.limit() : Math.max(query.limit(), feedback.pool()),
                        learned == null ? null : feedback.weighing(),
                        learned == null
                                ? null
                                : new Tracking.Learned(learned, feedback.minEvents()));
        // the statement re-ranks by the model (the Ranker's rules) and answers the limit's results
        return new Searched<>(
                tracking.id(),
                search.search(viewer, query, space, vector, rrfK, tracking)
                        .orElseThrow(Unauthenticated::new));
    }
}
