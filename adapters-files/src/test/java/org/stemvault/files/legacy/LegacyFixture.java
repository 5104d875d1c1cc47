package org.stemvault.files.legacy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds legacy trees for tests: a config file, recording folders with metadata.json, real audio
 * files (WAV written here, tiny Opus/FLAC/MP3 from the test resources), processed-hash files.
 */
public final class LegacyFixture {

    /** The eight-byte signature that opens every PNG file: a waveform's stand-in. */
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final Path root;

    public LegacyFixture(Path root) {
        this.root = root;
    }

    public Path config() {
        return root.resolve("config.yaml");
    }

    public Path media() {
        return root.resolve("media");
    }

    public LegacyFixture config(String... profiles) throws IOException {
        StringBuilder yaml =
                new StringBuilder("auth:\n  client_secret: ${GOOGLE_SECRET}\nprofiles:\n");
        for (String p : profiles) {
            yaml.append("  - name: ")
                    .append(p)
                    .append("\n    source_folder: /sources/")
                    .append(p)
                    .append("\n    strategy: htdemucs\n");
        }
        yaml.append("r2:\n  bucket: ${R2_BUCKET}\n");
        Files.createDirectories(root);
        Files.writeString(config(), yaml.toString());
        return this;
    }

    /**
     * A recording folder with the given stems ({@code type -> file name}), each with its waveform
     * ({@code <type>_waveform.png}), and its metadata.json.
     */
    public Path recording(
            String profile, String outputName, String displayName, String... typeAndFile)
            throws IOException {
        Path folder = Files.createDirectories(media().resolve(profile).resolve(outputName));
        StringBuilder stems = new StringBuilder();
        for (int i = 0; i < typeAndFile.length; i += 2) {
            String type = typeAndFile[i];
            String file = typeAndFile[i + 1];
            if (stems.length() > 0) {
                stems.append(",");
            }
            stems.append("\"")
                    .append(type)
                    .append("\": {\"stem_type\": \"")
                    .append(type)
                    .append("\", \"measured_lufs\": ")
                    .append(type.equals("other") ? "null" : "-18.5")
                    .append(
                            ", \"peak_amplitude\": 0.9, \"stem_gain_adjustment_db\": 2.5, \"stem_url\": \"")
                    .append(file)
                    .append("\", \"waveform_url\": \"")
                    .append(type)
                    .append("_waveform.png\"}");
            Path audio = folder.resolve(file).normalize();
            if (audio.startsWith(folder) && !Files.exists(audio)) {
                write(audio);
            }
            // a real library draws every stem's waveform beside it
            Files.write(folder.resolve(type + "_waveform.png"), PNG);
        }
        Files.writeString(
                folder.resolve("metadata.json"),
                "{\"display_name\": \"" + displayName + "\", \"stems\": {" + stems + "}}");
        return folder;
    }

    public void processedHashes(String profile, String json) throws IOException {
        Files.createDirectories(media().resolve(profile));
        Files.writeString(media().resolve(profile).resolve(".processed_hashes.json"), json);
    }

    /**
     * Real audio of the file's kind: a WAV written here, or a committed fixture for the compressed
     * formats.
     */
    public static void write(Path file) throws IOException {
        String name = file.getFileName().toString();
        String ext = name.substring(name.lastIndexOf('.') + 1);
        if (ext.equals("wav")) {
            Files.write(file, wav(1.0, 8000));
        } else if (ext.equals("opus") || ext.equals("flac") || ext.equals("mp3")) {
            try (InputStream in = LegacyFixture.class.getResourceAsStream("/audio/tiny." + ext)) {
                Files.write(file, in.readAllBytes());
            }
        } else {
            Files.writeString(file, "not audio");
        }
    }

    /** A mono 16-bit PCM WAV of {@code seconds} of a 440 Hz tone. */
    public static byte[] wav(double seconds, int rate) {
        int samples = (int) (seconds * rate);
        ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes());
        b.put("fmt ".getBytes())
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(rate)
                .putInt(rate * 2)
                .putShort((short) 2)
                .putShort((short) 16);
        b.put("data".getBytes()).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            b.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * i / rate)));
        }
        return b.array();
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
