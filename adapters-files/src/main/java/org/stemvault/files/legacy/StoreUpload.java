package org.stemvault.files.legacy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.stemvault.domain.media.MediaKey;
import org.stemvault.domain.media.MediaStore;

/**
 * Copies a legacy {@code media/} folder into a media store under the same keys ({@code
 * <profile>/<output_name>/<file>}): a file the store already holds with the same size and checksum
 * is skipped, so a second run copies nothing and an interrupted one resumes where it stopped.
 */
public final class StoreUpload {

    /** How many files of a folder were copied and how many the store held already. */
    public record Counts(int copied, int skipped) {}

    private final MediaStore store;
    private final Path media;

    public StoreUpload(MediaStore store, Path media) {
        this.store = store;
        this.media = media.toAbsolutePath().normalize();
    }

    /** Copies the regular files under {@code folder} (relative to the media folder). */
    public Counts folder(String folder) throws IOException {
        Path start = media.resolve(folder).normalize();
        if (!start.startsWith(media) || !Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(folder + " is not a folder of " + media);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(start)) {
            files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList();
        }
        int copied = 0;
        int skipped = 0;
        for (Path file : files) {
            MediaKey key = new MediaKey(media.relativize(file).toString().replace('\\', '/'));
            if (store.holds(key, file)) {
                skipped++;
                continue;
            }
            try (InputStream in = Files.newInputStream(file)) {
                store.write(key, in);
            }
            copied++;
        }
        return new Counts(copied, skipped);
    }
}
