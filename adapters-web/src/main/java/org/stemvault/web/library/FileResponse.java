package org.stemvault.web.library;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.stemvault.domain.recording.MediaFileName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.Stem;

/** A recording as clients see it ({@code FileWithStems}): its output name as {@code name}, and its stems. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record FileResponse(String name, String displayName, String description, String createdAt, List<StemResponse> stems) {

    public static FileResponse from(String profile, Recording r) {
        return new FileResponse(r.outputName().value(), r.displayName(), r.description(), timestamp(r.createdAt()),
                r.stems().stream().map(s -> StemResponse.from(profile, r.outputName().value(), s)).toList());
    }

    /** ISO-8601 in UTC, whole seconds when the time has no fraction. */
    static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).toString();
    }

    /** One stem, with the URLs its audio and waveform are served at. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record StemResponse(String stemType, Double measuredLufs, double peakAmplitude, double stemGainAdjustmentDb,
                        String audioUrl, String waveformUrl, long fileSizeBytes, double durationSeconds) {

        static StemResponse from(String profile, String outputName, Stem s) {
            return new StemResponse(s.type().value(), s.measuredLufs(), s.peakAmplitude(), s.gainAdjustmentDb(),
                    mediaUrl(profile, outputName, s.audio()), mediaUrl(profile, outputName, s.waveform()),
                    s.fileSizeBytes(), s.durationSeconds());
        }
    }

    /** {@code /media/{profile}/{output_name}/{file}}, each path segment percent-encoded. */
    static String mediaUrl(String profile, String outputName, MediaFileName file) {
        return "/media/" + segment(profile) + "/" + segment(outputName) + "/"
                + Arrays.stream(file.value().split("/")).map(FileResponse::segment).collect(Collectors.joining("/"));
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
