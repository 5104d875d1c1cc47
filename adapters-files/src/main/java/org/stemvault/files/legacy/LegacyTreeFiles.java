package org.stemvault.files.legacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stemvault.application.legacy.LegacyTree;
import org.stemvault.application.legacy.LegacyTreeWriter;
import org.stemvault.domain.media.MediaKey;
import org.stemvault.domain.media.MediaStore;
import org.stemvault.domain.media.StoredMedia;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.Stem;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes an export as files under one folder: {@code config.yaml} and {@code media/} with the
 * layout {@link LegacyTreeReader} reads, media copied from the store when asked. The folder must be
 * new or empty, so an export never mixes with, or overwrites, anything.
 */
public final class LegacyTreeFiles implements LegacyTreeWriter {

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;
    private final MediaStore store;

    /** Refuses ({@link IllegalArgumentException}) a folder that holds anything already. */
    public LegacyTreeFiles(Path root, MediaStore store) throws IOException {
        if (Files.exists(root)) {
            if (!Files.isDirectory(root)) {
                throw new IllegalArgumentException(root + " is not a folder");
            }
            try (var entries = Files.list(root)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException(
                            root + " is not empty: an export goes into a new or empty folder");
                }
            }
        }
        this.root = root;
        this.store = store;
    }

    /** The exported config file. */
    public Path config() {
        return root.resolve("config.yaml");
    }

    /** The exported media folder, what an import takes as {@code --media}. */
    public Path media() {
        return root.resolve("media");
    }

    @Override
    public void config(List<LegacyTree.Profile> profiles) throws IOException {
        List<Map<String, Object>> list = new ArrayList<>();
        for (LegacyTree.Profile p : profiles) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", p.name());
            entry.put("source_folder", p.sourceFolder());
            if (p.strategy() != null) {
                entry.put("strategy", p.strategy());
            }
            list.add(entry);
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Files.createDirectories(media());
        Files.writeString(config(), new Yaml(options).dump(Map.of("profiles", list)));
    }

    @Override
    public void recording(String profile, Recording recording, boolean withMedia)
            throws IOException {
        String folderKey = profile + "/" + recording.outputName().value();
        Path folder =
                Files.createDirectories(
                        media().resolve(profile).resolve(recording.outputName().value()));
        if (withMedia) {
            for (MediaStore.Listed listed : store.list(folderKey)) {
                MediaKey key = listed.key();
                Optional<StoredMedia> stored = store.find(key);
                if (stored.isEmpty()) {
                    continue; // removed since it was listed
                }
                Path target = media().resolve(key.value()).normalize();
                if (!target.startsWith(folder)) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = stored.get().open(0)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Map<String, Object> stems = new LinkedHashMap<>();
        for (Stem stem : recording.stems()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("stem_type", stem.type().value());
            s.put("measured_lufs", stem.measuredLufs());
            s.put("peak_amplitude", stem.peakAmplitude());
            s.put("stem_gain_adjustment_db", stem.gainAdjustmentDb());
            s.put("stem_url", stem.audio().value());
            s.put("waveform_url", stem.waveform().value());
            stems.put(stem.type().value(), s);
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("display_name", recording.displayName());
        metadata.put("stems", stems);
        Path file = folder.resolve("metadata.json");
        JSON.writeValue(file.toFile(), metadata);
        Files.setLastModifiedTime(file, FileTime.from(recording.createdAt()));
    }

    @Override
    public void processedHashes(String profile, Map<String, String> hashToOutputName)
            throws IOException {
        Path folder = Files.createDirectories(media().resolve(profile));
        JSON.writeValue(folder.resolve(".processed_hashes.json").toFile(), hashToOutputName);
    }
}
