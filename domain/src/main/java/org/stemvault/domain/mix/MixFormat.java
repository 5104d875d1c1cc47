package org.stemvault.domain.mix;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.stemvault.domain.Invalid;

/** The file a mix is rendered into: its extension and the content type it is served with. */
public enum MixFormat {
    MP3("audio/mpeg"),
    M4A("audio/mp4"),
    OPUS("audio/ogg; codecs=opus"),
    FLAC("audio/flac"),
    WAV("audio/wav");

    private final String contentType;

    MixFormat(String contentType) {
        this.contentType = contentType;
    }

    /** The format's name in lower case, which is also the file's extension. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String contentType() {
        return contentType;
    }

    public static MixFormat fromCode(String value) {
        for (MixFormat f : values()) {
            if (f.code().equals(value)) {
                return f;
            }
        }
        throw new Invalid(
                "format",
                "must be one of "
                        + Arrays.stream(values())
                                .map(MixFormat::code)
                                .collect(Collectors.joining(", ")));
    }
}
