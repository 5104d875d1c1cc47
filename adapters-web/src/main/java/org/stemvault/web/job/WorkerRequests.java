package org.stemvault.web.job;

import java.util.List;
import org.stemvault.domain.recording.MediaFileName;
import org.stemvault.domain.recording.Stem;
import org.stemvault.domain.recording.StemType;
import org.stemvault.web.json.Fields;

/** The pull worker's request bodies. */
final class WorkerRequests {

    private WorkerRequests() {}

    /** {@code {"stage"?, "percent"?}}. */
    record Heartbeat(String stage, Integer percent) {
        static Heartbeat from(Fields f) {
            return new Heartbeat(
                    f.optionalText("stage"), f.has("percent") ? (int) f.integer("percent") : null);
        }
    }

    /** {@code {"error"}}. */
    record Failure(String error) {
        static Failure from(Fields f) {
            return new Failure(f.text("error"));
        }
    }

    /**
     * {@code {"display_name"?, "stems": [{"stem_type", "measured_lufs", "peak_amplitude",
     * "stem_gain_adjustment_db", "audio_url", "waveform_url", "file_size_bytes",
     * "duration_seconds"}], "sections"?}}: the stems as the worker measured them; {@code sections}
     * are taken, and ignored until the service keeps clips.
     */
    record Completion(String displayName, List<Stem> stems) {
        static Completion from(Fields f) {
            return new Completion(
                    f.optionalText("display_name"),
                    f.objects("stems").stream().map(Completion::stem).toList());
        }

        private static Stem stem(Fields s) {
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
}
