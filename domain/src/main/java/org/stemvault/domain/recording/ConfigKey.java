package org.stemvault.domain.recording;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.stemvault.domain.Invalid;

/** What a member's own player settings for a recording may hold, one JSON value per key. */
public enum ConfigKey {
    PLAYBACK_POSITION("playbackPosition"),
    STEMS("stems"),
    EQ("eq"),
    PARAMETRIC_EQ("parametricEq"),
    COMPRESSOR("compressor"),
    REVERB("reverb"),
    STEREO_EXPANDER("stereoExpander");

    /** The most bytes a value may take, as JSON text. */
    public static final int MAX_VALUE_BYTES = 16_384;

    private final String code;

    ConfigKey(String code) {
        this.code = code;
    }

    /** The key as the player names it ({@code playbackPosition}, …). */
    public String code() {
        return code;
    }

    public static ConfigKey fromCode(String value) {
        for (ConfigKey k : values()) {
            if (k.code.equals(value)) {
                return k;
            }
        }
        throw new Invalid(
                "key",
                "must be one of "
                        + Arrays.stream(values())
                                .map(ConfigKey::code)
                                .collect(Collectors.joining(", ")));
    }
}
