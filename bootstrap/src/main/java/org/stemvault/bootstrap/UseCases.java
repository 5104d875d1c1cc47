package org.stemvault.bootstrap;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.stemvault.application.Transactions;
import org.stemvault.application.access.Access;
import org.stemvault.application.ingest.Ingest;
import org.stemvault.application.legacy.LegacyImport;
import org.stemvault.application.search.Similarity;
import org.stemvault.application.search.TextIndex;
import org.stemvault.application.library.Library;
import org.stemvault.application.worker.TokenSigner;
import org.stemvault.application.worker.Workers;
import org.stemvault.application.signin.Admission;
import org.stemvault.application.signin.SignIn;
import org.stemvault.domain.audio.AudioFiles;
import org.stemvault.domain.audit.AuditLog;
import org.stemvault.domain.embedding.EmbeddingJobs;
import org.stemvault.domain.embedding.EmbeddingSpace;
import org.stemvault.domain.embedding.TextEmbedder;
import org.stemvault.domain.embedding.Embeddings;
import org.stemvault.domain.embedding.VectorSearch;
import org.stemvault.domain.library.Catalogue;
import org.stemvault.domain.media.MediaStore;
import org.stemvault.files.LocalMediaStore;
import org.stemvault.textmodel.MiniLmTextEmbedder;
import org.stemvault.textmodel.OpenAiCompatibleTextEmbedder;
import org.stemvault.domain.profile.Memberships;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.domain.recording.Recordings;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.Users;
import org.stemvault.domain.worker.WorkerTokens;

/** Builds the use cases from the adapters' port implementations: the one place that knows every module. */
@Factory
final class UseCases {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    Admission admission(@Value("${stemvault.auth.admission:members-only}") String mode,
                        @Value("${stemvault.auth.allowed-emails:}") List<String> allowedEmails,
                        @Value("${stemvault.auth.allowed-domains:}") List<String> allowedDomains,
                        @Value("${stemvault.auth.admin-emails:}") List<String> adminEmails) {
        Admission.Mode parsed;
        try {
            parsed = Admission.Mode.valueOf(mode.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new StartupFailure("STEMVAULT_ADMISSION must be open, allowlist or members-only, not '" + mode + "'");
        }
        return new Admission(parsed, Set.copyOf(allowedEmails), Set.copyOf(allowedDomains), Set.copyOf(adminEmails));
    }

    @Singleton
    SignIn signIn(Users users, Memberships memberships, Admission admission, Clock clock) {
        return new SignIn(users, memberships, admission, clock);
    }

    @Singleton
    Ingest ingest(Profiles profiles, AudioFiles audioFiles, Recordings recordings, Transactions transactions,
                  Clock clock, TextIndex textIndex) {
        return new Ingest(profiles, audioFiles, recordings, transactions, clock, textIndex);
    }

    @Singleton
    Workers workers(WorkerTokens tokens, TokenSigner signer, Clock clock) {
        return new Workers(tokens, signer, clock);
    }

    @Singleton
    Access access(Users users, Profiles profiles, Memberships memberships, Recordings recordings, AudioFiles audioFiles,
                  AuditLog audit, Workers workers, Transactions transactions, Clock clock) {
        return new Access(users, profiles, memberships, recordings, audioFiles, audit, workers, transactions, clock);
    }

    @Singleton
    LegacyImport legacyImport(Profiles profiles, AudioFiles audioFiles, Recordings recordings, Transactions transactions,
                              Clock clock, TextIndex textIndex) {
        return new LegacyImport(profiles, audioFiles, recordings, transactions, clock, textIndex);
    }

    /** The configured embedding spaces, by name. */
    @Singleton
    @jakarta.inject.Named("spaces")
    Map<String, EmbeddingSpace> spaces(@Value("${stemvault.embedding.spaces:}") String spaces) {
        return EmbeddingSpaces.parse(spaces);
    }

    /** The in-process text model, loaded on first use (only text spaces need it). */
    @Singleton
    TextIndex textIndex(@jakarta.inject.Named("spaces") Map<String, EmbeddingSpace> spaces, EmbeddingJobs jobs,
                        Recordings recordings, Embeddings embeddings, Clock clock,
                        @Value("${stemvault.text-model.kind:builtin}") String kind,
                        @Value("${stemvault.text-model.openai.base-url:}") String baseUrl,
                        @Value("${stemvault.text-model.openai.api-key:}") String apiKey,
                        @Value("${stemvault.text-model.openai.model:text-embedding-3-small}") String model) {
        List<EmbeddingSpace> text = spaces.values().stream()
                .filter(s -> s.source() == EmbeddingSpace.Source.TEXT).toList();
        if (text.size() > 1) {
            throw new StartupFailure("STEMVAULT_EMBEDDING_SPACES: one text space at most (the text model has one size)");
        }
        boolean openAi = kind.equalsIgnoreCase("openai");
        if (!openAi && !kind.equalsIgnoreCase("builtin")) {
            throw new StartupFailure("STEMVAULT_TEXT_MODEL must be builtin or openai, not '" + kind + "'");
        }
        if (openAi && baseUrl.isBlank()) {
            throw new StartupFailure("STEMVAULT_TEXT_MODEL=openai needs STEMVAULT_OPENAI_BASE_URL");
        }
        for (EmbeddingSpace space : text) {
            if (!openAi && space.dimensions() != MiniLmTextEmbedder.DIMENSIONS) {
                throw new StartupFailure("STEMVAULT_EMBEDDING_SPACES: text space '" + space.name() + "' must have "
                        + MiniLmTextEmbedder.DIMENSIONS + " dimensions, those of the built-in text model");
            }
        }
        int dimensions = text.isEmpty() ? MiniLmTextEmbedder.DIMENSIONS : text.get(0).dimensions();
        java.util.concurrent.atomic.AtomicReference<TextEmbedder> embedder = new java.util.concurrent.atomic.AtomicReference<>();
        return new TextIndex(text, jobs, recordings, embeddings, () -> {
            synchronized (embedder) {
                if (embedder.get() == null) {
                    embedder.set(openAi ? new OpenAiCompatibleTextEmbedder(baseUrl, apiKey, model, dimensions)
                            : new MiniLmTextEmbedder());
                }
                return embedder.get();
            }
        }, clock);
    }

    /** Eager: the spaces' indexes are made (when missing) at start-up, not under the first search. */
    @io.micronaut.context.annotation.Context
    Similarity similarity(@jakarta.inject.Named("spaces") Map<String, EmbeddingSpace> spaces,
                          Embeddings embeddings, VectorSearch search, Catalogue catalogue, Profiles profiles,
                          Recordings recordings, Transactions transactions, Clock clock, Admission admission,
                          TextIndex textIndex,
                          @Value("${stemvault.embedding.hnsw.m:16}") int m,
                          @Value("${stemvault.embedding.hnsw.ef-construction:64}") int efConstruction) {
        spaces.values().forEach(space -> search.ensureIndex(space, m, efConstruction));
        return new Similarity(spaces, embeddings, search, catalogue, profiles, recordings, transactions, clock,
                admission.adminEmails().stream().map(Email::new).collect(java.util.stream.Collectors.toSet()), textIndex);
    }

    @Singleton
    Library library(Profiles profiles, Catalogue catalogue, Recordings recordings, MediaStore media,
                    Transactions transactions, Clock clock, Admission admission, TextIndex textIndex) {
        return new Library(profiles, catalogue, recordings, media, transactions, clock,
                admission.adminEmails().stream().map(Email::new).collect(java.util.stream.Collectors.toSet()), textIndex);
    }

    /** The media store: the local filesystem under {@code STEMVAULT_MEDIA_ROOT}. */
    @Singleton
    MediaStore mediaStore(@Value("${stemvault.media.root:media}") String root) {
        return new LocalMediaStore(Path.of(root));
    }
}
