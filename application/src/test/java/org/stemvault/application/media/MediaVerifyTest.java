package org.stemvault.application.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stemvault.application.fakes.InMemoryMediaStore;
import org.stemvault.application.fakes.World;
import org.stemvault.domain.media.MediaDeletion;
import org.stemvault.domain.media.MediaKey;
import org.stemvault.domain.profile.Profile;

class MediaVerifyTest {

    final World world = new World();
    final InMemoryMediaStore store = new InMemoryMediaStore();
    final MediaVerify verify =
            new MediaVerify(world.ports.mediaReferences(), store, world.ports.mediaDeletions());

    void put(String key) throws Exception {
        store.write(new MediaKey(key), new ByteArrayInputStream(new byte[] {1}));
    }

    @Test
    void a_library_whose_rows_and_files_agree_is_clean() throws Exception {
        Profile band = world.profile("band");
        world.take(band, "take-1", 0);
        for (String type : new String[] {"vocals", "drums", "bass", "other"}) {
            put("band/take-1/" + type + ".opus");
            put("band/take-1/" + type + "_waveform.png");
        }
        put("band/take-1/metadata.json"); // the worker's note: belongs to its recording
        MediaVerify.Report report = verify.verify();
        assertTrue(report.clean(), report.toString());
        assertEquals(8, report.referenced());
        assertEquals(9, report.stored());
    }

    @Test
    void missing_files_and_files_no_row_refers_to_are_listed_but_not_those_waiting_for_removal()
            throws Exception {
        Profile band = world.profile("band");
        world.take(band, "take-1", 0);
        put("band/take-1/vocals.opus");
        put("band/take-9/vocals.opus"); // no such recording
        put("inputs/band/.upload-1234"); // an upload cut off before it was moved
        put("band/take-2/drums.opus"); // its recording was deleted: a deletion is pending
        world.ports.mediaDeletions().request(MediaDeletion.of("band/take-2", Instant.now()));
        MediaVerify.Report report = verify.verify();
        assertEquals(7, report.missing().size(), report.missing().toString());
        assertTrue(report.missing().contains(new MediaKey("band/take-1/vocals_waveform.png")));
        assertEquals(
                List.of(
                        new MediaKey("band/take-9/vocals.opus"),
                        new MediaKey("inputs/band/.upload-1234")),
                report.unreferenced());
        assertTrue(!report.clean());
    }
}
