package org.stemvault.domain.media;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

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
}
