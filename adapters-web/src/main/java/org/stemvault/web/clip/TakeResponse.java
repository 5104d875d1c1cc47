package org.stemvault.web.clip;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;
import org.stemvault.application.analysis.RecordingAnalysis;
import org.stemvault.domain.clip.Clips;
import org.stemvault.web.library.FileResponse;
import org.stemvault.web.recording.RecordingResponse;

/**
 * A clip with what plays it ({@code ClipWithStemsResponse}): the clip's fields, its {@code song}
 * ({@code {"id", "name"}} or null), its recording's {@code recording_output_name}, {@code stems},
 * {@code location} and {@code date_recorded}, and the whole {@code recording} (a {@code
 * FileWithStems} with its {@code profile_name}).
 */
@Serdeable(naming = SnakeCaseStrategy.class)
record TakeResponse(
        @JsonUnwrapped ClipResponse clip,
        SongResponse song,
        String recordingOutputName,
        List<FileResponse.StemResponse> stems,
        FileResponse.LocationResponse location,
        String dateRecorded,
        RecordingResponse recording,
        Double tempoBpm,
        String key,
        Double stability) {

    /** A clip's song. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record SongResponse(String id, String name) {}

    /**
     * A take with its measures: the clip's own tempo and key (over its span) and its recording's
     * stability; null while the recording is not analysed.
     */
    static TakeResponse of(RecordingAnalysis.Measured measured) {
        TakeResponse t = of(measured.take());
        return new TakeResponse(
                t.clip(),
                t.song(),
                t.recordingOutputName(),
                t.stems(),
                t.location(),
                t.dateRecorded(),
                t.recording(),
                FileResponse.tempo(measured.tempoBpm()),
                measured.key() == null ? null : measured.key().toString(),
                measured.stability());
    }

    static TakeResponse of(Clips.Take take) {
        RecordingResponse recording = RecordingResponse.of(take.recording());
        FileResponse file = recording.file();
        return new TakeResponse(
                ClipResponse.from(take.clip()),
                take.clip().song() == null
                        ? null
                        : new SongResponse(take.clip().song().toString(), take.songName()),
                file.name(),
                file.stems(),
                file.location(),
                file.dateRecorded(),
                recording,
                null,
                null,
                null);
    }
}
