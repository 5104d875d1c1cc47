package org.stemvault.web.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.stemvault.domain.Invalid;
import org.stemvault.web.json.Json;

class RecordingRequestTest {

    static final String HASH = "ab".repeat(32);

    static String stem(String type, String duration) {
        return "{\"stem_type\": \""
                + type
                + "\", \"measured_lufs\": null, \"peak_amplitude\": 0.9,"
                + " \"stem_gain_adjustment_db\": 1.5, \"audio_url\": \""
                + type
                + ".opus\", \"waveform_url\": \""
                + type
                + "_waveform.png\", \"file_size_bytes\": 10, \"duration_seconds\": "
                + duration
                + "}";
    }

    static String refused(String json) {
        return assertThrows(Invalid.class, () -> RecordingRequest.from(Json.fields(json))).field();
    }

    @Test
    void a_recording_with_its_stems_is_read_whole() {
        RecordingRequest r =
                RecordingRequest.from(
                        Json.fields(
                                "{\"audio_file_sha256\": \""
                                        + HASH.toUpperCase()
                                        + "\", \"stems\": ["
                                        + stem("vocals", "3.5")
                                        + "]}"));
        assertEquals(HASH, r.audio().value());
        assertNull(r.displayName());
        assertEquals(1, r.stems().size());
        assertNull(r.stems().get(0).measuredLufs(), "a silent stem's loudness is null");
    }

    @Test
    void a_broken_rule_names_the_field_that_was_sent() {
        assertEquals(
                "audio_file_sha256", refused("{\"audio_file_sha256\": \"xyz\", \"stems\": []}"));
        assertEquals(
                "stems[1].duration_seconds",
                refused(
                        "{\"audio_file_sha256\": \""
                                + HASH
                                + "\", \"stems\": ["
                                + stem("vocals", "3")
                                + ", "
                                + stem("drums", "0")
                                + "]}"));
        assertEquals(
                "stems[0].audio_url",
                refused(
                        "{\"audio_file_sha256\": \""
                                + HASH
                                + "\", \"stems\": ["
                                + stem("vocals", "3").replace("vocals.opus", "../../etc/passwd")
                                + "]}"));
        assertEquals("stems", refused("{\"audio_file_sha256\": \"" + HASH + "\", \"stems\": {}}"));
    }
}
