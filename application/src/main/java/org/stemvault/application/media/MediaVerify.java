package org.stemvault.application.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.stemvault.domain.media.MediaDeletion;
import org.stemvault.domain.media.MediaDeletions;
import org.stemvault.domain.media.MediaKey;
import org.stemvault.domain.media.MediaReferences;
import org.stemvault.domain.media.MediaStore;

/**
 * Compares the database with the media store: rows whose files are missing, and stored files no row
 * refers to. A file waiting in a pending deletion is neither; a recording folder's {@code
 * metadata.json} (a worker's note of what it wrote) belongs to its recording.
 */
public final class MediaVerify {

    /** What was found, each list sorted. */
    public record Report(
            int referenced, int stored, List<MediaKey> missing, List<MediaKey> unreferenced) {

        public boolean clean() {
            return missing.isEmpty() && unreferenced.isEmpty();
        }
    }

    private final MediaReferences references;
    private final MediaStore store;
    private final MediaDeletions deletions;

    public MediaVerify(MediaReferences references, MediaStore store, MediaDeletions deletions) {
        this.references = references;
        this.store = store;
        this.deletions = deletions;
    }

    public Report verify() {
        Set<MediaKey> referenced = references.referenced();
        Set<MediaKey> stored = new HashSet<>();
        try {
            store.list("").forEach(l -> stored.add(l.key()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> pending =
                deletions.pending().stream().map(MediaDeletion::folder).map(f -> f + "/").toList();
        Set<String> folders = new HashSet<>();
        referenced.forEach(k -> folders.add(k.folder()));
        List<MediaKey> missing =
                referenced.stream().filter(k -> !stored.contains(k)).sorted(BY_VALUE).toList();
        List<MediaKey> unreferenced =
                stored.stream()
                        .filter(k -> !referenced.contains(k))
                        .filter(k -> pending.stream().noneMatch(k.value()::startsWith))
                        .filter(
                                k ->
                                        !(k.value().endsWith("/metadata.json")
                                                && folders.contains(k.folder())))
                        .sorted(BY_VALUE)
                        .toList();
        return new Report(referenced.size(), stored.size(), missing, unreferenced);
    }

    private static final Comparator<MediaKey> BY_VALUE = Comparator.comparing(MediaKey::value);
}
