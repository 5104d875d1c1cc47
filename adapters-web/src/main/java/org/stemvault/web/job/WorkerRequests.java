package org.stemvault.web.job;

import java.util.List;
import org.stemvault.application.recording.RegisterRecording;
import org.stemvault.domain.recording.Stem;
import org.stemvault.web.ingest.StemRequest;
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

    /** {@code {"duration_seconds", "loudness_lufs"?}}: what a render's file measured. */
    record Rendered(double durationSeconds, Double loudnessLufs) {
        static Rendered from(Fields f) {
            return new Rendered(f.number("duration_seconds"), f.optionalNumber("loudness_lufs"));
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
     * "duration_seconds"}], "sections"?: [{"start", "end"}]}}: the stems as the worker measured
     * them, and the sections it found, in seconds (clips of a recording that has none yet).
     */
    record Completion(
            String displayName, List<Stem> stems, List<RegisterRecording.Section> sections) {
        static Completion from(Fields f) {
            return new Completion(
                    f.optionalText("display_name"),
                    f.objects("stems").stream().map(StemRequest::from).toList(),
                    f.has("sections")
                            ? f.objects("sections").stream()
                                    .map(
                                            s ->
                                                    new RegisterRecording.Section(
                                                            s.number("start"), s.number("end")))
                                    .toList()
                            : List.of());
        }
    }
}
