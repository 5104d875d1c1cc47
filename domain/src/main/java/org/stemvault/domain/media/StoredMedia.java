package org.stemvault.domain.media;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
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

    /** Changes whenever the content may have: a version of it, for a reader to compare. */
    String tag();

    /** The bytes from {@code offset} to the end. */
    InputStream open(long offset) throws IOException;

    /**
     * {@code length} bytes from {@code offset} (fewer at the end): a store that can read a range
     * reads only that.
     */
    default InputStream open(long offset, long length) throws IOException {
        InputStream in = open(offset);
        return new FilterInputStream(in) {
            long left = length;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = super.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int off, int count) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = super.read(buffer, off, (int) Math.min(count, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }
        };
    }

    /**
     * The file on this machine's disk that holds these bytes, when the store keeps them so (a local
     * folder): a server can then hand the range to the kernel ({@code sendfile}) instead of copying
     * it through memory. Empty for a bucket.
     */
    default Optional<Path> localFile() {
        return Optional.empty();
    }

    /**
     * A link that fetches these bytes straight from the store, with this content type, until {@code
     * validFor} has passed; empty when the store has no links of its own (a local folder).
     */
    default Optional<URI> link(Duration validFor, String contentType) {
        return Optional.empty();
    }
}
