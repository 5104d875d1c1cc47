package org.stemvault.web.docs;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;
import java.util.Map;

/**
 * The JSON request bodies as the API description shows them. The service reads every body with the
 * strict {@code Fields} reader (unknown numbers-as-strings refused, each field named in its error),
 * so these records only describe; each names the code that reads it ({@link ReadBy}), and {@code
 * BodiesDriftTest} fails when a description and its reader disagree on a field.
 */
public final class Bodies {

    private Bodies() {}

    /** {@code AdminRequests.CreateProfile}. */
    @Schema(name = "CreateProfile")
    @ReadBy("AdminRequests.CreateProfile")
    public record CreateProfile(
            @Schema(requiredMode = RequiredMode.REQUIRED) String name,
            @Schema(requiredMode = RequiredMode.REQUIRED) String sourceFolder,
            String strategyName) {}

    /** {@code AdminRequests.EditProfile}: what is absent stays. */
    @Schema(name = "EditProfile")
    @ReadBy("AdminRequests.EditProfile")
    public record EditProfile(String name, String sourceFolder, String strategyName) {}

    /** {@code AdminRequests.SetRole}. */
    @Schema(name = "SetRole")
    @ReadBy("AdminRequests.SetRole")
    public record SetRole(
            @Schema(
                            requiredMode = RequiredMode.REQUIRED,
                            allowableValues = {"admin", "member"})
                    String role) {}

    /** {@code AdminRequests.MintToken}. */
    @Schema(name = "MintToken")
    @ReadBy("AdminRequests.MintToken")
    public record MintToken(
            @Schema(requiredMode = RequiredMode.REQUIRED) String name,
            @Schema(minimum = "1", maximum = "366", defaultValue = "90") Integer days) {}

    /** {@code EditRequest.rename}: an empty name clears it. */
    @Schema(name = "Rename")
    @ReadBy("EditRequest.rename")
    public record Rename(@Schema(requiredMode = RequiredMode.REQUIRED) String displayName) {}

    /** {@code LabelsController}: a song's or location's name, 1 to 200 characters, trimmed. */
    @Schema(name = "LabelName")
    @ReadBy("LabelsController")
    public record LabelName(@Schema(requiredMode = RequiredMode.REQUIRED) String name) {}

    /**
     * {@code RecordingsController.metadata}: an absent field stays, an explicit null clears it;
     * {@code location_id} is a location of the recording's profile, {@code date_recorded} a date.
     */
    @Schema(name = "RecordingMetadata")
    @ReadBy("RecordingsController.metadata")
    public record RecordingMetadata(
            @Schema(nullable = true) String locationId,
            @Schema(nullable = true, format = "date") String dateRecorded) {}

    /**
     * {@code ClipsController}: seconds within the recording ({@code 0 <= start_time_sec <
     * end_time_sec <=} its duration; {@code start_seconds} and {@code end_seconds} are accepted as
     * other names, never both names of one bound); a song of its profile. In a PATCH an absent
     * field stays; {@code song_id} and {@code display_name} given as null are cleared.
     */
    @Schema(name = "ClipInput")
    @ReadBy("ClipsController")
    public record ClipInput(
            Double startTimeSec,
            Double endTimeSec,
            @Schema(nullable = true) String songId,
            @Schema(nullable = true) String displayName,
            @Schema(description = "optional; when given, the recording of the path")
                    String recordingId,
            @Schema(description = "another name of start_time_sec", deprecated = true)
                    Double startSeconds,
            @Schema(description = "another name of end_time_sec", deprecated = true)
                    Double endSeconds) {}

    /**
     * {@code RecordingsController.config}: one of the caller's own player settings: {@code key} one
     * of playbackPosition, stems, eq, parametricEq, compressor, reverb, stereoExpander; {@code
     * value} any JSON value of at most 16384 bytes.
     */
    @Schema(name = "PlayerSetting")
    @ReadBy("RecordingsController.config")
    public record PlayerSetting(
            @Schema(requiredMode = RequiredMode.REQUIRED) String key,
            @Schema(requiredMode = RequiredMode.REQUIRED) Object value) {}

    /** {@code EditRequest.from}: what is absent (or null) stays. */
    @Schema(name = "Edit")
    @ReadBy("EditRequest.from")
    public record Edit(String displayName, String description) {}

    /** {@code StemRequest}: one stem as a worker measured it. */
    @Schema(name = "StemInput")
    @ReadBy("StemRequest")
    public record StemInput(
            @Schema(requiredMode = RequiredMode.REQUIRED) String stemType,
            @Schema(description = "null for a silent stem", nullable = true) Double measuredLufs,
            @Schema(requiredMode = RequiredMode.REQUIRED) double peakAmplitude,
            @Schema(requiredMode = RequiredMode.REQUIRED) double stemGainAdjustmentDb,
            @Schema(requiredMode = RequiredMode.REQUIRED) String audioUrl,
            @Schema(requiredMode = RequiredMode.REQUIRED) String waveformUrl,
            @Schema(requiredMode = RequiredMode.REQUIRED) long fileSizeBytes,
            @Schema(requiredMode = RequiredMode.REQUIRED) double durationSeconds) {}

    /** {@code RecordingRequest}. */
    @Schema(name = "RecordingInput")
    @ReadBy("RecordingRequest")
    public record RecordingInput(
            String displayName,
            String description,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[0-9a-f]{64}$")
                    String audioFileSha256,
            @Schema(requiredMode = RequiredMode.REQUIRED) List<StemInput> stems) {}

    /** {@code AudioFileRequest}. */
    @Schema(name = "AudioFileInput")
    @ReadBy("AudioFileRequest")
    public record AudioFileInput(
            @Schema(requiredMode = RequiredMode.REQUIRED) String filename,
            String storageUrl,
            @Schema(requiredMode = RequiredMode.REQUIRED) long fileSizeBytes,
            @Schema(requiredMode = RequiredMode.REQUIRED) double durationSeconds) {}

    /** {@code WorkerRequests.Heartbeat}. */
    @Schema(name = "Heartbeat")
    @ReadBy("WorkerRequests.Heartbeat")
    public record Heartbeat(
            String stage, @Schema(minimum = "0", maximum = "100") Integer percent) {}

    /** {@code MixRequest}: a take-away mix; every part optional. */
    @Schema(name = "MixRequest")
    @ReadBy("MixRequest")
    public record MixRequest(
            @Schema(
                            description =
                                    "per stem name: gain_db (-60..24) and/or muted; stems not named"
                                            + " keep the member's saved level, else their stored gain")
                    Map<String, MixLevel> stems,
            @Schema(description = "a clip of the recording as the section") String clipId,
            @Schema(description = "section start, seconds (with end)") Double start,
            @Schema(description = "section end, seconds (with start)") Double end,
            @Schema(minimum = "0.5", maximum = "1.5", defaultValue = "1") Double tempo,
            @Schema(minimum = "-12", maximum = "12", defaultValue = "0") Integer semitones,
            @Schema(
                            allowableValues = {"mp3", "m4a", "opus", "flac", "wav"},
                            defaultValue = "mp3")
                    String format,
            @Schema(description = "loudness target, LUFS (EBU R128), -40..-5") Double loudness) {}

    /** {@code MixRequest}: one stem's level. */
    @Schema(name = "MixLevel")
    @ReadBy("MixRequest")
    public record MixLevel(Double gainDb, Boolean muted) {}

    /** {@code UpdateDriveFolderRequest}: a Drive folder id or its drive.google.com address. */
    @Schema(name = "UpdateDriveFolderRequest")
    @ReadBy("DriveController.connect")
    public record UpdateDriveFolder(
            @Schema(requiredMode = RequiredMode.REQUIRED) String googleDriveFolderId) {}

    /**
     * {@code DriveImportRequest}: every field is checked; Drive's own description of the file
     * (name, size, modified time) is what the import uses.
     */
    @Schema(name = "DriveImportRequest")
    @ReadBy("DriveController.fileId")
    public record DriveImport(
            @Schema(requiredMode = RequiredMode.REQUIRED) String fileId,
            @Schema(requiredMode = RequiredMode.REQUIRED) String fileName,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0") long fileSize,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") String modifiedTime,
            String parentId) {}

    /** {@code AnalysisBody}: what the analysis of a take found (docs/worker.md, "Analysis"). */
    @Schema(name = "AnalysisInput")
    @ReadBy("AnalysisBody")
    public record AnalysisInput(
            @Schema(description = "BPM, 20 to 400; null when none was found") Double tempoBpm,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0", maximum = "1")
                    double tempoConfidence,
            @Schema(description = "'A minor', 'Eb major'; null for none") String key,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0", maximum = "1")
                    double keyConfidence,
            @Schema(minimum = "0", maximum = "1") Double stability,
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "seconds, ascending")
                    List<Double> beats,
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "seconds, ascending")
                    List<Double> downbeats,
            @Schema(requiredMode = RequiredMode.REQUIRED) double windowSeconds,
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "BPM per window, or null")
                    List<Double> tempoCurve,
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "key per window, or null")
                    List<String> windowKeys,
            @Schema(requiredMode = RequiredMode.REQUIRED) String tool) {}

    /** {@code MixSharesController.share}: how long the link lives. */
    @Schema(name = "ShareRequest")
    @ReadBy("MixSharesController.share")
    public record ShareRequest(
            @Schema(minimum = "1", maximum = "30", defaultValue = "7") Integer days) {}

    /** {@code WorkerRequests.Rendered}: what the worker measured of the mix it rendered. */
    @Schema(name = "Rendered")
    @ReadBy("WorkerRequests.Rendered")
    public record Rendered(
            @Schema(requiredMode = RequiredMode.REQUIRED) double durationSeconds,
            Double loudnessLufs) {}

    /** {@code WorkerRequests.Failure}. */
    @Schema(name = "Failure")
    @ReadBy("WorkerRequests.Failure")
    public record Failure(@Schema(requiredMode = RequiredMode.REQUIRED) String error) {}

    /** A section of the take, in seconds (taken; ignored until the service keeps clips). */
    @Schema(name = "Section")
    @ReadBy("WorkerRequests.Completion")
    public record Section(double start, double end) {}

    /** {@code WorkerRequests.Completion}. */
    @Schema(name = "Completion")
    @ReadBy("WorkerRequests.Completion")
    public record Completion(
            String displayName,
            @Schema(requiredMode = RequiredMode.REQUIRED) List<StemInput> stems,
            List<Section> sections) {}

    /** {@code EmbeddingRequest}. */
    @Schema(name = "EmbeddingInput")
    @ReadBy("EmbeddingRequest")
    public record EmbeddingInput(
            @Schema(requiredMode = RequiredMode.REQUIRED) List<Float> vector, String source) {}

    /** {@code SearchRequest}'s {@code filters}. */
    @Schema(name = "SearchFilters")
    @ReadBy("SearchRequest.filters")
    public record SearchFilters(
            String stemType,
            Double durationMin,
            Double durationMax,
            Double lufsMin,
            Double lufsMax,
            @Schema(format = "date-time") String createdAfter,
            @Schema(format = "date-time") String createdBefore,
            @Schema(format = "uuid") String songId,
            @Schema(format = "uuid") String locationId,
            @Schema(format = "date") String recordedFrom,
            @Schema(format = "date") String recordedTo,
            @Schema(description = "an analysed take of at least this tempo, BPM") Double bpmMin,
            @Schema(description = "an analysed take of at most this tempo, BPM") Double bpmMax,
            @Schema(description = "an analysed take in this key: 'A minor', 'Eb major', 'F#m'")
                    String key,
            @Schema(description = "with key: also its relative key and the keys a fifth away")
                    Boolean keyRelated) {}

    /** {@code SearchRequest}. */
    @Schema(name = "SearchInput")
    @ReadBy("SearchRequest.from")
    public record SearchInput(
            @Schema(
                            requiredMode = RequiredMode.REQUIRED,
                            allowableValues = {"semantic", "fulltext", "hybrid"})
                    String mode,
            String query,
            List<Float> vector,
            String space,
            List<String> profiles,
            @Schema(defaultValue = "10") Integer limit,
            Double minSimilarity,
            SearchFilters filters) {}

    /** {@code FeedbackController}: what a member did with one result of a search. */
    @Schema(name = "SearchFeedback")
    @ReadBy("FeedbackController")
    public record SearchFeedback(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String recordingId,
            @Schema(
                            requiredMode = RequiredMode.REQUIRED,
                            allowableValues = {"opened", "played", "skipped"})
                    String action,
            @Schema(
                            requiredMode = RequiredMode.REQUIRED,
                            description = "where the result was shown, 1 for the first")
                    Integer position,
            @Schema(description = "for played: how long it played") Double secondsPlayed,
            @Schema(description = "for played: whether to its end") Boolean playedToEnd,
            @Schema(description = "how long the member stayed with it") Double dwellSeconds) {}

    /** The push worker's callback ({@code JobCallbackController}). */
    @Schema(name = "Callback")
    @ReadBy("JobCallbackController")
    public record Callback(
            @Schema(
                            requiredMode = RequiredMode.REQUIRED,
                            allowableValues = {"complete", "error"})
                    String status,
            String error,
            @Schema(
                            description =
                                    "sections the worker found, by any key: each becomes a clip"
                                            + " of a recording that has none yet")
                    Map<String, ClipBoundary> clipBoundaries) {}

    /** One section a push worker found, in seconds. */
    @Schema(name = "ClipBoundary")
    @ReadBy("JobCallbackController")
    public record ClipBoundary(
            @Schema(requiredMode = RequiredMode.REQUIRED) double startTimeSec,
            @Schema(requiredMode = RequiredMode.REQUIRED) double endTimeSec) {}

    /** An error ({@code web.problem.Problem}): RFC 9457, plus the fields it names. */
    @Schema(name = "Problem")
    public record Problem(
            @Schema(requiredMode = RequiredMode.REQUIRED) String type,
            @Schema(requiredMode = RequiredMode.REQUIRED) String title,
            @Schema(requiredMode = RequiredMode.REQUIRED) int status,
            String detail,
            List<FieldError> errors,
            String requestId) {}

    /** One offending field of a request. */
    @Schema(name = "FieldError")
    public record FieldError(String field, String detail) {}
}
