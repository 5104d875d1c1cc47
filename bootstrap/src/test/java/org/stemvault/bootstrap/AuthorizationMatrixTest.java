package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stemvault.application.drive.TokenCipher;
import org.stemvault.application.worker.Workers;
import org.stemvault.domain.analysis.Analyses;
import org.stemvault.domain.analysis.Analysis;
import org.stemvault.domain.analysis.MusicalKey;
import org.stemvault.domain.audio.AudioFile;
import org.stemvault.domain.drive.DriveFolder;
import org.stemvault.domain.drive.DriveFolders;
import org.stemvault.domain.drive.DriveGrant;
import org.stemvault.domain.drive.DriveGrants;
import org.stemvault.domain.job.Job;
import org.stemvault.domain.job.JobKind;
import org.stemvault.domain.job.JobStatus;
import org.stemvault.domain.job.Jobs;
import org.stemvault.domain.label.LabelKind;
import org.stemvault.domain.media.MediaKey;
import org.stemvault.domain.mix.Mix;
import org.stemvault.domain.mix.MixFormat;
import org.stemvault.domain.mix.MixId;
import org.stemvault.domain.mix.MixShare;
import org.stemvault.domain.mix.MixShares;
import org.stemvault.domain.mix.MixSpec;
import org.stemvault.domain.mix.Mixes;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.Recordings;
import org.stemvault.domain.search.Embedding;
import org.stemvault.domain.search.EmbeddingSpace;
import org.stemvault.domain.search.Embeddings;
import org.stemvault.domain.search.Vector;
import org.stemvault.domain.user.SessionId;
import org.stemvault.domain.user.User;
import org.stemvault.domain.user.UserId;
import org.stemvault.domain.user.Users;

/**
 * Every endpoint under /api (the admin API included) and /media against every kind of caller, each
 * status asserted. The table must name every route the service has there: a new endpoint without a
 * row fails this test.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest implements TestPropertyProvider {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Path MEDIA = temporaryMedia();
    static final String HASH = "ab".repeat(32);
    static final String NEW_HASH = "cd".repeat(32);
    static final Instant T0 = Instant.parse("2025-10-30T05:41:36Z");
    static final List<String> CALLERS =
            List.of("anonymous", "non-member", "member", "admin", "worker", "forged");

    @Inject EmbeddedServer server;
    @Inject Seed seed;
    @Inject Router router;
    @Inject Users users;
    @Inject Profiles profiles;
    @Inject Recordings recordings;
    @Inject Embeddings embeddings;
    @Inject Jobs jobs;
    @Inject Mixes mixes;
    @Inject MixShares shares;
    @Inject Analyses analyses;
    @Inject DriveGrants driveGrants;
    @Inject DriveFolders driveFolders;
    @Inject TokenCipher tokenCipher;

    String driveToken;
    boolean driveRevoked;

    /** The stand-in Drive the band's folder is in. */
    static final StandInDrive DRIVE = DriveTest.drive();

    static {
        DRIVE.folder("root1", "Rehearsals", "mydrive");
        DRIVE.folder("sub1", "March", "root1");
        DRIVE.file(
                "take1",
                "Take 1.wav",
                "root1",
                org.stemvault.files.legacy.LegacyFixture.wav(0.2, 8000));
    }

    /**
     * One endpoint: its route as the router knows it, a concrete request, and the status for each
     * caller.
     */
    record Row(String method, String route, String path, String body, int... statuses) {}

    static final String RECORDING =
            "{\"audio_file_sha256\":\""
                    + HASH
                    + "\",\"stems\":[{\"stem_type\":\"vocals\","
                    + "\"measured_lufs\":-1,\"peak_amplitude\":0.5,\"stem_gain_adjustment_db\":0,\"audio_url\":\"vocals.opus\","
                    + "\"waveform_url\":\"vocals.png\",\"file_size_bytes\":10,\"duration_seconds\":1}]}";
    static final String AUDIO =
            "{\"filename\":\"new.wav\",\"file_size_bytes\":1,\"duration_seconds\":1}";

    //                   callers:                            anon non-m member admin worker forged
    /** A multipart upload of a short WAV in the field {@code data}. */
    static final String UPLOAD =
            Api.multipart("take.wav", org.stemvault.files.legacy.LegacyFixture.wav(0.1, 8000));

    static final String COMPLETION =
            "{\"stems\":[{\"stem_type\":\"vocals\",\"measured_lufs\":-1,\"peak_amplitude\":0.5,"
                    + "\"stem_gain_adjustment_db\":0,\"audio_url\":\"vocals.opus\",\"waveform_url\":\"vocals.png\","
                    + "\"file_size_bytes\":10,\"duration_seconds\":1}]}";

    static final String DRIVE_IMPORT =
            "{\"file_id\":\"take1\",\"file_name\":\"Take 1.wav\",\"file_size\":100,"
                    + "\"modified_time\":\"2026-01-01T00:00:00Z\",\"parent_id\":\"root1\"}";

    static final String ANALYSIS =
            "{\"tempo_bpm\":120,\"tempo_confidence\":0.9,\"key\":\"A minor\",\"key_confidence\":0.5,"
                    + "\"stability\":0.98,\"beats\":[0.5,1.0,1.5,2.0],\"downbeats\":[0.5],"
                    + "\"window_seconds\":10,\"tempo_curve\":[120],\"window_keys\":[\"A minor\"],"
                    + "\"tool\":\"matrix\"}";

    static final List<Row> TABLE =
            List.of(
                    new Row(
                            "GET",
                            "/api/recordings/{id}/analysis",
                            "/api/recordings/RECORDING_ID/analysis",
                            null,
                            401,
                            404,
                            200,
                            200,
                            403,
                            401),
                    new Row(
                            "POST",
                            "/api/admin/analysis/queue",
                            "/api/admin/analysis/queue",
                            null,
                            401,
                            403,
                            403,
                            200,
                            403,
                            401),
                    new Row(
                            "POST",
                            "/api/worker/jobs/{jobId}/analysis",
                            "/api/worker/jobs/ANALYZE_JOB_ID/analysis",
                            ANALYSIS,
                            401,
                            403,
                            403,
                            403,
                            200,
                            401),
                    new Row(
                            "PATCH",
                            "/api/profiles/{profile}/drive-folder",
                            "/api/profiles/band/drive-folder",
                            "{\"google_drive_folder_id\":\"root1\"}",
                            401,
                            404,
                            200,
                            409,
                            403,
                            401),
                    new Row(
                            "DELETE",
                            "/api/profiles/{profile}/drive-folder",
                            "/api/profiles/band/drive-folder",
                            null,
                            401,
                            404,
                            204,
                            204,
                            403,
                            401),
                    new Row(
                            "GET",
                            "/api/profiles/{profile}/drive/contents{?folder_id,page_token}",
                            "/api/profiles/band/drive/contents?folder_id=sub1",
                            null,
                            401,
                            404,
                            200,
                            200,
                            403,
                            401),
                    new Row(
                            "POST",
                            "/api/profiles/{profile}/drive/import",
                            "/api/profiles/band/drive/import",
                            DRIVE_IMPORT,
                            401,
                            404,
                            201,
                            201,
                            403,
                            401),
                    new Row("GET", "/api/drive", "/api/drive", null, 401, 200, 200, 200, 403, 401),
                    new Row(
                            "DELETE",
                            "/api/drive",
                            "/api/drive",
                            null,
                            401,
                            404,
                            200,
                            404,
                            403,
                            401),
                    new Row(
                            "POST",
                            "/api/webhooks/drive",
                            "/api/webhooks/drive",
                            null,
                            404,
                            404,
                            404,
                            404,
                            404,
                            404),
                    new Row(
                            "POST",
                            "/api/upload/{profile}",
                            "/api/upload/band",
                            UPLOAD,
                            401,
                            404,
                            200,
                            200,
                            403,
                            401),
                    new Row(
                            "GET",
                            "/api/jobs/{jobId}/status{?wait}",
                            "/api/jobs/JOB_ID/status?wait=0",
                            null,
                            401,
                            404,
                            200,
                            200,
                            403,
                            401),
                    new Row(
                            "GET",
                            "/api/jobs/{jobId}/events{?max}",
                            "/api/jobs/JOB_ID/events?max=0",
                            null,
                            401,
                            404,
                            200,
                            200,
                            403,
                            401),
                    new Row(
                            "POST",
                            "/api/worker/jobs/claim",
                            "/api/worker/jobs/claim",
                            null,
                            401,
                            403,
                            403,
                            403,
                            204,
                            401),
                    new Row(
                            "POST",
                            "/api/worker/jobs/{jobId}/heartbeat",
                            "/api/worker/jobs/JOB_ID/heartbeat",
                            "{\"percent\":5}",
                            401,
                            403,
                            403,
                            403,
                            200,
                            401),
                    new Row(
                            "POST",
                            "/api/worker/jobs/{jobId}/complete",
                            "/api/worker/jobs/JOB_ID/complete",
                            COMPLETION,
                            401,
                            403,
                            403,
                            403,
                            200,
                            401),
                    new Row(
                            "POST",
                            "/api/worker/jobs/{jobId}/fail",
                            "/api/worker/jobs/JOB_ID/fail",
                            "{\"error\":\"x\"}",
                            401,
                            403,
                            403,
                            403,
                            200,
                            401),
                    new Row(
                            "GET",
                            "/api/profiles/{profile}/songs",
                            "/api/profiles/band/songs",
                            null,
                            401,
                            404,
                            200,
                            200,
                            403,
                            401),
                    new Row(
                            "POST",
                            "/api/profiles/{profile}/songs",
                            "/api/profiles/band/songs",
                            "{\"name\":\"New one\"}",
                            401,
                            404,
                            201,
                            201,
                            403,
                            401),
                    new Row(
                            "PATCH",
                            "/api/songs/{id}",
                            "/api/songs/SONG_ID",
                            "{\"name\":\"Renamed\"}",
                            401,
                            404,
                            200,
                            200,
                            403,
                            401),
                    new Row(
                            "DELETE",
                            "/api/songs/{id}{?force}",
                            "/api/songs/SONG_ID",
                            null,
                            401,
                            404,
                            204,
                            204,
                            403,
                            401),
                    new Row(
                            "PATCH",
                            "/api/songs/{id}",
                            "/api/songs/OTHER_SONG_ID",
                            "{\"name\":\"Mine now\"}",
                            401,
                            404,
                            404,
                            200,
                            403,
                            401),
                    new Row(
                            "DELETE",
                            "/api/songs/{id}{?force}",
                            "/api/songs/OTHER_SONG_ID",
                            null,
                            401,
                            404,
                            404,
                            204,
                            403,
                            401),
                    new Row(
                            "GET",
                            "/api/profiles/{profile}/locations",
                            "/api/profiles/band/locations",
                            null,
                            401,
                            404,
                            200,
                            200,
                            403,
                            401),
                    new Row(
                            "POST",
                            "/api/profiles/{profile}/locations",
                            "/api/profiles/band/locations",
                            "{\"name\":\"New one\"}",
                            401,
                            404,
                            201,
                            201,
                            403,
                            401),
                    new Row(
                            "PATCH",
                            "/api/locations/{id}",
                            "/api/locations/LOCATION_ID",
                            "{\"name\":\"Renamed\"}",
                            401,
                            404,
                            200,
                            200,
                            403,
                            401),
                    new Row(
                            "DELETE",
                            "/api/locations/{id}{?force}",
                            "/api/locations/LOCATION_ID",
                            null,
                            401,
                            404,
                            204,
                            204,
                            403,
                            401),
                    new Row(
                            "PATCH",
                            "/api/locations/{id}",
                            "/api/locations/OTHER_LOCATION_ID",
                            "{\"name\":\"Mine now\"}",
                            401,
                            404,
                            404,
                            200,
                            403,
                            401),
                    new Row(
                            "DELETE",
                            "/api/locations/{id}{?force}",
                            "/api/locations/OTHER_LOCATION_ID",
                            null,
                            401,
                            404,
                            404,
                            204,
                            403,
                            401),
                    new Row(
                            "GET",
                            "/api/recordings/{id}",
                            "/api/recordings/RECORDING_ID",
                            null,
                            401,
                            404,
                            200,
                            200,
                            403,
                            401),
                    new Row(
                            "GET",
                            "/api/recordings/{id}",
                            "/api/recordings/OTHER_RECORDING_ID",
                            null,
                            401,
                            404,
                            404,
                            200,
                            403,
                            401),
                    new Row(
                            "PATCH",
                            "/api/recordings/{id}/metadata",
                            "/api/recordings/RECORDING_ID/metadata",
                            "{\"date_recorded\":\"2026-11-03\"}",
                            401,
                            404,
                            200,
                            200,
                            403,
                            401),
                    new Row(
                            "PATCH",
                            "/api/recordings/{id}/metadata",
                            "/api/recordings/OTHER_RECORDING_ID/metadata",
                            "{\"date_recorded\":\"2026-11-03\"}",
                            401,
                            404,
                            404,
                            200,
                            403,
                            401),
                    new Row(
                            "DELETE",
                            "/api/recordings/{id}",
                            "/api/recordings/RECORDING_ID",
                            null,
                            401,
                            404,
                            204,
                            204,
                            403,
                            401),
                    new Row(
                            "DELETE",
                            "/api/recordings/{id}",
                            "/api/recordings/OTHER_RECORDING_ID",
                            null,
                            401,
                            404,
                            404,
                            204,
                            403,
                            401),
                    new Row(
                            "POST",
                            "/api/recordings/{id}/mixes",
                            "/api/recordings/RECORDING_ID/mixes",
                            "{\"format\":\"wav\",\"tempo\":0.8}",
                            401,
                            404,
                            202,
                            202,
                            403,
                            401),
                    new Row(
                            "POST",
                            "/api/recordings/{id}/mixes",
                            "/api/recordings/OTHER_RECORDING_ID/mixes",
                            "{\"format\":\"wav\"}",
                            401,
                            404,
                            404,
                            202,
                            403,
                            401),
                    new Row(
                            "GET",
                            "/api/mixes/{id}",
                            "/api/mixes/MIX_ID",
                            null,
                            401,
                            404,
                            200,
                            200,
                            403,
                            401),
                    new Row(
                            "GET",
                            "/api/mixes/{id}",
                            "/api/mixes/OTHER_MIX_ID",
                            null,
                            401,
                            404,
                            404,
                            200,
                            403,
                            401),
                    new Row(
                            "GET",
                            "/api/mixes/{id}/file",
                            "/api/mixes/MIX_ID/file",
                            null,
                            401,
                            404,
                            200,
                            200,
                            403,
                            401),
                    new Row(
                            "GET",
                            "/api/mixes/{id}/file",
                            "/api/mixes/OTHER_MIX_ID/file",
                            null,
                            401,
                            404,
                            404,
                            200,
                            403,
                            401),
                    new Row(
                            "DELETE",
                            "/api/mixes/{id}",
                            "/api/mixes/MIX_ID",
                            null,
                            401,
                            404,
                            204,
                            204,
                            403,
                            401),
                    new Row(
                            "DELETE",
                            "/api/mixes/{id}",
                            "/api/mixes/OTHER_MIX_ID",
                            null,
                            401,
                            404,
                            404,
                            204,
                            403,
                            401),
                    new Row(
                            "GET",
                            "/api/worker/jobs/{jobId}/stems/{file}",
                            "/api/worker/jobs/RENDER_JOB_ID/stems/vocals.opus",
                            null,
                            401,
                            403,
                            403,
                            403,
                            200,
                            401),
                    new Row(
                            "POST",
                            "/api/worker/jobs/{jobId}/rendered",
                            "/api/worker/jobs/RENDER_JOB_ID/rendered",
                            "{\"duration_seconds\":1.5,\"loudness_lufs\":-20}",
                            401,
                            403,
                            403,
                            403,
                            200,
                            401),
                    new Row(
                            "POST",
                            "/api/recordings/{id}/bundle",
                            "/api/recordings/RECORDING_ID/bundle",
                            "{\"format\":\"flac\"}",
                            401,
                            404,
                            202,
                            202,
                            403,
                            401),
                    new Row(
                            "POST",
                            "/api/recordings/{id}/bundle",
                            "/api/recordings/OTHER_RECORDING_ID/bundle",
                            "{}",
                            401,
                            404,
                            404,
                            202,
                            403,
                            401),
                    new Row(
                            "POST",
                            "/api/mixes/{id}/share",
                            "/api/mixes/MIX_ID/share",
                            "{}",
                            401,
                            404,
                            201,
                            201,
                            403,
                            401),
                    new Row(
                            "POST",
                            "/api/mixes/{id}/share",
                            "/api/mixes/OTHER_MIX_ID/share",
                            "{\"days\":1}",
                            401,
                            404,
                            404,
                            201,
                            403,
                            401),
                    new Row(
                            "GET",
                            "/api/mixes/{id}/shares",
                            "/api/mixes/MIX_ID/shares",
                            null,
                            401,
                            404,
                            200,
                            200,
                            403,
                            401),
                    new Row(
                            "DELETE",
                            "/api/mixes/{id}/shares/{shareId}",
                            "/api/mixes/MIX_ID/shares/SHARE_ID",
                            null,
                            401,
                            404,
                            204,
                            204,
                            403,
                            401),
                    new Row(
                            "DELETE",
                            "/api/mixes/{id}/shares/{shareId}",
                            "/api/mixes/OTHER_MIX_ID/shares/SHARE_ID",
                            null,
                            401,
                            404,
                            404,
                            404,
                            403,
                            401),
                    new Row(
                            "GET",
                            "/api/shared/{token}",
                            "/api/shared/SHARE_TOKEN",
                            null,
                            200,
                            200,
                            200,
                            200,
                            200,
                            200),
                    new Row(
                            "GET",
                            "/api/shared/{token}",
                            "/api/shared/REVOKED_TOKEN",
                            null,
                            404,
                            404,
                            404,
                            404,
                            404,
                            404),
                    new Row(
                            "GET",
                            "/api/recordings/{id}/clips",
                            "/api/recordings/RECORDING_ID/clips",
                            null,
                            401,
                            404,
                            200,
                            200,
                            403,
                            401),
                    new Row(
                            "GET",
                            "/api/recordings/{id}/clips",
                            "/api/recordings/OTHER_RECORDING_ID/clips",
                            null,
                            401,
                            404,
                            404,
                            200,
                            403,
                            401),
                    new Row(
                            "POST",
                            "/api/recordings/{id}/clips",
                            "/api/recordings/RECORDING_ID/clips",
                            "{\"start_time_sec\":0.1,\"end_time_sec\":0.4,\"display_name\":\"Verse\"}",
                            401,
                            404,
                            201,
                            201,
                            403,
                            401),
                    new Row(
                            "POST",
                            "/api/recordings/{id}/clips",
                            "/api/recordings/OTHER_RECORDING_ID/clips",
                            "{\"start_seconds\":0.1,\"end_seconds\":0.4}",
                            401,
                            404,
                            404,
                            201,
                            403,
                            401),
                    new Row(
                            "GET",
                            "/api/clips/{id}",
                            "/api/clips/CLIP_ID",
                            null,
                            401,
                            404,
                            200,
                            200,
                            403,
                            401),
                    new Row(
                            "GET",
                            "/api/clips/{id}",
                            "/api/clips/OTHER_CLIP_ID",
                            null,
                            401,
                            404,
                            404,
                            200,
                            403,
                            401),
                    new Row(
                            "PATCH",
                            "/api/clips/{id}",
                            "/api/clips/CLIP_ID",
                            "{\"start_time_sec\":0.15,\"display_name\":\"Verse\"}",
                            401,
                            404,
                            200,
                            200,
                            403,
                            401),
                    new Row(
                            "PATCH",
                            "/api/clips/{id}",
                            "/api/clips/OTHER_CLIP_ID",
                            "{\"display_name\":\"Verse\"}",
                            401,
                            404,
                            404,
                            200,
                            403,
                            401),
                    new Row(
                            "DELETE",
                            "/api/clips/{id}",
                            "/api/clips/CLIP_ID",
                            null,
                            401,
                            404,
                            204,
                            204,
                            403,
                            401),
                    new Row(
                            "DELETE",
                            "/api/clips/{id}",
                            "/api/clips/OTHER_CLIP_ID",
                            null,
                            401,
                            404,
                            404,
                            204,
                            403,
                            401),
                    new Row(
                            "GET",
                            "/api/songs/{id}/clips{?sort}",
                            "/api/songs/SONG_ID/clips",
                            null,
                            401,
                            404,
                            200,
                            200,
                            403,
                            401),
                    new Row(
                            "GET",
                            "/api/songs/{id}/clips{?sort}",
                            "/api/songs/OTHER_SONG_ID/clips",
                            null,
                            401,
                            404,
                            404,
                            200,
                            403,
                            401),
                    new Row(
                            "GET",
                            "/api/profiles/{profile}/clips",
                            "/api/profiles/band/clips",
                            null,
                            401,
                            404,
                            200,
                            200,
                            403,
                            401),
                    new Row(
                            "GET",
                            "/api/profiles/{profile}/clips",
                            "/api/profiles/elsewhere/clips",
                            null,
                            401,
                            404,
                            404,
                            200,
                            403,
                            401),
                    new Row(
                            "PATCH",
                            "/api/recordings/{id}/config",
                            "/api/recordings/RECORDING_ID/config",
                            "{\"key\":\"playbackPosition\",\"value\":12.5}",
                            401,
                            404,
                            204,
                            204,
                            403,
                            401),
                    new Row(
                            "PATCH",
                            "/api/recordings/{id}/config",
                            "/api/recordings/OTHER_RECORDING_ID/config",
                            "{\"key\":\"playbackPosition\",\"value\":12.5}",
                            401,
                            404,
                            404,
                            204,
                            403,
                            401),
                    new Row(
                            "POST",
                            "/api/worker/jobs/{jobId}/release",
                            "/api/worker/jobs/JOB_ID/release",
                            null,
                            401,
                            403,
                            403,
                            403,
                            204,
                            401),
                    new Row(
                            "POST",
                            "/api/jobs/{jobId}/callback/{secret}",
                            "/api/jobs/JOB_ID/callback/" + "0".repeat(64),
                            "{\"status\":\"complete\",\"clip_boundaries\":{\"a\":"
                                    + "{\"start_time_sec\":0.0,\"end_time_sec\":1.0}}}",
                            404,
                            404,
                            404,
                            404,
                            404,
                            404),
                    new Row(
                            "GET",
                            "/api/worker/jobs/{jobId}/source",
                            "/api/worker/jobs/JOB_ID/source",
                            null,
                            401,
                            403,
                            403,
                            403,
                            200,
                            401),
                    new Row(
                            "PUT",
                            "/api/worker/jobs/{jobId}/outputs/{+file}",
                            "/api/worker/jobs/JOB_ID/outputs/vocals.opus",
                            "opus bytes",
                            401,
                            403,
                            403,
                            403,
                            201,
                            401),
                    new Row(
                            "GET",
                            "/api/admin/jobs{?status,profile,limit,cursor}",
                            "/api/admin/jobs",
                            null,
                            401,
                            403,
                            403,
                            200,
                            403,
                            401),
                    new Row(
                            "POST",
                            "/api/admin/jobs/{jobId}/retry",
                            "/api/admin/jobs/JOB_ID/retry",
                            null,
                            401,
                            403,
                            403,
                            409,
                            403,
                            401),
                    new Row(
                            "POST",
                            "/api/admin/jobs/{jobId}/cancel",
                            "/api/admin/jobs/JOB_ID/cancel",
                            null,
                            401,
                            403,
                            403,
                            200,
                            403,
                            401),
                    new Row(
                            "GET",
                            "/api/profiles",
                            "/api/profiles",
                            null,
                            401,
                            200,
                            200,
                            200,
                            403,
                            401),
                    new Row(
                            "GET",
                            "/api/profiles/{profile}",
                            "/api/profiles/band",
                            null,
                            401,
                            404,
                            200,
                            200,
                            403,
                            401),
                    new Row(
                            "GET",
                            "/api/profiles/{profile}/files{?limit,cursor,bpm_min,bpm_max,key,key_related}",
                            "/api/profiles/band/files?bpm_max=300&key=Am&key_related=true",
                            null,
                            401,
                            404,
                            200,
                            200,
                            403,
                            401),
                    new Row(
                            "GET",
                            "/api/profiles/{profile}/files/{outputName}",
                            "/api/profiles/band/files/take-1",
                            null,
                            401,
                            404,
                            200,
                            200,
                            403,
                            401),
                    new Row(
                            "PATCH",
                            "/api/profiles/{profile}/files/{outputName}/display-name",
                            "/api/profiles/band/files/take-1/display-name",
                            "{\"display_name\":\"x\"}",
                            401,
                            404,
                            200,
                            200,
                            403,
                            401),
                    new Row(
                            "PATCH",
                            "/api/profiles/{profile}/files/{outputName}",
                            "/api/profiles/band/files/take-1",
                            "{\"description\":\"x\"}",
                            401,
                            404,
                            200,
                            200,
                            403,
                            401),
                    new Row(
                            "DELETE",
                            "/api/profiles/{profile}/files/{outputName}",
                            "/api/profiles/band/files/take-1",
                            null,
                            401,
                            404,
                            204,
                            204,
                            403,
                            401),
                    new Row(
                            "GET",
                            "/api/audio-files/{sha256}",
                            "/api/audio-files/" + HASH,
                            null,
                            401,
                            403,
                            403,
                            200,
                            200,
                            401),
                    new Row(
                            "PUT",
                            "/api/profiles/{profile}/audio-files/{sha256}",
                            "/api/profiles/band/audio-files/" + NEW_HASH,
                            AUDIO,
                            401,
                            403,
                            403,
                            201,
                            201,
                            401),
                    new Row(
                            "PUT",
                            "/api/profiles/{profile}/recordings/{outputName}",
                            "/api/profiles/band/recordings/take-1",
                            RECORDING,
                            401,
                            403,
                            403,
                            200,
                            200,
                            401),
                    new Row(
                            "GET",
                            "/media/{profile}/{outputName}/{+file}",
                            "/media/band/take-1/vocals.opus",
                            null,
                            401,
                            404,
                            200,
                            200,
                            403,
                            401),
                    new Row(
                            "PUT",
                            "/api/profiles/{profile}/files/{outputName}/embeddings/{space}",
                            "/api/profiles/band/files/take-1/embeddings/audio",
                            "{\"vector\":[1,2,3,4]}",
                            401,
                            404,
                            200,
                            200,
                            200,
                            401),
                    new Row(
                            "PUT",
                            "/api/profiles/{profile}/files/{outputName}/stems/{stemType}/embeddings/{space}",
                            "/api/profiles/band/files/take-1/stems/vocals/embeddings/audio",
                            "{\"vector\":[1,2,3,4]}",
                            401,
                            404,
                            200,
                            200,
                            200,
                            401),
                    new Row(
                            "GET",
                            "/api/profiles/{profile}/files/{outputName}/similar{?space,limit,min_similarity}",
                            "/api/profiles/band/files/take-1/similar?space=audio",
                            null,
                            401,
                            404,
                            200,
                            200,
                            403,
                            401),
                    new Row(
                            "POST",
                            "/api/search",
                            "/api/search",
                            "{\"mode\":\"fulltext\",\"query\":\"take\"}",
                            401,
                            200,
                            200,
                            200,
                            403,
                            401),
                    new Row(
                            "POST",
                            "/api/search/{searchId}/feedback",
                            "/api/search/SEARCH_ID/feedback",
                            "{\"recording_id\":\"RECORDING_ID\",\"action\":\"played\",\"position\":1,"
                                    + "\"seconds_played\":12}",
                            401,
                            404,
                            204,
                            404,
                            403,
                            401),
                    new Row(
                            "GET",
                            "/api/admin/search-insights{?profile}",
                            "/api/admin/search-insights?profile=band",
                            null,
                            401,
                            403,
                            403,
                            200,
                            403,
                            401),
                    new Row(
                            "GET",
                            "/api/admin/users",
                            "/api/admin/users",
                            null,
                            401,
                            403,
                            403,
                            200,
                            403,
                            401),
                    new Row(
                            "GET",
                            "/api/admin/profiles",
                            "/api/admin/profiles",
                            null,
                            401,
                            403,
                            403,
                            200,
                            403,
                            401),
                    new Row(
                            "POST",
                            "/api/admin/profiles",
                            "/api/admin/profiles",
                            "{\"name\":\"new\",\"source_folder\":\"/src/new\"}",
                            401,
                            403,
                            403,
                            201,
                            403,
                            401),
                    new Row(
                            "PATCH",
                            "/api/admin/profiles/{profile}",
                            "/api/admin/profiles/band",
                            "{\"source_folder\":\"/src/moved\"}",
                            401,
                            403,
                            403,
                            200,
                            403,
                            401),
                    new Row(
                            "DELETE",
                            "/api/admin/profiles/{profile}{?force}",
                            "/api/admin/profiles/band?force=true",
                            null,
                            401,
                            403,
                            403,
                            204,
                            403,
                            401),
                    new Row(
                            "GET",
                            "/api/admin/profiles/{profile}/members",
                            "/api/admin/profiles/band/members",
                            null,
                            401,
                            403,
                            403,
                            200,
                            403,
                            401),
                    new Row(
                            "PUT",
                            "/api/admin/profiles/{profile}/members/{email}",
                            "/api/admin/profiles/band/members/new@example.com",
                            null,
                            401,
                            403,
                            403,
                            201,
                            403,
                            401),
                    new Row(
                            "DELETE",
                            "/api/admin/profiles/{profile}/members/{email}",
                            "/api/admin/profiles/band/members/member@example.com",
                            null,
                            401,
                            403,
                            403,
                            204,
                            403,
                            401),
                    new Row(
                            "PUT",
                            "/api/admin/users/{email}/role",
                            "/api/admin/users/member@example.com/role",
                            "{\"role\":\"admin\"}",
                            401,
                            403,
                            403,
                            204,
                            403,
                            401),
                    new Row(
                            "DELETE",
                            "/api/admin/users/{email}/sessions",
                            "/api/admin/users/member@example.com/sessions",
                            null,
                            401,
                            403,
                            403,
                            200,
                            403,
                            401),
                    new Row(
                            "GET",
                            "/api/admin/worker-tokens",
                            "/api/admin/worker-tokens",
                            null,
                            401,
                            403,
                            403,
                            200,
                            403,
                            401),
                    new Row(
                            "POST",
                            "/api/admin/worker-tokens",
                            "/api/admin/worker-tokens",
                            "{\"name\":\"w\"}",
                            401,
                            403,
                            403,
                            201,
                            403,
                            401),
                    new Row(
                            "DELETE",
                            "/api/admin/worker-tokens/{id}",
                            "/api/admin/worker-tokens/WORKER_ID",
                            null,
                            401,
                            403,
                            403,
                            204,
                            403,
                            401),
                    new Row(
                            "GET",
                            "/api/admin/audit{?profile,user,since,limit,cursor}",
                            "/api/admin/audit",
                            null,
                            401,
                            403,
                            403,
                            200,
                            403,
                            401));

    static Path temporaryMedia() {
        try {
            Path root = Files.createTempDirectory("stemvault-matrix");
            Files.createDirectories(root.resolve("band/take-1"));
            Files.writeString(root.resolve("band/take-1/vocals.opus"), "audio");
            Files.writeString(root.resolve("band/take-1/vocals.png"), "waveform");
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestApp.properties());
        properties.put("stemvault.media.root", MEDIA.toString());
        properties.put("stemvault.mixes.share-links", "true");
        properties.put("stemvault.drive.token-keys", "k1:" + DriveTest.KEY);
        properties.put("stemvault.drive.api-url", DRIVE.root());
        properties.put("stemvault.drive.list-interval", "1h");
        properties.put("stemvault.drive.maintain-interval", "1h");
        properties.put("stemvault.drive.first-backoff", "10ms");
        properties.put("stemvault.drive.most-backoff", "40ms");
        return properties;
    }

    /**
     * A fresh world for each request: a profile with one recording, and one caller of each kind.
     */
    Map<String, String> seed() {
        seed.reset();
        // the take's files, put again: a deletion an earlier request caused may have removed them
        try {
            Files.createDirectories(MEDIA.resolve("band/take-1"));
            Files.writeString(MEDIA.resolve("band/take-1/vocals.opus"), "audio");
            Files.writeString(MEDIA.resolve("band/take-1/vocals.png"), "waveform");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Profile band = seed.profile("band");
        AudioFile source = seed.source(band, HASH);
        Recording take =
                seed.take(
                        band, "take-1", "Take", "", source, 0, List.of(Seed.stem("vocals", -1.0)));
        embeddings.put(
                new Embedding(
                        take.id(),
                        null,
                        new EmbeddingSpace("audio", 4, EmbeddingSpace.Source.EXTERNAL),
                        Vector.of(1, 0, 0, 0),
                        null,
                        T0));
        User admin = seed.admin("admin@example.com");
        Map<String, String> tokens = new HashMap<>();
        tokens.put("non-member", seed.token(seed.user("stranger@example.com")));
        User member = seed.user("member@example.com");
        seed.grant(member, band);
        tokens.put("member", seed.token(member));
        // the member connected Drive and the band's folder; their refresh token is fetched again
        // only after a request disconnected Drive (revoking it at the provider)
        if (driveToken == null || driveRevoked) {
            driveToken = TestOidc.refreshToken("member@example.com");
            driveRevoked = false;
        }
        TokenCipher.Sealed sealed = tokenCipher.seal(driveToken, member.id().value().toString());
        driveGrants.save(new DriveGrant(member.id(), sealed.keyId(), sealed.value(), T0, null));
        driveFolders.connect(new DriveFolder(band.id(), "root1", member.id(), T0, null));
        tokens.put("admin", seed.token(admin));
        Workers.Minted worker = seed.worker("matrix");
        tokens.put("worker", worker.bearer());
        tokens.put("worker-id", worker.token().id().toString());
        AudioFile upload = seed.source(band, "ef".repeat(32));
        Job job =
                Job.queue(
                        band.id(),
                        band.name(),
                        upload.id(),
                        new OutputName("take_cdcdcdcd"),
                        "take.wav",
                        "inputs/band/take.wav",
                        3,
                        T0);
        jobs.create(job);
        jobs.claim(
                worker.token().id().toString(),
                JobKind.ALL,
                java.time.Instant.now(),
                java.time.Instant.now().plusSeconds(600));
        tokens.put("job-id", job.id().toString());
        Profile elsewhere = seed.profile("elsewhere");
        tokens.put("RECORDING_ID", take.id().toString());
        // a search of the member's that showed the take, as the search statement logs it
        String searchId = java.util.UUID.randomUUID().toString();
        try (java.sql.Connection c = org.stemvault.postgres.TestDatabase.connect();
                java.sql.Statement s = c.createStatement()) {
            s.execute(
                    "INSERT INTO searches (id, user_id, session_id, kind, query_text, query_norm,"
                            + " profile_ids, results, scores, shown, created_at) VALUES ('"
                            + searchId
                            + "', '"
                            + member.id().value()
                            + "', gen_random_uuid(), 'search', 'take', 'take', ARRAY['"
                            + band.id().value()
                            + "'::uuid], ARRAY['"
                            + take.id()
                            + "'::uuid], ARRAY[1.0], 10, now())");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        tokens.put("SEARCH_ID", searchId);
        Recording theirs =
                seed.take(
                        elsewhere,
                        "their-take",
                        "Theirs",
                        "",
                        seed.source(elsewhere, NEW_HASH.replace('c', 'e')),
                        0,
                        List.of(Seed.stem("vocals", -1.0)));
        tokens.put("OTHER_RECORDING_ID", theirs.id().toString());
        tokens.put("CLIP_ID", seed.clip(take, null, 0, 0.5).id().toString());
        tokens.put("OTHER_CLIP_ID", seed.clip(theirs, null, 0, 0.5).id().toString());
        // mixes: one rendered in each profile (the member made ours), one rendering, held by the
        // worker
        Mix ready = mix(band, take, member.id(), "1");
        Mix theirMix = mix(elsewhere, theirs, null, "2");
        Mix rendering = mix(band, take, member.id(), "3");
        String holder = worker.token().id().toString();
        for (int i = 0; i < 3; i++) {
            jobs.claim(holder, JobKind.ALL, Instant.now(), Instant.now().plusSeconds(600));
        }
        for (Mix done : List.of(ready, theirMix)) {
            jobs.complete(done.job(), holder, List.of(), Instant.now());
            mixes.rendered(done.id(), new Mix.Rendered(1.5, 4L, -20.0));
        }
        tokens.put("MIX_ID", ready.id().toString());
        // an analysis held by the worker, and the take's analysis done
        jobs.create(Job.analyze(band.id(), band.name(), take.outputName(), 3, T0));
        tokens.put(
                "ANALYZE_JOB_ID",
                jobs.claim(holder, JobKind.ALL, Instant.now(), Instant.now().plusSeconds(600))
                        .orElseThrow()
                        .id()
                        .toString());
        analyses.save(
                take.id(),
                new Analysis(
                        120.0,
                        0.9,
                        MusicalKey.parse("key", "A minor"),
                        0.5,
                        0.98,
                        new double[] {0.5, 1.0},
                        new double[] {0.5},
                        10,
                        List.of(120.0),
                        List.of(MusicalKey.parse("key", "A minor")),
                        "matrix",
                        T0));
        tokens.put("OTHER_MIX_ID", theirMix.id().toString());
        tokens.put("RENDER_JOB_ID", rendering.job().toString());
        tokens.put("SHARE_ID", share(ready, SHARE_TOKEN, false).toString());
        share(ready, REVOKED_TOKEN, true);
        for (LabelKind kind : LabelKind.values()) {
            tokens.put(kind + "_ID", seed.label(band, kind, "Ours").id().toString());
            tokens.put(
                    "OTHER_" + kind + "_ID", seed.label(elsewhere, kind, "Theirs").id().toString());
        }
        try {
            java.nio.file.Files.createDirectories(MEDIA.resolve("inputs/band"));
            java.nio.file.Files.writeString(MEDIA.resolve("inputs/band/take.wav"), "RIFF....WAVE");
            // the files COMPLETION names, as the worker put them before completing
            java.nio.file.Files.createDirectories(MEDIA.resolve("band/take_cdcdcdcd"));
            java.nio.file.Files.writeString(
                    MEDIA.resolve("band/take_cdcdcdcd/vocals.opus"), "OPUS");
            java.nio.file.Files.writeString(MEDIA.resolve("band/take_cdcdcdcd/vocals.png"), "PNG");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String real = TestSessions.token(admin.id(), SessionId.random());
        tokens.put(
                "forged",
                real.substring(0, real.lastIndexOf('.') + 1)
                        + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        return tokens;
    }

    /** A live link to a mix, and a revoked one. */
    static final String SHARE_TOKEN = "s".repeat(43);

    static final String REVOKED_TOKEN = "r".repeat(43);

    UUID share(Mix mix, String token, boolean revoked) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        try {
            shares.create(
                    new MixShare(
                            id,
                            mix.id(),
                            HexFormat.of()
                                    .formatHex(
                                            MessageDigest.getInstance("SHA-256")
                                                    .digest(
                                                            token.getBytes(
                                                                    StandardCharsets.UTF_8))),
                            null,
                            now,
                            now.plusSeconds(3600),
                            null,
                            0));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (revoked) {
            shares.revoke(mix.id(), id, now);
        }
        return id;
    }

    /** A mix of the take's vocals, its file in the store, its render job queued. */
    Mix mix(Profile profile, Recording take, UserId maker, String key) {
        MixId id = MixId.random();
        MediaKey at =
                new MediaKey(
                        profile.name().value()
                                + "/"
                                + take.outputName().value()
                                + "/mixes/"
                                + id
                                + "/mix.wav");
        try {
            Files.createDirectories(MEDIA.resolve(at.folder()));
            Files.writeString(MEDIA.resolve(at.value()), "RIFF");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Job job =
                Job.render(profile.id(), profile.name(), id, take.outputName(), "Take.wav", 3, T0);
        mixes.create(
                new Mix(
                        id,
                        profile.id(),
                        take.id(),
                        maker,
                        key.repeat(64),
                        new MixSpec(
                                List.of(new MixSpec.Part("vocals", "vocals.opus", 1_234_567, 0)),
                                null,
                                null,
                                1.0,
                                0,
                                MixFormat.WAV,
                                null),
                        "Take.wav",
                        at,
                        job.id(),
                        JobStatus.QUEUED,
                        Mix.Rendered.NONE,
                        T0,
                        T0));
        jobs.create(job);
        return mixes.byId(id).orElseThrow();
    }

    @Test
    void every_route_under_api_and_media_has_a_row() {
        TreeSet<String> routes =
                router.uriRoutes()
                        .map(r -> r.getHttpMethodName() + " " + r.getUriMatchTemplate().toString())
                        .filter(r -> r.contains(" /api") || r.contains(" /media"))
                        .filter(r -> !r.startsWith("HEAD ")) // Micronaut adds HEAD to every GET: it
                        // answers as the GET does
                        .collect(Collectors.toCollection(TreeSet::new));
        TreeSet<String> rows =
                TABLE.stream()
                        .map(r -> r.method() + " " + r.route())
                        .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(routes, rows);
    }

    @Test
    void each_caller_gets_the_status_its_row_says() throws Exception {
        List<String> mismatches = new ArrayList<>();
        // Seeded afresh only when a request changed something (a write it was allowed, or any
        // change the snapshot sees): a refusal or a read leaves the world as the next one needs.
        Map<String, String> world = seed();
        Seed.Mark seeded = Seed.mark();
        for (Row row : TABLE) {
            for (int i = 0; i < CALLERS.size(); i++) {
                String caller = CALLERS.get(i);
                String token = world.get(caller);
                String path = fillIn(row.path(), world);
                int status =
                        send(
                                        row.method(),
                                        path,
                                        row.body() == null ? null : fillIn(row.body(), world),
                                        token)
                                .statusCode();
                boolean wrote = !row.method().equals("GET") && status < 400;
                if (wrote || !Seed.unchanged(seeded)) {
                    world = seed();
                    seeded = Seed.mark();
                }
                if (status != row.statuses()[i]) {
                    mismatches.add(
                            row.method()
                                    + " "
                                    + path
                                    + " as "
                                    + caller
                                    + ": "
                                    + status
                                    + " (expected "
                                    + row.statuses()[i]
                                    + ")");
                }
            }
        }
        assertEquals(List.of(), mismatches);
    }

    /** A row's path or body with the seeded world's ids in place of their names. */
    static String fillIn(String text, Map<String, String> world) {
        return text.replace("WORKER_ID", world.get("worker-id"))
                .replace("SEARCH_ID", world.get("SEARCH_ID"))
                .replace("RENDER_JOB_ID", world.get("RENDER_JOB_ID"))
                .replace("ANALYZE_JOB_ID", world.get("ANALYZE_JOB_ID"))
                .replace("SHARE_ID", world.get("SHARE_ID"))
                .replace("SHARE_TOKEN", SHARE_TOKEN)
                .replace("REVOKED_TOKEN", REVOKED_TOKEN)
                .replace("OTHER_MIX_ID", world.get("OTHER_MIX_ID"))
                .replace("MIX_ID", world.get("MIX_ID"))
                .replace("JOB_ID", world.get("job-id"))
                .replace("OTHER_SONG_ID", world.get("OTHER_SONG_ID"))
                .replace("OTHER_LOCATION_ID", world.get("OTHER_LOCATION_ID"))
                .replace("OTHER_CLIP_ID", world.get("OTHER_CLIP_ID"))
                .replace("CLIP_ID", world.get("CLIP_ID"))
                .replace("OTHER_RECORDING_ID", world.get("OTHER_RECORDING_ID"))
                .replace("RECORDING_ID", world.get("RECORDING_ID"))
                .replace("SONG_ID", world.get("SONG_ID"))
                .replace("LOCATION_ID", world.get("LOCATION_ID"));
    }

    /** One request as a client sends it: a JSON (or multipart) body, a bearer token if any. */
    HttpResponse<String> send(String method, String path, String body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(server.getURL() + path))
                        .timeout(java.time.Duration.ofSeconds(30))
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofByteArray(
                                                body.getBytes(
                                                        body.startsWith("--")
                                                                ? StandardCharsets.ISO_8859_1
                                                                : StandardCharsets.UTF_8)))
                        .header(
                                "Content-Type",
                                body != null && body.startsWith("--")
                                        ? Api.MULTIPART
                                        : "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> answer =
                HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (method.equals("DELETE")
                && path.startsWith("/api/drive")
                && answer.statusCode() / 100 == 2) {
            driveRevoked = true;
        }
        return answer;
    }

    // ------------------------------------------------------------------ bad input on every route

    /** What stands in for a path variable: NUL, malformed or overlong UTF-8, huge numbers. */
    static final List<String> BAD_SEGMENTS =
            List.of(
                    "%00",
                    "a%00b",
                    "%FF",
                    "%C0%AF",
                    "%ED%A0%80",
                    "9".repeat(40),
                    "-1",
                    "1e400",
                    "%2E%2E",
                    "%F0%9F%8E%B8");

    /** What a query parameter is set to: the same, and dates outside every calendar. */
    static final List<String> BAD_QUERY_VALUES =
            List.of(
                    "%00",
                    "x%00",
                    "%FF",
                    "%C0%AF",
                    "%2B1000000000-01-01T00:00:00Z",
                    "-1000000000-01-01T00:00:00Z",
                    "1e400",
                    "9".repeat(40),
                    "-1",
                    "TRUE");

    /** Whole bodies that are not one JSON value: trailing data, cut short, the wrong kind. */
    static List<String> badBodies(String body) {
        return List.of(
                body + " trailing",
                body + "{}",
                body.substring(0, body.length() - 1),
                "[1,2]",
                "null",
                "\"x\"",
                "");
    }

    /** What a scalar field's value is replaced with, one at a time. */
    static final List<String> BAD_VALUES =
            List.of(
                    "\"a\\u0000b\"",
                    "\"\\ud800\"",
                    "\"\\udc00x\"",
                    "1e400",
                    "-1e400",
                    "9".repeat(40),
                    "\"+1000000000-01-01T00:00:00Z\"",
                    "true",
                    "{}",
                    "[]",
                    "\"\"",
                    "\"   \"",
                    // a control character, as names must refuse it
                    "\"bell\\u0007\"",
                    // nesting past the documented 32 levels
                    "[".repeat(40) + "]".repeat(40),
                    // oversize: 100,000 characters, past every stored value's own limit
                    "\"" + "x".repeat(100_000) + "\"");

    static final java.util.regex.Pattern SCALAR_FIELD =
            java.util.regex.Pattern.compile(
                    "\"\\w+\":(\"(?:[^\"\\\\]|\\\\.)*\"|-?[0-9][0-9.eE+-]*|true|false|null)");

    /** Every bad request to one route: path variables, query parameters, bodies and fields. */
    static List<String[]> badRequests(Row row, String path) {
        List<String[]> requests = new ArrayList<>();
        String[] template = row.route().replaceAll("\\{\\?[^}]*}", "").split("/");
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        String ownQuery = path.substring(bare.length());
        String[] segments = bare.split("/");
        for (int i = 0; i < template.length && i < segments.length; i++) {
            if (!template[i].contains("{")) {
                continue;
            }
            for (String bad : BAD_SEGMENTS) {
                String[] changed = segments.clone();
                changed[i] = bad;
                requests.add(new String[] {String.join("/", changed) + ownQuery, row.body()});
            }
        }
        java.util.regex.Matcher query =
                java.util.regex.Pattern.compile("\\{\\?([^}]*)}").matcher(row.route());
        if (query.find()) {
            for (String name : query.group(1).split(",")) {
                for (String bad : BAD_QUERY_VALUES) {
                    requests.add(new String[] {bare + "?" + name + "=" + bad, row.body()});
                }
            }
        }
        if (row.body() != null && row.body().startsWith("{")) {
            for (String bad : badBodies(row.body())) {
                requests.add(new String[] {path, bad});
            }
            java.util.regex.Matcher field = SCALAR_FIELD.matcher(row.body());
            while (field.find()) {
                for (String bad : BAD_VALUES) {
                    requests.add(
                            new String[] {
                                path,
                                row.body().substring(0, field.start(1))
                                        + bad
                                        + row.body().substring(field.end(1))
                            });
                }
            }
        }
        return requests;
    }

    /**
     * Who before what: on every route with an id in its path, a caller the row refuses (401, 403)
     * hears the same when the id is malformed, so a malformed id tells nobody more than a real one;
     * anyone else gets a 4xx problem, never a 5xx.
     */
    @Test
    void a_malformed_id_is_checked_after_the_caller_on_every_route() throws Exception {
        List<String> mismatches = new ArrayList<>();
        int sent = 0;
        Map<String, String> world = seed();
        for (Row row : TABLE) {
            String[] template = row.route().replaceAll("\\{\\?[^}]*}", "").split("/");
            String bare =
                    row.path().contains("?")
                            ? row.path().substring(0, row.path().indexOf('?'))
                            : row.path();
            String[] segments = bare.split("/");
            for (int i = 0; i < template.length && i < segments.length; i++) {
                if (!template[i].matches("\\{\\w*(?i:id)\\}")) {
                    continue;
                }
                String[] changed = segments.clone();
                changed[i] = "not-a-uuid";
                String path = String.join("/", changed);
                for (int c = 0; c < CALLERS.size(); c++) {
                    HttpResponse<String> answer =
                            send(row.method(), path, row.body(), world.get(CALLERS.get(c)));
                    sent++;
                    int expected = row.statuses()[c];
                    int status = answer.statusCode();
                    boolean ok =
                            expected == 401 || expected == 403
                                    ? status == expected
                                    : status >= 400 && status < 500;
                    if (!ok) {
                        mismatches.add(
                                row.method()
                                        + " "
                                        + path
                                        + " as "
                                        + CALLERS.get(c)
                                        + ": "
                                        + status
                                        + " (with a real id: "
                                        + expected
                                        + ")");
                    }
                }
                if (row.method().equals("GET")) {
                    continue;
                }
                world = seed();
            }
        }
        assertEquals(List.of(), mismatches);
        assertTrue(sent > 100, "sent " + sent);
    }

    /** The caller whose request the route would carry out: the first with a 2xx in its row. */
    static int actingCaller(Row row) {
        for (String caller : List.of("admin", "member", "worker")) {
            int status = row.statuses()[CALLERS.indexOf(caller)];
            if (status >= 200 && status < 300) {
                return CALLERS.indexOf(caller);
            }
        }
        return CALLERS.indexOf("admin");
    }

    /**
     * Every route of the table, as the caller who may use it, with the hardening review's classes
     * of bad input (NUL, malformed UTF-8 in paths, out-of-range dates, trailing JSON, unpaired
     * surrogates, wrong types, huge numbers): none is answered 5xx, none logs a stack trace, and
     * every refusal leaves the database as it was. A new route inherits this by having its row.
     */
    @Test
    void bad_input_on_every_route_is_never_a_5xx_and_a_refusal_changes_nothing() throws Exception {
        ServiceLog log = new ServiceLog();
        log.listen();
        List<String> defects = new ArrayList<>();
        int sent = 0;
        // Seeded once, and again only after a request was accepted or wrote (below).
        Map<String, String> world = seed();
        Seed.Mark before = Seed.mark();
        for (Row row : TABLE) {
            String caller = CALLERS.get(actingCaller(row));
            String path =
                    row.path()
                            .replace("WORKER_ID", world.get("worker-id"))
                            .replace("ANALYZE_JOB_ID", world.get("ANALYZE_JOB_ID"))
                            .replace("JOB_ID", world.get("job-id"));
            for (String[] bad : badRequests(row, path)) {
                HttpResponse<String> answer = send(row.method(), bad[0], bad[1], world.get(caller));
                sent++;
                String what = row.method() + " " + bad[0] + " " + bad[1] + " as " + caller;
                if (answer.statusCode() >= 500) {
                    defects.add(what + ": " + answer.statusCode() + " " + answer.body());
                } else if (answer.statusCode() >= 400
                        && !answer.headers()
                                .firstValue("Content-Type")
                                .orElse("")
                                .startsWith("application/problem+json")) {
                    defects.add(what + ": " + answer.statusCode() + " is not problem+json");
                } else if (answer.statusCode() >= 400) {
                    if (!Seed.unchanged(before)) {
                        defects.add(what + ": refused with " + answer.statusCode() + " but wrote");
                        world = seed();
                        before = Seed.mark();
                    }
                } else if (!row.method().equals("GET") || !Seed.unchanged(before)) {
                    // Accepted as valid (a name may well be "+1000000000-…"): start afresh,
                    // unless it was a read that changed nothing.
                    world = seed();
                    before = Seed.mark();
                }
            }
        }
        assertEquals(List.of(), defects);
        log.assertNoStackTraces();
        assertTrue(sent > 1000, "the walk sent " + sent + " requests");
        try (var files = Files.walk(MEDIA)) {
            assertEquals(
                    List.of(),
                    files.filter(f -> f.getFileName().toString().startsWith(".upload-")).toList(),
                    "no refused or broken upload left a partial file");
        }
    }
}
