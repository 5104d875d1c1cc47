package org.stemvault.application.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.stemvault.application.fakes.InMemoryMediaStore;
import org.stemvault.application.fakes.InMemoryWorld;
import org.stemvault.domain.media.MediaDeletion;
import org.stemvault.domain.media.MediaKey;
import org.stemvault.domain.media.MediaStore;
import org.stemvault.domain.media.StoredMedia;

class MediaCleanupTest {

    final InMemoryWorld world = new InMemoryWorld();
    final InMemoryMediaStore store = new InMemoryMediaStore();

    MediaCleanup cleanup(MediaStore media, Instant now) {
        return new MediaCleanup(
                world.mediaDeletions(),
                media,
                Clock.fixed(now, ZoneOffset.UTC),
                Duration.ofMinutes(5),
                Duration.ofSeconds(30));
    }

    void write(String key) throws IOException {
        store.write(new MediaKey(key), new ByteArrayInputStream(new byte[] {1}));
    }

    @Test
    void a_request_removes_its_folders_files_and_is_forgotten() throws Exception {
        write("band/take-1/vocals.opus");
        write("band/take-1/vocals_waveform.png");
        write("band/take-10/vocals.opus");
        world.mediaDeletions().request(MediaDeletion.of("band/take-1", Instant.now()));
        assertEquals(1, cleanup(store, Instant.now()).drain(10));
        assertEquals(
                java.util.Set.of(new MediaKey("band/take-10/vocals.opus")),
                store.keys(),
                "the folder beside it stays");
        assertTrue(world.mediaDeletions().pending().isEmpty());
    }

    @Test
    void partial_uploads_older_than_the_grace_are_swept_and_nothing_else() throws Exception {
        write("inputs/band/.upload-1b2c");
        write("inputs/attic/.upload-3d4e");
        write("inputs/band/take_1a2b3c4d.wav");
        write("band/take-1/.upload-not-an-input");
        Instant now = Instant.now();
        assertEquals(0, cleanup(store, now).sweepPartialUploads(), "within the grace they stay");
        assertEquals(4, store.keys().size());
        Instant later = now.plus(MediaCleanup.PARTIAL_UPLOAD_GRACE).plusSeconds(5);
        assertEquals(2, cleanup(store, later).sweepPartialUploads());
        assertEquals(
                java.util.Set.of(
                        new MediaKey("inputs/band/take_1a2b3c4d.wav"),
                        new MediaKey("band/take-1/.upload-not-an-input")),
                store.keys());
    }

    @Test
    void a_request_for_one_file_removes_that_file_and_not_its_neighbours() throws Exception {
        write("inputs/band/take_1a2b3c4d.wav");
        write("inputs/band/take_1a2b3c4d.wav2");
        write("inputs/band/other_5e6f7a8b.wav");
        world.mediaDeletions()
                .request(MediaDeletion.of("inputs/band/take_1a2b3c4d.wav", Instant.now()));
        assertEquals(1, cleanup(store, Instant.now()).drain(10));
        assertEquals(
                java.util.Set.of(
                        new MediaKey("inputs/band/take_1a2b3c4d.wav2"),
                        new MediaKey("inputs/band/other_5e6f7a8b.wav")),
                store.keys());
    }

    @Test
    void a_file_written_after_the_request_belongs_to_what_came_after_and_stays() throws Exception {
        world.mediaDeletions()
                .request(MediaDeletion.of("band/take-1", Instant.now().minus(Duration.ofHours(1))));
        write("band/take-1/vocals.opus"); // a new attempt's output, long after the request
        cleanup(store, Instant.now()).drain(10);
        assertEquals(java.util.Set.of(new MediaKey("band/take-1/vocals.opus")), store.keys());
    }

    @Test
    void a_store_that_fails_leaves_the_request_for_later_and_nothing_is_lost() throws Exception {
        write("band/take-1/vocals.opus");
        Instant now = Instant.now();
        world.mediaDeletions().request(MediaDeletion.of("band/take-1", now));
        MediaStore away =
                new MediaStore() {
                    @Override
                    public Optional<StoredMedia> find(MediaKey key) {
                        throw new AssertionError();
                    }

                    @Override
                    public long write(MediaKey key, InputStream content) {
                        throw new AssertionError();
                    }

                    @Override
                    public void move(MediaKey from, MediaKey to) {
                        throw new AssertionError();
                    }

                    @Override
                    public void delete(MediaKey key) throws IOException {
                        throw new IOException("the bucket did not answer");
                    }

                    @Override
                    public List<Listed> list(String folder) throws IOException {
                        return store.list(folder);
                    }
                };
        assertEquals(0, cleanup(away, now).drain(10));
        MediaDeletion waiting = world.mediaDeletions().pending().get(0);
        assertEquals(1, waiting.attempts());
        assertEquals(0, cleanup(store, now.plusSeconds(29)).drain(10), "not before its pause");
        assertEquals(1, cleanup(store, now.plusSeconds(31)).drain(10), "the store is back");
        assertTrue(store.keys().isEmpty());
        assertTrue(world.mediaDeletions().pending().isEmpty());
    }
}
