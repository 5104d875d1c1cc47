package org.stemvault.application.job;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The audio formats an upload may be, known by file extension and by the first bytes of the content
 * (so a renamed PDF is not taken for a WAV).
 */
enum AudioType {
    WAV("WAV", "wav", "wave"),
    FLAC("FLAC", "flac"),
    MP3("MP3", "mp3"),
    MP4("M4A/AAC", "m4a", "aac", "mp4"),
    OGG("Ogg/Opus", "ogg", "opus", "oga"),
    WEBM("WebM", "webm"),
    AIFF("AIFF", "aiff", "aif", "aifc");

    /** How many leading bytes {@link #matches} looks at. */
    static final int SNIFF_BYTES = 12;

    private final String label;
    private final List<String> extensions;

    AudioType(String label, String... extensions) {
        this.label = label;
        this.extensions = List.of(extensions);
    }

    String label() {
        return label;
    }

    /** Every extension taken, for messages. */
    static String accepted() {
        return String.join(
                ", ", Arrays.stream(values()).flatMap(t -> t.extensions.stream()).toList());
    }

    static Optional<AudioType> ofExtension(String extension) {
        String e = extension.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.extensions.contains(e)).findFirst();
    }

    /** Whether the content's first bytes are those of this format. */
    boolean matches(byte[] head, int length) {
        return switch (this) {
            case WAV ->
                    at(head, length, 0, "RIFF") && at(head, length, 8, "WAVE")
                            || at(head, length, 0, "RF64")
                            || at(head, length, 0, "BW64");
            case FLAC -> at(head, length, 0, "fLaC");
            case MP3 -> at(head, length, 0, "ID3") || frameSync(head, length);
            case MP4 ->
                    at(head, length, 4, "ftyp") || adts(head, length) || at(head, length, 0, "ID3");
            case OGG -> at(head, length, 0, "OggS");
            case WEBM ->
                    length >= 4
                            && (head[0] & 0xff) == 0x1a
                            && (head[1] & 0xff) == 0x45
                            && (head[2] & 0xff) == 0xdf
                            && (head[3] & 0xff) == 0xa3;
            case AIFF ->
                    at(head, length, 0, "FORM")
                            && (at(head, length, 8, "AIFF") || at(head, length, 8, "AIFC"));
        };
    }

    private static boolean at(byte[] head, int length, int offset, String magic) {
        byte[] m = magic.getBytes(StandardCharsets.US_ASCII);
        if (length < offset + m.length) {
            return false;
        }
        return Arrays.equals(head, offset, offset + m.length, m, 0, m.length);
    }

    /** An MPEG audio frame header: eleven set bits, a valid layer, a valid bit rate. */
    private static boolean frameSync(byte[] head, int length) {
        return length >= 3
                && (head[0] & 0xff) == 0xff
                && (head[1] & 0xe0) == 0xe0
                && (head[1] & 0x06) != 0
                && (head[2] & 0xf0) != 0xf0;
    }

    /** An AAC ADTS header: twelve set bits, layer 0. */
    private static boolean adts(byte[] head, int length) {
        return length >= 2 && (head[0] & 0xff) == 0xff && (head[1] & 0xf6) == 0xf0;
    }
}
