package org.stemvault.web.clip;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.stemvault.application.Principal;
import org.stemvault.application.analysis.RecordingAnalysis;
import org.stemvault.application.clip.RecordingClips;
import org.stemvault.domain.Invalid;
import org.stemvault.web.auth.Sessions;
import org.stemvault.web.docs.Bodies;
import org.stemvault.web.docs.Bound;
import org.stemvault.web.docs.Problems;
import org.stemvault.web.json.Fields;

/** Clips (sections) of recordings, for members of the recording's profile and admins. */
@Problems
@Controller("/api")
@Secured(Sessions.MEMBER)
final class ClipsController {

    private final RecordingClips clips;

    private final RecordingAnalysis analysis;

    ClipsController(RecordingClips clips, RecordingAnalysis analysis) {
        this.clips = clips;
        this.analysis = analysis;
    }

    @Get("/recordings/{id}/clips")
    List<ClipResponse> ofRecording(@PathVariable String id, @Bound Principal principal) {
        return clips.ofRecording(principal, id).stream().map(ClipResponse::from).toList();
    }

    /**
     * Body {@code {"start_time_sec", "end_time_sec", "song_id"?, "display_name"?, "recording_id"?}}
     * ({@code start_seconds} and {@code end_seconds} are accepted as other names of the bounds; a
     * {@code recording_id} must be the path's): 201.
     */
    @Post("/recordings/{id}/clips")
    HttpResponse<ClipResponse> create(
            @PathVariable String id,
            @Body @Schema(implementation = Bodies.ClipInput.class) byte[] body,
            @Bound Principal principal) {
        Fields f = Fields.of(body);
        RecordingClips.Draft draft = f.build(() -> draft(f));
        if (f.present("recording_id") && !id.equals(f.optionalText("recording_id"))) {
            throw new Invalid("recording_id", "must be the recording of the path, or absent");
        }
        return HttpResponse.created(
                ClipResponse.from(asSent(f, () -> clips.create(principal, id, draft))));
    }

    @Get("/clips/{id}")
    TakeResponse get(@PathVariable String id, @Bound Principal principal) {
        return TakeResponse.of(analysis.measure(List.of(clips.get(principal, id)), null).get(0));
    }

    /** What is absent stays; {@code song_id} and {@code display_name} given as null are cleared. */
    @Patch("/clips/{id}")
    ClipResponse update(
            @PathVariable String id,
            @Body @Schema(implementation = Bodies.ClipInput.class) byte[] body,
            @Bound Principal principal) {
        Fields f = Fields.of(body);
        RecordingClips.Draft draft = f.build(() -> draft(f));
        return ClipResponse.from(asSent(f, () -> clips.update(principal, id, draft)));
    }

    @Delete("/clips/{id}")
    @Status(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id, @Bound Principal principal) {
        clips.delete(principal, id);
    }

    /**
     * Every take of the song, newest recording first (or by {@code sort}: {@code tempo}, {@code
     * key}, {@code stability}, a leading {@code -} for descending; takes not analysed last): each
     * clip with its recording, stems, its own tempo and key, and its recording's stability, so a
     * song's takes can be compared.
     */
    @Get("/songs/{id}/clips{?sort}")
    List<TakeResponse> ofSong(
            @PathVariable String id,
            @Nullable @QueryValue String sort,
            @Bound Principal principal) {
        return analysis.measure(clips.ofSong(principal, id), sort).stream()
                .map(TakeResponse::of)
                .toList();
    }

    /** The profile's clips, newest first, each with its song, recording, stems and measures. */
    @Get("/profiles/{profile}/clips")
    List<TakeResponse> ofProfile(@PathVariable String profile, @Bound Principal principal) {
        return analysis.measure(clips.ofProfile(principal, profile), null).stream()
                .map(TakeResponse::of)
                .toList();
    }

    /** The bounds' names: the newest client's, and this service's first ones (aliases). */
    private static final Map<String, String> ALIASES =
            Map.of("start_time_sec", "start_seconds", "end_time_sec", "end_seconds");

    private static RecordingClips.Draft draft(Fields f) {
        String start = bound(f, "start_time_sec");
        String end = bound(f, "end_time_sec");
        return new RecordingClips.Draft(
                f.present(start),
                f.optionalNumber(start),
                f.present(end),
                f.optionalNumber(end),
                f.present("song_id"),
                f.optionalText("song_id"),
                f.present("display_name"),
                f.optionalText("display_name"));
    }

    /** The name a bound was sent under; both names at once is a 400. */
    private static String bound(Fields f, String canonical) {
        String alias = ALIASES.get(canonical);
        if (f.present(canonical) && f.present(alias)) {
            throw new Invalid(alias, "is another name of " + canonical + ": send one of them");
        }
        return f.present(alias) ? alias : canonical;
    }

    /**
     * Runs the change; a refusal names a bound as the request named the bounds (a request that uses
     * the other names hears them back).
     */
    private static <T> T asSent(Fields f, Supplier<T> change) {
        try {
            return change.get();
        } catch (Invalid e) {
            String alias = ALIASES.get(e.field());
            if (alias != null && ALIASES.values().stream().anyMatch(f::present)) {
                throw new Invalid(
                        alias,
                        e.reason()
                                .replace("start_time_sec", "start_seconds")
                                .replace("end_time_sec", "end_seconds"));
            }
            throw e;
        }
    }
}
