package org.stemvault.web.ingest;

import java.util.List;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.audio.Sha256;
import org.stemvault.domain.recording.Stem;
import org.stemvault.web.json.Fields;

/**
 * A recording with all its stems: {@code {"display_name"?, "description"?, "audio_file_sha256",
 * "stems": [{"stem_type", "measured_lufs", "peak_amplitude", "stem_gain_adjustment_db",
 * "audio_url", "waveform_url", "file_size_bytes", "duration_seconds"}]}}; a broken rule names its
 * field ({@code stems[2].duration_seconds}).
 */
record RecordingRequest(String displayName, String description, Sha256 audio, List<Stem> stems) {

    static RecordingRequest from(Fields f) {
        Sha256 audio;
        try {
            audio = new Sha256(f.text("audio_file_sha256"));
        } catch (Invalid e) {
            throw e.field().equals("sha256") ? new Invalid("audio_file_sha256", e.reason()) : e;
        }
        if (f.objects("stems").isEmpty()) {
            throw new Invalid("stems", "must name at least one stem");
        }
        return new RecordingRequest(
                f.optionalText("display_name"),
                f.optionalText("description"),
                audio,
                f.objects("stems").stream().map(StemRequest::from).toList());
    }
}
