package org.stemvault.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemvault.application.fakes.InMemoryMediaStore;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.media.RecordingFolders.Folder;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.files.legacy.LegacyFixture;
import org.stemvault.files.legacy.StoreUpload;

/** A worker's folder read from a store (a bucket) reads as the same folder read in place. */
class StoreRecordingFoldersTest {

    @TempDir Path dir;

    @Test
    void a_folder_in_a_store_reads_like_the_folder_in_place_and_leaves_no_scratch_copy()
            throws Exception {
        LegacyFixture tree = new LegacyFixture(dir.resolve("legacy")).config("band");
        tree.recording("band", "take-1", "One", "vocals", "vocals.wav");
        InMemoryMediaStore store = new InMemoryMediaStore();
        new StoreUpload(store, tree.media()).folder("band/take-1");
        Path scratch = dir.resolve("scratch");

        Folder fromStore =
                new StoreRecordingFolders(store, scratch)
                        .read(new ProfileName("band"), new OutputName("take-1"));
        Folder inPlace =
                new LocalRecordingFolders(tree.media())
                        .read(new ProfileName("band"), new OutputName("take-1"));
        assertEquals(inPlace, fromStore);
        assertEquals(1, fromStore.stems().size());
        try (var left = Files.list(scratch)) {
            assertEquals(0, left.count(), "the scratch copy is removed");
        }
    }

    @Test
    void a_folder_without_metadata_is_invalid_naming_metadata_json() {
        Invalid e =
                assertThrows(
                        Invalid.class,
                        () ->
                                new StoreRecordingFolders(new InMemoryMediaStore(), dir)
                                        .read(new ProfileName("band"), new OutputName("take-9")));
        assertEquals("metadata.json", e.field());
        assertTrue(e.getMessage().contains("no metadata.json"), e.getMessage());
    }
}
