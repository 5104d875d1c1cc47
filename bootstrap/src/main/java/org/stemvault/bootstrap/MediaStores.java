package org.stemvault.bootstrap;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.stemvault.domain.media.MediaStore;
import org.stemvault.domain.media.RecordingFolders;
import org.stemvault.files.LocalMediaStore;
import org.stemvault.files.LocalRecordingFolders;
import org.stemvault.files.StoreRecordingFolders;
import org.stemvault.s3.S3MediaStore;

/**
 * The media store, chosen by {@code stemvault.media.store}: the local folder (the default) or an
 * S3-compatible bucket, whose reachability is checked at start-up (and which is created first when
 * {@code create-bucket} says so, as in development).
 */
@Factory
final class MediaStores {

    @Singleton
    @Requires(property = "stemvault.media.store", notEquals = MediaSettings.S3_STORE)
    MediaStore local(MediaSettings settings) {
        return new LocalMediaStore(Path.of(settings.root()));
    }

    @Singleton
    @Requires(property = "stemvault.media.store", value = MediaSettings.S3_STORE)
    S3MediaStore s3(MediaSettings.S3 s3) {
        S3MediaStore store = new S3MediaStore(s3.toSettings());
        try {
            store.checkBucket(s3.createBucket());
        } catch (IllegalStateException e) {
            throw new StartupFailure(e.getMessage());
        }
        return store;
    }

    /** Recording folders as workers leave them, read in place from the local folder. */
    @Singleton
    @Requires(property = "stemvault.media.store", notEquals = MediaSettings.S3_STORE)
    RecordingFolders localFolders(MediaSettings settings) {
        return new LocalRecordingFolders(Path.of(settings.root()));
    }

    /** Recording folders in the bucket, copied to a scratch folder to be read and measured. */
    @Singleton
    @Requires(property = "stemvault.media.store", value = MediaSettings.S3_STORE)
    RecordingFolders storeFolders(MediaStore store) {
        try {
            return new StoreRecordingFolders(
                    store, Files.createTempDirectory("stemvault-recording-folders"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
