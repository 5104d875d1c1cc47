package org.stemvault.application.search;

import java.time.Clock;
import org.stemvault.application.Caller;
import org.stemvault.application.Names;
import org.stemvault.application.Principal;
import org.stemvault.application.Transactions;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.library.Catalogue;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.Recordings;
import org.stemvault.domain.recording.StemType;
import org.stemvault.domain.search.Embedding;
import org.stemvault.domain.search.EmbeddingSpace;
import org.stemvault.domain.search.Embeddings;
import org.stemvault.domain.search.Vector;

/**
 * Stores the vectors that workers (and members) supply: a recording's, or one of its stems', per
 * configured space. Members of the profile, admins and workers may write.
 */
public final class Vectors {

    private final Spaces spaces;
    private final Embeddings embeddings;
    private final Catalogue catalogue;
    private final Profiles profiles;
    private final Recordings recordings;
    private final Transactions transactions;
    private final Clock clock;

    public Vectors(
            Spaces spaces,
            Embeddings embeddings,
            Catalogue catalogue,
            Profiles profiles,
            Recordings recordings,
            Transactions transactions,
            Clock clock) {
        this.spaces = spaces;
        this.embeddings = embeddings;
        this.catalogue = catalogue;
        this.profiles = profiles;
        this.recordings = recordings;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Stores (or replaces) the vector of a recording, or of one of its stems when {@code stemType}
     * is given.
     */
    public Embedding put(
            Caller caller,
            String profile,
            String outputName,
            String stemType,
            String spaceName,
            Vector vector,
            String source) {
        EmbeddingSpace space = spaces.space(spaceName);
        return transactions.inTransaction(
                () -> {
                    Recording recording =
                            recording(caller, Names.profile(profile), Names.recording(outputName));
                    StemType stem = null;
                    if (stemType != null) {
                        StemType wanted = stemType(stemType);
                        stem =
                                recording.stems().stream()
                                        .map(s -> s.type())
                                        .filter(wanted::equals)
                                        .findFirst()
                                        .orElseThrow(Vectors::noStem);
                    }
                    Embedding embedding =
                            new Embedding(
                                    recording.id(), stem, space, vector, source, clock.instant());
                    embeddings.put(embedding);
                    return embedding;
                });
    }

    private Recording recording(Caller caller, ProfileName name, OutputName output) {
        if (caller instanceof Principal principal) {
            return catalogue
                    .recording(principal.viewer(), name, output)
                    .orElseThrow(Names::noRecording);
        }
        return profiles.byName(name)
                .flatMap(p -> recordings.byOutputName(p.id(), output))
                .orElseThrow(Names::noRecording);
    }

    private static StemType stemType(String value) {
        try {
            return new StemType(value);
        } catch (Invalid e) {
            throw noStem();
        }
    }

    private static NotFound noStem() {
        return new NotFound("no such stem");
    }
}
