package org.stemvault.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.stemvault.domain.media.MediaKey;
import org.stemvault.domain.media.MediaStore;
import org.stemvault.domain.media.StoredMedia;

/**
 * Media under a root folder laid out as the keys say ({@code
 * <root>/<profile>/<output_name>/<file>}, {@code <root>/inputs/<profile>/<file>}: the legacy
 * layout). Keys are checked values already; on top, the resolved real path (links followed) must
 * stay inside the key's real folder, or nothing is found.
 */
public final class LocalMediaStore implements MediaStore {

    private final Path root;

    public LocalMediaStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public Optional<StoredMedia> find(MediaKey key) {
        Path candidate = path(key);
        Path folder = anchor(key);
        if (folder == null || !candidate.startsWith(folder) || !folder.startsWith(root)) {
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

    /**
     * Written to a temporary file beside the target, then moved over it: readers see all or
     * nothing.
     */
    @Override
    public long write(MediaKey key, InputStream content) throws IOException {
        Path target = path(key);
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), ".partial-", ".tmp");
        try {
            long written;
            try (OutputStream out = Files.newOutputStream(partial)) {
                written = content.transferTo(out);
            }
            Files.move(
                    partial,
                    target,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            return written;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    @Override
    public void move(MediaKey from, MediaKey to) throws IOException {
        Path target = path(to);
        Files.createDirectories(target.getParent());
        Files.move(
                path(from),
                target,
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void delete(MediaKey key) throws IOException {
        Files.deleteIfExists(path(key));
    }

    /**
     * Regular files under the folder, links not followed; writes still under way are not listed.
     */
    @Override
    public List<Listed> list(String folder) throws IOException {
        Path start =
                folder.isEmpty() ? root : root.resolve(new MediaKey(folder).value()).normalize();
        if (!start.startsWith(root) || !Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<Listed> listed = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(start)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
                        && !path.getFileName().toString().startsWith(".partial-")) {
                    String key = root.relativize(path).toString().replace('\\', '/');
                    listed.add(
                            new Listed(
                                    new MediaKey(key),
                                    Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS)
                                            .toInstant()));
                }
            }
        }
        return listed;
    }

    /**
     * The folder a key's file must really be in, links followed: its first two segments (a
     * recording's folder {@code <profile>/<output_name>}, or a profile's sources {@code
     * inputs/<profile>}).
     */
    private Path anchor(MediaKey key) {
        String[] segments = key.value().split("/");
        return segments.length < 3
                ? null
                : root.resolve(segments[0]).resolve(segments[1]).normalize();
    }

    private Path path(MediaKey key) {
        return root.resolve(key.value()).normalize();
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

        @Override
        public Optional<Path> localFile() {
            return Optional.of(path);
        }
    }
}
