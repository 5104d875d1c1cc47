package org.stemvault.domain.media;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A stored media file: its size, when it last changed, a tag that changes with its content, and its
 * bytes.
 */
public interface StoredMedia {

    long size();

    Instant lastModified();

    /** Changes whenever the content may have (an HTTP entity tag, without quotes). */
    String tag();

    /** The bytes from {@code offset} to the end. */
    InputStream open(long offset) throws IOException;

    /**
     * A link that fetches these bytes straight from the store, with this content type, until {@code
     * validFor} has passed; empty when the store has no links of its own (a local folder).
     */
    default Optional<URI> link(Duration validFor, String contentType) {
        return Optional.empty();
    }
}
