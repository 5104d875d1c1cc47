package org.stemvault.web.ingest;

import org.stemvault.domain.recording.MediaFileName;
import org.stemvault.domain.recording.Stem;
import org.stemvault.domain.recording.StemType;
import org.stemvault.web.json.Fields;

/**
 * One stem as a worker measured it: {@code {"stem_type", "measured_lufs", "peak_amplitude",
 * "stem_gain_adjustment_db", "audio_url", "waveform_url", "file_size_bytes", "duration_seconds"}};
 * a broken rule names its field with the stem's path ({@code stems[2].duration_seconds}).
 */
public final class StemRequest {

    private StemRequest() {}

    public static Stem from(Fields s) {
        return s.build(
                () ->
                        new Stem(
                                new StemType(s.text("stem_type")),
                                s.optionalNumber("measured_lufs"),
                                s.number("peak_amplitude"),
                                s.number("stem_gain_adjustment_db"),
                                MediaFileName.of("audio_url", s.text("audio_url")),
                                MediaFileName.of("waveform_url", s.text("waveform_url")),
                                s.integer("file_size_bytes"),
                                s.number("duration_seconds")));
    }
}
