package org.stemvault.files.legacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.stemvault.application.legacy.LegacyTree;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.audio.Sha256;
import org.stemvault.domain.media.RecordingFolders.Folder;
import org.stemvault.domain.recording.MediaFileName;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Stem;
import org.stemvault.domain.recording.StemType;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads the legacy layout: {@code config.yaml} with its {@code profiles:} list, and {@code
 * media/<profile>/<output_name>/metadata.json} with the stems beside it, plus the profile's {@code
 * .processed_hashes.json}. Every stem file is measured (size, and duration from its audio headers);
 * anything wrong with a folder fails that folder alone, with the reason.
 */
public final class LegacyTreeReader implements LegacyTree {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path config;
    private final Path media;

    public LegacyTreeReader(Path config, Path media) {
        this.config = config;
        this.media = media.toAbsolutePath().normalize();
    }

    /**
     * A reader of a tree that can be read: the config parses and has its profiles, and the media
     * folder is a folder; else {@link Unreadable} naming the file (and the line of a YAML error),
     * before anything is done.
     */
    public static LegacyTreeReader open(Path config, Path media) {
        if (!Files.isDirectory(media)) {
            throw new Unreadable(
                    "the media folder " + media + " does not exist or is not a folder");
        }
        LegacyTreeReader reader = new LegacyTreeReader(config, media);
        reader.profiles();
        return reader;
    }

    @Override
    public List<Profile> profiles() {
        Object root;
        try (InputStream in = Files.newInputStream(config)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            throw new Unreadable(
                    config
                            + (mark == null
                                    ? ""
                                    : " line "
                                            + (mark.getLine() + 1)
                                            + ", column "
                                            + (mark.getColumn() + 1))
                            + ": "
                            + e.getProblem());
        } catch (NoSuchFileException e) {
            throw new Unreadable("the config file " + config + " does not exist");
        } catch (IOException | RuntimeException e) {
            throw new Unreadable("cannot read " + config + ": " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> top) || !(top.get("profiles") instanceof List<?> list)) {
            throw new Unreadable(config + " has no 'profiles:' list");
        }
        List<Profile> profiles = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof Map<?, ?> p && p.get("name") != null) {
                profiles.add(
                        new Profile(
                                String.valueOf(p.get("name")),
                                p.get("source_folder") == null
                                        ? ""
                                        : String.valueOf(p.get("source_folder")),
                                p.get("strategy") == null
                                        ? null
                                        : String.valueOf(p.get("strategy"))));
            } else {
                throw new Unreadable(config + ": every profile needs a name");
            }
        }
        return profiles;
    }

    @Override
    public List<Recording> recordings(String profile) {
        List<Path> folders = folders(profile);
        if (folders.isEmpty()) {
            return List.of();
        }
        Map<String, String> hashes = processedHashes(folders.get(0).getParent());
        List<Recording> recordings = new ArrayList<>();
        for (Path folder : folders) {
            recordings.add(read(folder, hashes));
        }
        return recordings;
    }

    @Override
    public int size(String profile) {
        return folders(profile).size();
    }

    @Override
    public boolean holds(Recording recording, MediaFileName file) {
        try {
            return Files.isRegularFile(inside(media.resolve(recording.path()), file));
        } catch (IOException | IllegalArgumentException | Invalid outside) {
            return false;
        }
    }

    /** The profile's recording folders, by name (hidden ones left out). */
    private List<Path> folders(String profile) {
        Path dir = media.resolve(profile).normalize();
        if (!dir.startsWith(media) || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(dir)) {
            return folders.filter(Files::isDirectory)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list " + dir + ": " + e.getMessage());
        }
    }

    /**
     * {@code output_name -> sha256} from the profile's {@code .processed_hashes.json} (sha256 ->
     * output_name).
     */
    private static Map<String, String> processedHashes(Path dir) {
        Path file = dir.resolve(".processed_hashes.json");
        Map<String, String> byOutput = new HashMap<>();
        if (Files.isRegularFile(file)) {
            try {
                JsonNode node = JSON.readTree(file.toFile());
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    byOutput.putIfAbsent(e.getValue().asText(), e.getKey());
                }
            } catch (IOException e) {
                // unreadable: every recording of the profile then reports that it has no source
                // hash
            }
        }
        return byOutput;
    }

    private Recording read(Path folder, Map<String, String> hashes) {
        String path = media.relativize(folder).toString();
        OutputName outputName;
        try {
            outputName = new OutputName(folder.getFileName().toString());
        } catch (Invalid e) {
            return Recording.failed(
                    path, "the folder name is not a valid output name: " + e.getMessage());
        }
        Path metadata = folder.resolve("metadata.json");
        Folder read;
        try {
            read = folder(folder);
        } catch (IllegalArgumentException | Invalid e) {
            return Recording.failed(path, e.getMessage());
        }
        String displayName = read.displayName();
        List<Stem> stems = read.stems();
        try {
            return new Recording(
                    path,
                    outputName,
                    displayName == null ? outputName.value() : displayName,
                    stems,
                    source(folder, hashes.get(outputName.value())),
                    Files.getLastModifiedTime(metadata).toInstant().truncatedTo(ChronoUnit.MICROS),
                    null);
        } catch (IOException e) {
            return Recording.failed(path, "cannot read " + e.getMessage());
        }
    }

    /**
     * A recording folder's {@code metadata.json} and stem files: the display name (null when blank)
     * and the stems, their sizes and durations measured from the files; {@link
     * IllegalArgumentException} with the reason when the folder cannot be read.
     */
    public static Folder folder(Path folder) {
        Path metadata = folder.resolve("metadata.json");
        if (!Files.isRegularFile(metadata)) {
            throw new IllegalArgumentException("no metadata.json");
        }
        JsonNode root;
        try {
            root = JSON.readTree(metadata.toFile());
        } catch (IOException e) {
            String why =
                    e instanceof JsonProcessingException j
                            ? j.getOriginalMessage()
                            : e.getMessage();
            throw new IllegalArgumentException("malformed metadata.json: " + why);
        }
        JsonNode stemsNode = root == null ? null : root.get("stems");
        if (stemsNode == null || !stemsNode.isObject() || stemsNode.isEmpty()) {
            throw new IllegalArgumentException("no stems in metadata.json");
        }
        List<Stem> stems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = stemsNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            try {
                stems.add(stem(folder, entry.getValue()));
            } catch (Exception e) {
                throw new IllegalArgumentException(
                        "stem '" + entry.getKey() + "': " + e.getMessage());
            }
        }
        String displayName = root.path("display_name").asText("");
        return new Folder(displayName.isBlank() ? null : displayName, stems);
    }

    /**
     * The stem audio files a folder's {@code metadata.json} names ({@code stems.*.stem_url}), so a
     * folder kept elsewhere can be fetched before {@link #folder} reads it; what cannot be a file
     * name is left for {@link #folder} to report.
     */
    public static List<MediaFileName> stemFiles(Path metadata) {
        List<MediaFileName> files = new ArrayList<>();
        try {
            JsonNode stems = JSON.readTree(metadata.toFile()).get("stems");
            if (stems != null && stems.isObject()) {
                for (JsonNode stem : stems) {
                    JsonNode url = stem.get("stem_url");
                    if (url != null && url.isTextual()) {
                        try {
                            files.add(MediaFileName.of("stem_url", url.asText()));
                        } catch (Invalid e) {
                            // reported by folder()
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // malformed: reported by folder()
        }
        return files;
    }

    private static Stem stem(Path folder, JsonNode s) throws Exception {
        MediaFileName audio = MediaFileName.of("stem_url", text(s, "stem_url"));
        MediaFileName waveform = MediaFileName.of("waveform_url", text(s, "waveform_url"));
        Path file = inside(folder, audio);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("stem file missing: " + audio);
        }
        double duration;
        try {
            duration = AudioDurations.seconds(file);
        } catch (Exception e) {
            throw new IllegalArgumentException(
                    "cannot read the duration of " + audio + " (" + e.getMessage() + ")");
        }
        JsonNode lufs = s.get("measured_lufs");
        return new Stem(
                new StemType(text(s, "stem_type")),
                lufs == null || lufs.isNull() ? null : number(s, "measured_lufs"),
                number(s, "peak_amplitude"),
                number(s, "stem_gain_adjustment_db"),
                audio,
                waveform,
                Files.size(file),
                duration);
    }

    /** The file a name points at, when it stays inside the recording's folder (links followed). */
    private static Path inside(Path folder, MediaFileName name) throws IOException {
        Path file = folder.resolve(name.value()).normalize();
        if (!file.startsWith(folder)
                || (Files.exists(file) && !file.toRealPath().startsWith(folder.toRealPath()))) {
            throw new IllegalArgumentException(name + " leaves the recording's folder");
        }
        return file;
    }

    private static String text(JsonNode s, String field) {
        JsonNode v = s.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(field + " is missing or not a string");
        }
        return v.asText();
    }

    private static double number(JsonNode s, String field) {
        JsonNode v = s.get(field);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException(field + " is missing or not a number");
        }
        return v.asDouble();
    }

    /**
     * The source's real hash: from the processed-hashes file, else by hashing {@code source.<ext>};
     * else none.
     */
    private static Source source(Path folder, String knownHash) throws IOException {
        Optional<Path> file;
        try (Stream<Path> files = Files.list(folder)) {
            file =
                    files.filter(
                                    f ->
                                            f.getFileName().toString().startsWith("source.")
                                                    && Files.isRegularFile(f))
                            .findFirst();
        }
        Sha256 hash = null;
        if (knownHash != null) {
            try {
                hash = new Sha256(knownHash);
            } catch (Invalid e) {
                hash = null;
            }
        }
        if (file.isEmpty()) {
            return hash == null ? null : new Source(hash, null, null, null);
        }
        Path source = file.get();
        if (hash == null) {
            hash = new Sha256(sha256(source));
        }
        Double duration;
        try {
            duration = AudioDurations.seconds(source);
        } catch (Exception e) {
            duration = null;
        }
        return new Source(hash, source.getFileName().toString(), Files.size(source), duration);
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
