package org.stemvault.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemvault.domain.media.StoredMedia;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.MediaFileName;
import org.stemvault.domain.recording.OutputName;

class LocalMediaStoreTest {

    @TempDir Path dir;
    Path root;
    LocalMediaStore store;

    @BeforeEach
    void tree() throws Exception {
        root = dir.resolve("media");
        Files.createDirectories(root.resolve("band/take-1/sub"));
        Files.createDirectories(root.resolve("band/take-2"));
        Files.writeString(root.resolve("band/take-1/vocals.opus"), "0123456789");
        Files.writeString(root.resolve("band/take-1/sub/deep.png"), "png");
        Files.writeString(root.resolve("band/take-2/other.opus"), "other recording");
        Files.writeString(dir.resolve("secret.txt"), "outside the root");
        store = new LocalMediaStore(root);
    }

    StoredMedia find(String profile, String recording, String file) {
        return store.find(
                        new ProfileName(profile),
                        new OutputName(recording),
                        new MediaFileName(file))
                .orElse(null);
    }

    @Test
    void a_file_in_the_recordings_folder_is_found_and_read_from_any_offset() throws Exception {
        StoredMedia media = find("band", "take-1", "vocals.opus");
        assertEquals(10, media.size());
        try (InputStream in = media.open(4)) {
            assertArrayEquals("456789".getBytes(), in.readAllBytes());
        }
        assertEquals(3, find("band", "take-1", "sub/deep.png").size());
    }

    @Test
    void the_tag_changes_when_the_file_does() throws Exception {
        String before = find("band", "take-1", "vocals.opus").tag();
        Path file = root.resolve("band/take-1/vocals.opus");
        Files.writeString(file, "01234567890");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertNotEquals(before, find("band", "take-1", "vocals.opus").tag());
    }

    @Test
    void missing_files_folders_and_directories_are_not_found() {
        assertEquals(null, find("band", "take-1", "drums.opus"));
        assertEquals(null, find("band", "take-9", "vocals.opus"));
        assertEquals(null, find("band", "take-1", "sub"));
    }

    @Test
    void a_link_pointing_out_of_the_recordings_folder_is_not_found() throws Exception {
        Files.createSymbolicLink(
                root.resolve("band/take-1/escape.opus"), dir.resolve("secret.txt"));
        Files.createSymbolicLink(
                root.resolve("band/take-1/sideways.opus"), root.resolve("band/take-2/other.opus"));
        Files.createSymbolicLink(root.resolve("band/take-1/folder"), dir);
        assertEquals(null, find("band", "take-1", "escape.opus"));
        assertEquals(null, find("band", "take-1", "sideways.opus"));
        assertEquals(null, find("band", "take-1", "folder/secret.txt"));
        assertTrue(Files.exists(root.resolve("band/take-1/escape.opus")));
    }
}
