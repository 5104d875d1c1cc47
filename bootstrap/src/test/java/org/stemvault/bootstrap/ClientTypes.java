package org.stemvault.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer types of the newest web client of the system we replace, field by field as its {@code
 * frontend/src/api/generated/types.gen.ts} (sastraxi/stemset 0001501) declares them: each field's
 * JSON type, whether it may be absent ({@code ?}) and whether it may be null. {@link #check} lists
 * every way an answer differs; extra fields are allowed, as the client passes over them.
 */
final class ClientTypes {

    private ClientTypes() {}

    /** A field: its JSON type (or the name of another type here), optional, nullable. */
    record Field(String type, boolean optional, boolean nullable) {}

    static final Map<String, Map<String, Field>> TYPES = new LinkedHashMap<>();

    private static Field required(String type) {
        return new Field(type, false, false);
    }

    private static Field optionalNullable(String type) {
        return new Field(type, true, true);
    }

    private static void type(String name, Object... fields) {
        Map<String, Field> map = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            map.put((String) fields[i], (Field) fields[i + 1]);
        }
        TYPES.put(name, map);
    }

    static {
        type(
                "AuthStatusResponse",
                "authenticated",
                required("boolean"),
                "user",
                optionalNullable("object"));
        type("LogoutResponse", "success", required("boolean"));
        type(
                "ProfileResponse",
                "id",
                required("string"),
                "name",
                required("string"),
                "source_folder",
                required("string"),
                "google_drive_folder_id",
                optionalNullable("string"));
        type("LocationMetadata", "id", required("string"), "name", required("string"));
        type("SongMetadata", "id", required("string"), "name", required("string"));
        type(
                "StemResponse",
                "stem_type",
                required("string"),
                // a number; null only for a silent stem (no loudness to measure), which the client
                // never reads: the one documented difference
                "measured_lufs",
                new Field("number", false, true),
                "peak_amplitude",
                required("number"),
                "stem_gain_adjustment_db",
                required("number"),
                "audio_url",
                required("string"),
                "waveform_url",
                required("string"),
                "file_size_bytes",
                required("number"),
                "duration_seconds",
                required("number"));
        type(
                "RecordingWithStems",
                "id",
                required("string"),
                "name",
                required("string"),
                "display_name",
                required("string"),
                "stems",
                required("StemResponse[]"),
                "created_at",
                required("string"),
                "status",
                optionalNullable("string"),
                "config",
                optionalNullable("object"),
                "location",
                optionalNullable("LocationMetadata"),
                "date_recorded",
                optionalNullable("string"));
        type(
                "RecordingStatusResponse",
                "recording_id",
                required("string"),
                "status",
                required("string"),
                "error_message",
                optionalNullable("string"),
                "output_name",
                required("string"),
                "display_name",
                required("string"),
                "stems",
                required("object[]"),
                "config",
                optionalNullable("object"),
                "location",
                optionalNullable("LocationMetadata"),
                "date_recorded",
                optionalNullable("string"));
        type(
                "LocationResponse",
                "id",
                required("string"),
                "name",
                required("string"),
                "created_at",
                required("string"));
        type(
                "SongResponse",
                "id",
                required("string"),
                "name",
                required("string"),
                "created_at",
                required("string"));
        type(
                "SongWithClipCount",
                "id",
                required("string"),
                "name",
                required("string"),
                "created_at",
                required("string"),
                "clip_count",
                required("number"));
        type(
                "ClipResponse",
                "id",
                required("string"),
                "recording_id",
                required("string"),
                "song_id",
                optionalNullable("string"),
                "start_time_sec",
                required("number"),
                "end_time_sec",
                required("number"),
                "display_name",
                optionalNullable("string"),
                "created_at",
                required("string"),
                "updated_at",
                required("string"));
        type(
                "ClipWithStemsResponse",
                "id",
                required("string"),
                "recording_id",
                required("string"),
                "song_id",
                optionalNullable("string"),
                "song",
                optionalNullable("SongMetadata"),
                "start_time_sec",
                required("number"),
                "end_time_sec",
                required("number"),
                "display_name",
                optionalNullable("string"),
                "created_at",
                required("string"),
                "updated_at",
                required("string"),
                "recording_output_name",
                required("string"),
                "stems",
                required("StemResponse[]"),
                "location",
                optionalNullable("LocationMetadata"),
                "date_recorded",
                optionalNullable("string"));
        type(
                "UpdateDisplayNameResponse",
                "display_name",
                required("string"),
                "updated_at",
                required("string"));
        type(
                "UpdateDriveFolderResponse",
                "google_drive_folder_id",
                required("string"),
                "updated_at",
                required("string"));
        type(
                "DriveFileInfo",
                "id",
                required("string"),
                "name",
                required("string"),
                "mimeType",
                required("string"),
                "modifiedTime",
                required("string"),
                "size",
                optionalNullable("number"),
                "is_folder",
                required("boolean"),
                "is_imported",
                required("boolean"),
                "recording_name",
                optionalNullable("string"),
                "parent_id",
                optionalNullable("string"));
        type(
                "DriveFolderContentsResponse",
                "files",
                required("DriveFileInfo[]"),
                "nextPageToken",
                optionalNullable("string"));
        type(
                "DriveImportResponse",
                "recording_id",
                required("string"),
                "output_name",
                required("string"),
                "status",
                required("string"),
                "message",
                optionalNullable("string"));
        type(
                "UploadResponse",
                "recording_id",
                required("string"),
                "profile_name",
                required("string"),
                "output_name",
                required("string"),
                "filename",
                required("string"),
                "status",
                required("string"),
                "message",
                optionalNullable("string"));
    }

    /** Every difference between {@code value} and the type {@code name} ({@code X[]}: a list). */
    static List<String> check(String name, JsonNode value) {
        List<String> problems = new ArrayList<>();
        check(name, value, name, problems);
        return problems;
    }

    private static void check(String type, JsonNode value, String at, List<String> problems) {
        if (type.endsWith("[]")) {
            if (!value.isArray()) {
                problems.add(at + " is not an array: " + value);
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                check(
                        type.substring(0, type.length() - 2),
                        value.get(i),
                        at + "[" + i + "]",
                        problems);
            }
            return;
        }
        switch (type) {
            case "string" -> expect(value.isTextual(), at, type, value, problems);
            case "number" -> expect(value.isNumber(), at, type, value, problems);
            case "boolean" -> expect(value.isBoolean(), at, type, value, problems);
            case "object" -> expect(value.isObject(), at, type, value, problems);
            default -> {
                Map<String, Field> fields = TYPES.get(type);
                if (fields == null) {
                    throw new IllegalArgumentException("no type " + type);
                }
                if (!value.isObject()) {
                    problems.add(at + " is not an object: " + value);
                    return;
                }
                fields.forEach(
                        (field, spec) -> {
                            JsonNode v = value.get(field);
                            String path = at + "." + field;
                            if (v == null) {
                                if (!spec.optional()) {
                                    problems.add(path + " is missing");
                                }
                            } else if (v.isNull()) {
                                if (!spec.nullable()) {
                                    problems.add(path + " is null");
                                }
                            } else {
                                check(spec.type(), v, path, problems);
                            }
                        });
            }
        }
    }

    private static void expect(
            boolean ok, String at, String type, JsonNode value, List<String> problems) {
        if (!ok) {
            problems.add(at + " is not a " + type + ": " + value);
        }
    }
}
