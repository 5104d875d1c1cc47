package org.stemvault.files;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.stemvault.application.contracts.MediaStoreContract;
import org.stemvault.domain.media.MediaStore;

class LocalMediaStoreContractTest extends MediaStoreContract {

    @TempDir Path root;

    @Override
    protected MediaStore store() {
        return new LocalMediaStore(root);
    }
}
