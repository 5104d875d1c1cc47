package org.stemvault.application.search;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stemvault.application.Caller;
import org.stemvault.application.Principal;
import org.stemvault.application.Transactions;
import org.stemvault.application.WorkerCaller;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.Unauthenticated;
import org.stemvault.domain.embedding.Embedding;
import org.stemvault.domain.embedding.EmbeddingSpace;
import org.stemvault.domain.embedding.Embeddings;
import org.stemvault.domain.embedding.Hit;
import org.stemvault.domain.embedding.Match;
import org.stemvault.domain.embedding.SearchQuery;
import org.stemvault.domain.embedding.Vector;
import org.stemvault.domain.embedding.VectorSearch;
import org.stemvault.domain.library.Catalogue;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.Recordings;
import org.stemvault.domain.recording.StemType;
import org.stemvault.domain.user.Email;

/**
 * Embeddings per configured space, and "more like this": storing a recording's (or a stem's) vector, and the
 * nearest recordings within the profiles the caller may see.
 */
public final class Similarity {

    /** The largest number of similar recordings asked for at once. */
    public static final int MAX_LIMIT = 100;

    private final Map<String, EmbeddingSpace> spaces;
    private final Embeddings embeddings;
    private final VectorSearch search;
    private final Catalogue catalogue;
    private final Profiles profiles;
    private final Recordings recordings;
    private final Transactions transactions;
    private final Clock clock;
    private final Set<Email> adminEmails;
    private final TextIndex textIndex;

    public Similarity(Map<String, EmbeddingSpace> spaces, Embeddings embeddings, VectorSearch search,
                      Catalogue catalogue, Profiles profiles, Recordings recordings, Transactions transactions,
                      Clock clock, Set<Email> adminEmails, TextIndex textIndex) {
        this.textIndex = textIndex;
        this.spaces = Map.copyOf(spaces);
        this.embeddings = embeddings;
        this.search = search;
        this.catalogue = catalogue;
        this.profiles = profiles;
        this.recordings = recordings;
        this.transactions = transactions;
        this.clock = clock;
        this.adminEmails = Set.copyOf(adminEmails);
    }

    public EmbeddingSpace space(String name) {
        EmbeddingSpace space = name == null ? null : spaces.get(name);
        if (space == null) {
            throw new Invalid("space", "is not a configured embedding space (" + String.join(", ",
                    spaces.keySet().stream().sorted().toList()) + ")");
        }
        return space;
    }

    /**
     * Stores (or replaces) the vector of a recording, or of one of its stems when {@code stemType} is given.
     * Members of the profile, admins and workers may write.
     */
    public Embedding put(Caller caller, String profile, String outputName, String stemType, String spaceName,
                         float[] values, String source) {
        EmbeddingSpace space = space(spaceName);
        Vector vector = Vector.of(values);
        return transactions.inTransaction(() -> {
            Recording recording = recording(caller, profile, outputName);
            StemType stem = null;
            if (stemType != null) {
                StemType wanted = new StemType(stemType);
                stem = recording.stems().stream().map(s -> s.type()).filter(wanted::equals).findFirst()
                        .orElseThrow(() -> new NotFound("no such stem"));
            }
            Embedding embedding = new Embedding(recording.id(), stem, space, vector, source, clock.instant());
            embeddings.put(embedding);
            return embedding;
        });
    }

    /** The recordings nearest to this one in the space, best first, within the profiles the principal may see. */
    public List<Match> similar(Principal principal, String profile, String outputName, String spaceName, int limit,
                               double minSimilarity) {
        EmbeddingSpace space = space(spaceName);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new Invalid("limit", "must be from 1 to " + MAX_LIMIT);
        }
        if (!(minSimilarity >= 0 && minSimilarity <= 1)) {
            throw new Invalid("min_similarity", "must be from 0 to 1");
        }
        Recording recording = recording(principal, profile, outputName);
        Vector vector = embeddings.find(recording.id(), null, space).map(Embedding::vector)
                .orElseThrow(() -> new NotFound("the recording has no embedding in space '" + space.name() + "'"));
        return search.nearest(principal.id(), adminEmails, space, vector, recording.id(), limit, minSimilarity)
                .orElseThrow(Unauthenticated::new);
    }

    /**
     * Searches the recordings of the profiles the principal may see (optionally only {@code profileNames}):
     * {@code semantic} by a vector, {@code fulltext} by words, {@code hybrid} by both. Text is not turned into a
     * vector yet: semantic and hybrid search take the vector from the request.
     */
    public List<Hit> search(Principal principal, String mode, String text, float[] vector, String spaceName,
                            List<String> profileNames, int limit, double minSimilarity, int rrfK,
                            SearchQuery.Filters filters) {
        SearchQuery.Mode parsed;
        try {
            parsed = SearchQuery.Mode.valueOf(String.valueOf(mode).toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Invalid("mode", "must be semantic, fulltext or hybrid");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new Invalid("limit", "must be from 1 to " + MAX_LIMIT);
        }
        if (!(minSimilarity >= -1 && minSimilarity <= 1)) {
            throw new Invalid("min_similarity", "must be from -1 to 1");
        }
        boolean wantsVector = parsed != SearchQuery.Mode.FULLTEXT;
        boolean wantsText = parsed != SearchQuery.Mode.SEMANTIC;
        EmbeddingSpace space = null;
        Vector query = null;
        if (wantsVector) {
            if (vector == null && spaceName == null) {
                throw new Invalid("vector", "is required for " + mode + " search (or a space whose vectors come from text)");
            }
            space = space(spaceName);
            if (vector == null && text != null && !text.isBlank() && space.source() == EmbeddingSpace.Source.TEXT) {
                query = textIndex.embedQuery(text);
            } else if (vector == null) {
                throw new Invalid("vector", text == null ? "is required for " + mode + " search"
                        : "is required in space '" + space.name() + "', whose vectors do not come from text");
            } else {
                query = Vector.of(vector);
            }
            if (query.dimensions() != space.dimensions()) {
                throw new Invalid("vector", "has " + query.dimensions() + " dimensions; space '" + space.name()
                        + "' has " + space.dimensions());
            }
        }
        if (wantsText && (text == null || text.isBlank())) {
            throw new Invalid("query", "is required for " + mode + " search");
        }
        java.util.Set<ProfileName> only = null;
        if (profileNames != null) {
            only = new java.util.HashSet<>();
            for (String name : profileNames) {
                try {
                    only.add(new ProfileName(name));
                } catch (Invalid e) {
                    throw new Invalid("profiles", "holds a name that is not a profile name");
                }
            }
        }
        SearchQuery q = new SearchQuery(parsed, space, query, wantsText ? text : null, only, limit, minSimilarity,
                rrfK, filters == null ? SearchQuery.Filters.NONE : filters);
        return search.search(principal.id(), adminEmails, q).orElseThrow(Unauthenticated::new);
    }

    private Recording recording(Caller caller, String profile, String outputName) {
        ProfileName name;
        OutputName output;
        try {
            name = new ProfileName(profile);
            output = new OutputName(outputName);
        } catch (Invalid e) {
            throw new NotFound("no such recording");
        }
        if (caller instanceof WorkerCaller) {
            Profile p = profiles.byName(name).orElseThrow(() -> new NotFound("no such recording"));
            return recordings.byOutputName(p.id(), output).orElseThrow(() -> new NotFound("no such recording"));
        }
        Principal principal = (Principal) caller;
        return catalogue.recording(new Viewer(principal.id(), principal.admin()), name, output)
                .orElseThrow(() -> new NotFound("no such recording"));
    }
}
