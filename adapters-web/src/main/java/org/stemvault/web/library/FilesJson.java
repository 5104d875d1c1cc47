package org.stemvault.web.library;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.MutableHeaders;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.body.MessageBodyWriter;
import io.micronaut.http.codec.CodecException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.stemvault.domain.analysis.Measures;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.RecordingDetails;
import org.stemvault.domain.recording.Stem;

/**
 * The files list as its JSON ({@code [FileWithStems]}, exactly the shape {@link FileResponse} has),
 * written by Jackson's generator straight into the response's buffer: no response objects per
 * recording and stem, and every field name written pre-encoded. The list is the service's largest
 * answer (200 recordings with their stems: about 250 KB).
 */
public record FilesJson(String profile, List<Recording> recordings) {

    /** Writes {@link FilesJson} bodies. */
    @Singleton
    @Produces(MediaType.APPLICATION_JSON)
    static final class Writer implements MessageBodyWriter<FilesJson> {

        /**
         * Numbers through Jackson's Schubfach writer ({@code USE_FAST_DOUBLE_WRITER}; R. Giulietti,
         * "The Schubfach way to render doubles", 2020): the shortest text that reads back as the
         * same double, without JDK 17's {@code FloatingDecimal} (four numbers a stem, about a tenth
         * of the list's CPU in the profile of docs/benchmarks.md).
         */
        private static final JsonFactory JSON =
                JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

        private static final SerializableString NAME = new SerializedString("name");
        private static final SerializableString DISPLAY_NAME = new SerializedString("display_name");
        private static final SerializableString DESCRIPTION = new SerializedString("description");
        private static final SerializableString CREATED_AT = new SerializedString("created_at");
        private static final SerializableString STEMS = new SerializedString("stems");
        private static final SerializableString ID = new SerializedString("id");
        private static final SerializableString STATUS = new SerializedString("status");
        private static final SerializableString LOCATION = new SerializedString("location");
        private static final SerializableString DATE_RECORDED =
                new SerializedString("date_recorded");
        private static final SerializableString UPDATED_AT = new SerializedString("updated_at");
        private static final SerializableString TEMPO = new SerializedString("tempo_bpm");
        private static final SerializableString KEY = new SerializedString("key");
        private static final SerializableString STABILITY = new SerializedString("stability");
        private static final SerializableString STEM_TYPE = new SerializedString("stem_type");
        private static final SerializableString MEASURED_LUFS =
                new SerializedString("measured_lufs");
        private static final SerializableString PEAK_AMPLITUDE =
                new SerializedString("peak_amplitude");
        private static final SerializableString GAIN =
                new SerializedString("stem_gain_adjustment_db");
        private static final SerializableString AUDIO_URL = new SerializedString("audio_url");
        private static final SerializableString WAVEFORM_URL = new SerializedString("waveform_url");
        private static final SerializableString FILE_SIZE = new SerializedString("file_size_bytes");
        private static final SerializableString DURATION = new SerializedString("duration_seconds");

        @Override
        public void writeTo(
                Argument<FilesJson> type,
                MediaType mediaType,
                FilesJson files,
                MutableHeaders headers,
                OutputStream out)
                throws CodecException {
            if (!headers.contains(HttpHeaders.CONTENT_TYPE)) {
                headers.set(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
            }
            try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
                g.writeStartArray();
                for (Recording r : files.recordings()) {
                    write(g, files.profile(), r);
                }
                g.writeEndArray();
            } catch (IOException e) {
                throw new CodecException("the files list could not be written", e);
            }
        }

        private static void number(JsonGenerator g, Double value) throws IOException {
            if (value == null) {
                g.writeNull();
            } else {
                g.writeNumber(value);
            }
        }

        private static void write(JsonGenerator g, String profile, Recording r) throws IOException {
            g.writeStartObject();
            g.writeFieldName(NAME);
            g.writeString(r.outputName().value());
            g.writeFieldName(DISPLAY_NAME);
            g.writeString(r.displayName());
            g.writeFieldName(DESCRIPTION);
            g.writeString(r.description());
            g.writeFieldName(CREATED_AT);
            g.writeString(FileResponse.timestamp(r.createdAt()));
            g.writeFieldName(STEMS);
            g.writeStartArray();
            String folder = FileResponse.folder(profile, r);
            for (Stem s : r.stems()) {
                g.writeStartObject();
                g.writeFieldName(STEM_TYPE);
                g.writeString(s.type().value());
                g.writeFieldName(MEASURED_LUFS);
                number(g, s.measuredLufs());
                g.writeFieldName(PEAK_AMPLITUDE);
                g.writeNumber(s.peakAmplitude());
                g.writeFieldName(GAIN);
                g.writeNumber(s.gainAdjustmentDb());
                g.writeFieldName(AUDIO_URL);
                g.writeString(folder + FileResponse.path(s.audio()));
                g.writeFieldName(WAVEFORM_URL);
                g.writeString(folder + FileResponse.path(s.waveform()));
                g.writeFieldName(FILE_SIZE);
                g.writeNumber(s.fileSizeBytes());
                g.writeFieldName(DURATION);
                g.writeNumber(s.durationSeconds());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeFieldName(ID);
            g.writeString(r.id().toString());
            g.writeFieldName(STATUS);
            g.writeString(r.details().status().code());
            g.writeFieldName(LOCATION);
            RecordingDetails.Place place = r.details().location();
            if (place == null) {
                g.writeNull();
            } else {
                g.writeStartObject();
                g.writeFieldName(ID);
                g.writeString(place.id().toString());
                g.writeFieldName(NAME);
                g.writeString(place.name());
                g.writeEndObject();
            }
            g.writeFieldName(DATE_RECORDED);
            if (r.details().dateRecorded() == null) {
                g.writeNull();
            } else {
                g.writeString(r.details().dateRecorded().toString());
            }
            g.writeFieldName(UPDATED_AT);
            g.writeString(FileResponse.timestamp(r.updatedAt()));
            Measures m = r.measures();
            g.writeFieldName(TEMPO);
            number(g, m == null ? null : FileResponse.tempo(m.tempoBpm()));
            g.writeFieldName(KEY);
            if (m == null || m.key() == null) {
                g.writeNull();
            } else {
                g.writeString(m.key().toString());
            }
            g.writeFieldName(STABILITY);
            number(g, m == null ? null : m.stability());
            g.writeEndObject();
        }
    }
}
