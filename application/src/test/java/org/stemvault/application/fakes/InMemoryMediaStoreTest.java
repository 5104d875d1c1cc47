package org.stemvault.application.fakes;

import org.stemvault.application.contracts.MediaStoreContract;
import org.stemvault.domain.media.MediaStore;

class InMemoryMediaStoreTest extends MediaStoreContract {

    @Override
    protected MediaStore store() {
        return new InMemoryMediaStore();
    }
}
