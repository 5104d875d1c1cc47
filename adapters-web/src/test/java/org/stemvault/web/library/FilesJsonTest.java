package org.stemvault.web.library;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.MutableHeaders;
import io.micronaut.http.MediaType;
import io.micronaut.http.simple.SimpleHttpHeaders;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stemvault.domain.profile.ProfileId;
import org.stemvault.domain.recording.MediaFileName;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.RecordingId;
import org.stemvault.domain.recording.Stem;
import org.stemvault.domain.recording.StemType;

class FilesJsonTest {

    /**
     * Doubles whose shortest text JDK 17's Double.toString does not always find, and plain ones.
     */
    private static final double[] NUMBERS = {
        -14.3, 0.1 + 0.2, 2.0e-3, 1.0e23, 4.9e-324, 123456789.12345679, -0.0, 0.5, 1.0e7, 9.999e-4
    };

    @Test
    void every_number_is_written_as_text_that_reads_back_as_the_same_double() throws Exception {
        List<Stem> stems = new ArrayList<>();
        for (int i = 0; i < NUMBERS.length; i++) {
            double x = NUMBERS[i];
            stems.add(
                    new Stem(
                            new StemType("stem" + i),
                            x,
                            Math.abs(x),
                            x,
                            MediaFileName.of("audio_url", "stem" + i + ".opus"),
                            MediaFileName.of("waveform_url", "stem" + i + ".png"),
                            7,
                            1.0));
        }
        Instant at = Instant.parse("2026-12-07T10:00:00Z");
        Recording recording =
                new Recording(
                        RecordingId.random(),
                        ProfileId.random(),
                        new OutputName("take-1"),
                        "Take 1",
                        "",
                        null,
                        at,
                        at,
                        stems);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MutableHeaders headers = new SimpleHttpHeaders();
        new FilesJson.Writer()
                .writeTo(
                        Argument.of(FilesJson.class),
                        MediaType.APPLICATION_JSON_TYPE,
                        new FilesJson("band", List.of(recording)),
                        headers,
                        out);
        String json = out.toString(StandardCharsets.UTF_8);

        List<Double> read = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            String field = null;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME) {
                    field = p.currentName();
                } else if (t.isNumeric()
                        && List.of("measured_lufs", "stem_gain_adjustment_db").contains(field)) {
                    read.add(p.getDoubleValue());
                }
            }
        }
        List<Double> written = new ArrayList<>();
        for (double x : NUMBERS) {
            written.add(x);
            written.add(x);
        }
        assertEquals(written, read, json);
        assertEquals(MediaType.APPLICATION_JSON, headers.get("Content-Type"));
    }
}
