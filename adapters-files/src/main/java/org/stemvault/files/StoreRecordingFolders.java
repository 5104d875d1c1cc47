package org.stemvault.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.media.MediaKey;
import org.stemvault.domain.media.MediaStore;
import org.stemvault.domain.media.RecordingFolders;
import org.stemvault.domain.media.StoredMedia;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.MediaFileName;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.files.legacy.LegacyTreeReader;

/**
 * Recording folders kept in any media store (a bucket): {@code metadata.json} and the stem files it
 * names are copied into a scratch folder, read and measured by the legacy import's own reader, and
 * the copy removed.
 */
public final class StoreRecordingFolders implements RecordingFolders {

    private static final MediaFileName METADATA = new MediaFileName("metadata.json");

    private final MediaStore store;
    private final Path scratch;

    public StoreRecordingFolders(MediaStore store, Path scratch) {
        this.store = store;
        this.scratch = scratch;
    }

    @Override
    public Folder read(ProfileName profile, OutputName recording) {
        Path[] folder = new Path[1];
        try {
            return FolderReads.of(
                    () -> {
                        Files.createDirectories(scratch);
                        folder[0] = Files.createTempDirectory(scratch, "folder-");
                        return copied(profile, recording, folder[0]);
                    });
        } finally {
            remove(folder[0]);
        }
    }

    /** Copies metadata.json and the stem files it names into the folder, then reads it. */
    private Folder copied(ProfileName profile, OutputName recording, Path folder)
            throws IOException {
        if (!copy(MediaKey.output(profile, recording, METADATA), folder.resolve("metadata.json"))) {
            throw new Invalid("metadata.json", "no metadata.json");
        }
        for (MediaFileName file : LegacyTreeReader.stemFiles(folder.resolve("metadata.json"))) {
            Path target = folder.resolve(file.value()).normalize();
            if (target.startsWith(folder)) {
                Files.createDirectories(target.getParent());
                copy(MediaKey.output(profile, recording, file), target);
            }
        }
        return LegacyTreeReader.folder(folder);
    }

    /** Copies a stored file; false when there is none. */
    private boolean copy(MediaKey key, Path target) throws IOException {
        Optional<StoredMedia> media = store.find(key);
        if (media.isEmpty()) {
            return false;
        }
        try (InputStream in = media.get().open(0)) {
            Files.copy(in, target);
        }
        return true;
    }

    private static void remove(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a scratch copy left behind is only disk space
        }
    }
}
