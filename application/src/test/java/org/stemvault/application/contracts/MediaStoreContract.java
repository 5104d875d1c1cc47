package org.stemvault.application.contracts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stemvault.domain.media.MediaKey;
import org.stemvault.domain.media.MediaStore;
import org.stemvault.domain.media.StoredMedia;

/**
 * What every media store does, run against each one: the in-memory fake, the local folder and the
 * S3 bucket. Each test works under a folder of its own, so a shared store needs no emptying.
 */
public abstract class MediaStoreContract {

    /** The store under test. */
    protected abstract MediaStore store();

    MediaStore store;
    String profile;

    @BeforeEach
    final void fresh() {
        store = store();
        profile = "band-" + UUID.randomUUID().toString().substring(0, 8);
    }

    MediaKey key(String recording, String file) {
        return new MediaKey(profile + "/" + recording + "/" + file);
    }

    static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    static String read(StoredMedia media, long offset) throws IOException {
        try (InputStream in = media.open(offset)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void a_written_file_is_found_with_its_size_and_read_from_any_offset() throws Exception {
        MediaKey key = key("take-1", "vocals.opus");
        assertEquals(10, store.write(key, bytes("0123456789")));
        StoredMedia media = store.find(key).orElseThrow();
        assertEquals(10, media.size());
        assertEquals("0123456789", read(media, 0));
        assertEquals("456789", read(media, 4));
        assertEquals("9", read(media, 9));
        assertEquals("", read(media, 10));
        try (InputStream in = media.open(2, 3)) {
            assertEquals("234", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        try (InputStream in = media.open(8, 5)) {
            assertEquals("89", new String(in.readAllBytes(), StandardCharsets.UTF_8), "to the end");
        }
    }

    @Test
    void a_small_file_is_held_when_its_bytes_are_the_same() throws Exception {
        MediaKey key = key("take-1", "vocals.opus");
        store.write(key, bytes("0123456789"));
        java.nio.file.Path local = java.nio.file.Files.createTempFile("stemvault-holds", ".opus");
        try {
            java.nio.file.Files.writeString(local, "0123456789");
            assertTrue(store.holds(key, local));
            java.nio.file.Files.writeString(local, "0123456780");
            assertTrue(!store.holds(key, local));
        } finally {
            java.nio.file.Files.delete(local);
        }
    }

    @Test
    void an_empty_file_is_a_file() throws Exception {
        MediaKey key = key("take-1", "empty.png");
        assertEquals(0, store.write(key, bytes("")));
        assertEquals(0, store.find(key).orElseThrow().size());
        assertEquals("", read(store.find(key).orElseThrow(), 0));
    }

    @Test
    void a_write_replaces_what_was_there_and_changes_the_tag() throws Exception {
        MediaKey key = key("take-1", "vocals.opus");
        store.write(key, bytes("first take"));
        String before = store.find(key).orElseThrow().tag();
        store.write(key, bytes("second take, longer"));
        StoredMedia after = store.find(key).orElseThrow();
        assertEquals("second take, longer", read(after, 0));
        assertNotEquals(before, after.tag());
        assertEquals(after.tag(), store.find(key).orElseThrow().tag(), "a tag is stable");
    }

    @Test
    void missing_files_and_folders_are_not_found() throws Exception {
        store.write(key("take-1", "vocals.opus"), bytes("x"));
        assertTrue(store.find(key("take-1", "drums.opus")).isEmpty());
        assertTrue(store.find(key("take-9", "vocals.opus")).isEmpty());
        assertTrue(store.find(new MediaKey(profile + "/take-1")).isEmpty(), "a folder is no file");
    }

    @Test
    void a_move_gives_the_file_its_new_key_and_a_delete_removes_it_once() throws Exception {
        MediaKey from = new MediaKey("inputs/" + profile + "/upload.wav");
        MediaKey to = new MediaKey("inputs/" + profile + "/take_1a2b3c4d.wav");
        store.write(from, bytes("RIFF....WAVE"));
        store.move(from, to);
        assertTrue(store.find(from).isEmpty());
        assertEquals("RIFF....WAVE", read(store.find(to).orElseThrow(), 0));
        store.delete(to);
        assertTrue(store.find(to).isEmpty());
        store.delete(to); // nothing there: nothing to do
    }

    @Test
    void a_folder_lists_every_file_under_it_and_nothing_beside_it() throws Exception {
        store.write(key("take-1", "vocals.opus"), bytes("a"));
        store.write(key("take-1", "sub/deep.png"), bytes("b"));
        store.write(key("take-10", "vocals.opus"), bytes("c"));
        java.util.Set<String> listed = new java.util.TreeSet<>();
        for (MediaStore.Listed l : store.list(profile + "/take-1")) {
            listed.add(l.key().value());
            assertTrue(l.lastModified().isAfter(java.time.Instant.now().minusSeconds(600)), l + "");
        }
        assertEquals(
                java.util.Set.of(profile + "/take-1/sub/deep.png", profile + "/take-1/vocals.opus"),
                listed);
        assertEquals(3, store.list(profile).size());
        assertTrue(
                store.list("").stream().map(l -> l.key().value()).toList().containsAll(listed),
                "the whole store");
        assertTrue(store.list(profile + "/take-9").isEmpty());
    }

    @Test
    void moving_a_missing_file_is_an_error() {
        assertThrows(
                IOException.class,
                () ->
                        store.move(
                                new MediaKey("inputs/" + profile + "/none.wav"),
                                new MediaKey("inputs/" + profile + "/other.wav")));
    }

    @Test
    void a_large_stream_of_unknown_length_is_stored_whole() throws Exception {
        byte[] data = new byte[21 * 1024 * 1024 + 123]; // more than two multipart parts
        new Random(7).nextBytes(data);
        MediaKey key = key("take-1", "large.wav");
        InputStream unknownLength =
                new java.io.FilterInputStream(new ByteArrayInputStream(data)) {
                    @Override
                    public int available() {
                        return 0;
                    }
                };
        assertEquals(data.length, store.write(key, unknownLength));
        StoredMedia media = store.find(key).orElseThrow();
        assertEquals(data.length, media.size());
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = media.open(0)) {
            byte[] chunk = new byte[65536];
            for (int n; (n = in.read(chunk)) > 0; ) {
                sha.update(chunk, 0, n);
            }
        }
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data), sha.digest());
        java.nio.file.Path local = java.nio.file.Files.createTempFile("stemvault-holds", ".wav");
        try {
            java.nio.file.Files.write(local, data);
            assertTrue(store.holds(key, local), "the same bytes are held");
            data[data.length / 2] ^= 1;
            java.nio.file.Files.write(local, data);
            assertTrue(!store.holds(key, local), "one byte changed is another file");
            assertTrue(!store.holds(key("take-1", "none.wav"), local), "nothing stored");
        } finally {
            java.nio.file.Files.delete(local);
        }
        data[data.length / 2] ^= 1;
        try (InputStream in = media.open(data.length - 3)) {
            assertArrayEquals(
                    java.util.Arrays.copyOfRange(data, data.length - 3, data.length),
                    in.readAllBytes());
        }
    }
}
