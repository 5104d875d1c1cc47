package org.stemvault.web.mix;

import java.util.LinkedHashMap;
import java.util.Map;
import org.stemvault.application.mix.MixRequests;
import org.stemvault.domain.Invalid;
import org.stemvault.web.json.Fields;

/**
 * {@code {"stems"?: {"<stem>": {"gain_db"?, "muted"?}}, "clip_id"?, "start"?, "end"?, "tempo"?,
 * "semitones"?, "format"?, "loudness"?}}: what is absent keeps its default.
 */
final class MixRequest {

    private MixRequest() {}

    static MixRequests.Request from(Fields f) {
        Map<String, MixRequests.Level> stems = new LinkedHashMap<>();
        f.optionalObjectsByKey("stems")
                .forEach(
                        (name, level) ->
                                stems.put(
                                        name,
                                        new MixRequests.Level(
                                                level.optionalNumber("gain_db"),
                                                level.optionalBoolean("muted"))));
        Double semitones = f.optionalNumber("semitones");
        if (semitones != null && semitones != Math.rint(semitones)) {
            throw new Invalid("semitones", "must be a whole number");
        }
        return new MixRequests.Request(
                stems,
                f.optionalText("clip_id"),
                f.optionalNumber("start"),
                f.optionalNumber("end"),
                f.optionalNumber("tempo"),
                semitones == null ? null : (int) Math.max(-1000, Math.min(1000, semitones)),
                f.optionalText("format"),
                f.optionalNumber("loudness"));
    }
}
