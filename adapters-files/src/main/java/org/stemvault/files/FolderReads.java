package org.stemvault.files;

import java.io.IOException;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.media.RecordingFolders.Folder;

/**
 * A recording folder's read with its failures as {@link
 * org.stemvault.domain.media.RecordingFolders} promises them: {@link Invalid} naming {@code
 * metadata.json}, with the reason.
 */
final class FolderReads {

    /** Reads a folder; may fail with an I/O error or the legacy reader's reason. */
    interface Read {
        Folder run() throws IOException;
    }

    private FolderReads() {}

    static Folder of(Read read) {
        try {
            return read.run();
        } catch (IOException e) {
            throw new Invalid(
                    "metadata.json", "the recording's folder cannot be read: " + e.getMessage());
        } catch (Invalid e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new Invalid("metadata.json", e.getMessage());
        }
    }
}
