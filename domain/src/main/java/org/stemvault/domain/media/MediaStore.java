package org.stemvault.domain.media;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.MediaFileName;
import org.stemvault.domain.recording.OutputName;

/**
 * Where stem audio, waveform images and uploaded sources are kept, by {@link MediaKey}. A store
 * never answers with anything outside the key's folder (no link pointing out), and a write is seen
 * whole or not at all.
 */
public interface MediaStore {

    Optional<StoredMedia> find(MediaKey key);

    /** A recording's file. */
    default Optional<StoredMedia> find(
            ProfileName profile, OutputName recording, MediaFileName file) {
        return find(MediaKey.output(profile, recording, file));
    }

    /**
     * Stores the stream's bytes, to its end, under the key (replacing what was there); answers how
     * many.
     */
    long write(MediaKey key, InputStream content) throws IOException;

    /** Gives a stored file another key (replacing what was there). */
    void move(MediaKey from, MediaKey to) throws IOException;

    /** Removes the file; nothing when there is none. */
    void delete(MediaKey key) throws IOException;

    /**
     * Whether the store holds exactly this local file's bytes under the key (same size and
     * checksum), so copying it again can be skipped. This default compares the bytes.
     */
    default boolean holds(MediaKey key, Path file) throws IOException {
        Optional<StoredMedia> stored = find(key);
        if (stored.isEmpty() || stored.get().size() != Files.size(file)) {
            return false;
        }
        try (InputStream a = stored.get().open(0);
                InputStream b = Files.newInputStream(file)) {
            byte[] x = new byte[65536];
            byte[] y = new byte[65536];
            while (true) {
                int n = a.readNBytes(x, 0, x.length);
                int m = b.readNBytes(y, 0, y.length);
                if (n != m || !Arrays.equals(x, 0, n, y, 0, m)) {
                    return false;
                }
                if (n == 0) {
                    return true;
                }
            }
        }
    }

    /** A stored file's key and when it was last written. */
    record Listed(MediaKey key, Instant lastModified) {}

    /**
     * Every file under the folder ({@code <folder>/…}, at any depth; {@code ""} for the whole
     * store), in no particular order.
     */
    List<Listed> list(String folder) throws IOException;

    /**
     * A link with which a client (a worker) PUTs the file's bytes straight into the store until
     * {@code validFor} has passed, holding no credential of the store; empty when the store has no
     * links of its own (a local folder: the service's own endpoint takes the bytes instead).
     */
    default Optional<URI> uploadLink(MediaKey key, Duration validFor) {
        return Optional.empty();
    }
}
