package org.stemvault.domain.media;

import java.util.Set;

/** What the stored rows say the media store holds, to compare the two. */
public interface MediaReferences {

    /**
     * Every key a row refers to: each stem's audio and waveform in its recording's folder, each
     * job's source, each registered source kept under {@code inputs/}.
     */
    Set<MediaKey> referenced();
}
