package org.stemvault.application.search;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.RecordingId;
import org.stemvault.domain.recording.Recordings;
import org.stemvault.domain.search.Embedding;
import org.stemvault.domain.search.EmbeddingJobs;
import org.stemvault.domain.search.EmbeddingSpace;
import org.stemvault.domain.search.Embeddings;
import org.stemvault.domain.search.TextEmbedder;
import org.stemvault.domain.search.Vector;

/**
 * Keeps the text spaces' vectors in step with recordings' display names and descriptions. A change
 * only enqueues a job, in the change's own transaction, so the request is not slowed and no work is
 * lost if the service stops; a background worker drains the queue through the text model, with
 * retries.
 */
public final class TextIndex {

    private static final Duration LEASE = Duration.ofMinutes(2);

    private final List<EmbeddingSpace> textSpaces;
    private final EmbeddingJobs jobs;
    private final Recordings recordings;
    private final Embeddings embeddings;
    private final Supplier<TextEmbedder> embedder;
    private final Clock clock;

    public TextIndex(
            List<EmbeddingSpace> textSpaces,
            EmbeddingJobs jobs,
            Recordings recordings,
            Embeddings embeddings,
            Supplier<TextEmbedder> embedder,
            Clock clock) {
        this.textSpaces = List.copyOf(textSpaces);
        this.jobs = jobs;
        this.recordings = recordings;
        this.embeddings = embeddings;
        this.embedder = embedder;
        this.clock = clock;
    }

    /**
     * Asks for the recording's text to be embedded again in every text space (call inside the
     * change's transaction).
     */
    public void textChanged(RecordingId recording) {
        for (EmbeddingSpace space : textSpaces) {
            jobs.enqueue(recording, space.name(), clock.instant());
        }
    }

    /**
     * Asks for the recording's text to be embedded again when a save changed it: always for a new
     * recording ({@code before} null), else when its display name or description differ (call
     * inside the save's transaction).
     */
    public void saved(Recording before, Recording after) {
        if (before == null
                || !before.displayName().equals(after.displayName())
                || !before.description().equals(after.description())) {
            textChanged(after.id());
        }
    }

    /** Does up to {@code max} due jobs; answers how many were done. */
    public int drain(int max) {
        return drain(max, () -> false);
    }

    /**
     * As {@link #drain(int)}; once {@code stopping} says so, the jobs not yet embedded are handed
     * back at once (another instance takes them without waiting for the lease to run out).
     */
    public int drain(int max, BooleanSupplier stopping) {
        if (textSpaces.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        int done = 0;
        for (EmbeddingJobs.Job job : jobs.claim(max, now, now.plus(LEASE))) {
            if (stopping.getAsBoolean()) {
                jobs.release(job, clock.instant());
                continue;
            }
            try {
                EmbeddingSpace space =
                        textSpaces.stream()
                                .filter(s -> s.name().equals(job.space()))
                                .findFirst()
                                .orElse(null);
                recordings
                        .byId(job.recording())
                        .ifPresent(
                                r -> {
                                    if (space != null) {
                                        embed(r, space);
                                    }
                                });
                jobs.done(job);
                done++;
            } catch (RuntimeException e) {
                long backoff = Math.min(3600, 5L * job.attempts() * job.attempts());
                jobs.failed(
                        job, String.valueOf(e.getMessage()), clock.instant().plusSeconds(backoff));
            }
        }
        return done;
    }

    /**
     * Recomputes every recording's vector in a text space, telling {@code progress} after each one.
     */
    public int backfill(EmbeddingSpace space, IntConsumer progress) {
        int count = 0;
        for (RecordingId id : recordings.ids()) {
            recordings.byId(id).ifPresent(r -> embed(r, space));
            progress.accept(++count);
        }
        return count;
    }

    public int total() {
        return recordings.ids().size();
    }

    /** The text of a recording as the model sees it. */
    static String text(Recording r) {
        return r.description().isBlank()
                ? r.displayName()
                : r.displayName() + ". " + r.description();
    }

    private void embed(Recording r, EmbeddingSpace space) {
        Vector vector = embedder.get().embed(text(r));
        embeddings.put(new Embedding(r.id(), null, space, vector, "text-model", clock.instant()));
    }

    /** The query's vector in a text space. */
    public Vector embedQuery(String text) {
        return embedder.get().embed(text);
    }
}
