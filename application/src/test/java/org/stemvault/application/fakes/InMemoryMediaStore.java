package org.stemvault.application.fakes;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.stemvault.domain.media.MediaKey;
import org.stemvault.domain.media.MediaStore;
import org.stemvault.domain.media.StoredMedia;

/** A media store in memory, for use-case tests: every file's bytes by key. */
public final class InMemoryMediaStore implements MediaStore {

    private final Map<MediaKey, byte[]> files = new ConcurrentHashMap<>();
    private final Map<MediaKey, Instant> written = new ConcurrentHashMap<>();

    @Override
    public Optional<StoredMedia> find(MediaKey key) {
        byte[] bytes = files.get(key);
        return bytes == null
                ? Optional.empty()
                : Optional.of(
                        new StoredMedia() {
                            @Override
                            public long size() {
                                return bytes.length;
                            }

                            @Override
                            public Instant lastModified() {
                                return written.getOrDefault(key, Instant.EPOCH);
                            }

                            @Override
                            public String tag() {
                                return Integer.toHexString(java.util.Arrays.hashCode(bytes));
                            }

                            @Override
                            public InputStream open(long offset) {
                                return new ByteArrayInputStream(
                                        bytes, (int) offset, bytes.length - (int) offset);
                            }
                        });
    }

    @Override
    public long write(MediaKey key, InputStream content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long written = content.transferTo(out);
        files.put(key, out.toByteArray());
        this.written.put(key, Instant.now());
        return written;
    }

    @Override
    public void move(MediaKey from, MediaKey to) throws IOException {
        byte[] bytes = files.remove(from);
        if (bytes == null) {
            throw new IOException("no file at " + from);
        }
        files.put(to, bytes);
        written.put(to, written.getOrDefault(from, Instant.EPOCH));
        written.remove(from);
    }

    @Override
    public void delete(MediaKey key) {
        files.remove(key);
        written.remove(key);
    }

    @Override
    public java.util.List<Listed> list(String folder) {
        String prefix = folder.isEmpty() ? "" : new MediaKey(folder).value() + "/";
        return files.keySet().stream()
                .filter(k -> k.value().startsWith(prefix))
                .map(k -> new Listed(k, written.getOrDefault(k, Instant.EPOCH)))
                .toList();
    }

    /** The keys stored now. */
    public java.util.Set<MediaKey> keys() {
        return java.util.Set.copyOf(files.keySet());
    }
}
