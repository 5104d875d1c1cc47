package org.stemvault.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Optional;
import org.stemvault.domain.media.MediaStore;
import org.stemvault.domain.media.StoredMedia;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.MediaFileName;
import org.stemvault.domain.recording.OutputName;

/**
 * Media under a root folder laid out as {@code <root>/<profile>/<output_name>/<file>} (the legacy
 * layout). The names are checked values already; on top, the resolved real path (links followed)
 * must stay inside the recording's real folder, or nothing is found.
 */
public final class LocalMediaStore implements MediaStore {

    private final Path root;

    public LocalMediaStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public Optional<StoredMedia> find(
            ProfileName profile, OutputName recording, MediaFileName file) {
        Path folder = root.resolve(profile.value()).resolve(recording.value()).normalize();
        Path candidate = folder.resolve(file.value()).normalize();
        if (!folder.startsWith(root) || !candidate.startsWith(folder)) {
            return Optional.empty();
        }
        try {
            Path realFolder = folder.toRealPath();
            Path real = candidate.toRealPath();
            if (!real.startsWith(realFolder)
                    || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
            return Optional.of(
                    new LocalFile(
                            real, attributes.size(), attributes.lastModifiedTime().toInstant()));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    private record LocalFile(Path path, long size, Instant lastModified) implements StoredMedia {

        @Override
        public String tag() {
            return Long.toHexString(size) + "-" + Long.toHexString(lastModified.toEpochMilli());
        }

        @Override
        public InputStream open(long offset) throws IOException {
            SeekableByteChannel channel = Files.newByteChannel(path, StandardOpenOption.READ);
            channel.position(offset);
            return Channels.newInputStream(channel);
        }
    }
}
