package org.stemvault.application.legacy;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.stemvault.domain.recording.Recording;

/**
 * Where an export writes a library back in the JSON-on-disk layout {@link LegacyTree} reads: the
 * config file, each recording's {@code <profile>/<output_name>/metadata.json}, each profile's
 * {@code .processed_hashes.json}, and, when asked, the recordings' media.
 */
public interface LegacyTreeWriter {

    /** The config file, naming these profiles in this order. */
    void config(List<LegacyTree.Profile> profiles) throws IOException;

    /**
     * One recording's folder: its media first when {@code withMedia} (every file the store holds
     * under the folder), then its {@code metadata.json} (display name and stems), dated at the
     * recording's creation, which is what an import reads back as its creation time.
     */
    void recording(String profile, Recording recording, boolean withMedia) throws IOException;

    /** A profile's {@code .processed_hashes.json}: source hash to output name. */
    void processedHashes(String profile, Map<String, String> hashToOutputName) throws IOException;
}
