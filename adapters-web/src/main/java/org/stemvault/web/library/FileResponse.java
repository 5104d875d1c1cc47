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

/**
 * A recording as clients see it ({@code FileWithStems}; the files list writes the same shape with
 * {@link FilesJson}): its output name as {@code name}, and its stems; then, as extra fields the
 * existing client passes over, its {@code id}, processing {@code status}, {@code location} ({@code
 * {"id", "name"}} or null), {@code date_recorded} (a date or null), {@code updated_at} (the newest
 * client reads it from a rename's answer), and its analysis's {@code tempo_bpm}, {@code key} and
 * {@code stability} (each null until it is analysed, or when the analysis could not tell).
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record FileResponse(
        String name,
        String displayName,
        String description,
        String createdAt,
        List<StemResponse> stems,
        String id,
        String status,
        LocationResponse location,
        String dateRecorded,
        String updatedAt,
        Double tempoBpm,
        String key,
        Double stability) {

    /** A recording's location. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record LocationResponse(String id, String name) {}

    public static FileResponse from(String profile, Recording r) {
        String folder = folder(profile, r);
        return new FileResponse(
                r.outputName().value(),
                r.displayName(),
                r.description(),
                timestamp(r.createdAt()),
                r.stems().stream().map(s -> StemResponse.from(folder, s)).toList(),
                r.id().toString(),
                r.details().status().code(),
                r.details().location() == null
                        ? null
                        : new LocationResponse(
                                r.details().location().id().toString(),
                                r.details().location().name()),
                r.details().dateRecorded() == null ? null : r.details().dateRecorded().toString(),
                timestamp(r.updatedAt()),
                r.measures() == null ? null : tempo(r.measures().tempoBpm()),
                r.measures() == null || r.measures().key() == null
                        ? null
                        : r.measures().key().toString(),
                r.measures() == null ? null : r.measures().stability());
    }

    /** A tempo as answers show it: to a tenth of a BPM (null stays null). */
    public static Double tempo(Double bpm) {
        return bpm == null ? null : Math.round(bpm * 10) / 10.0;
    }

    /** Where a recording's media are served: {@code /media/{profile}/{output_name}/}, encoded. */
    static String folder(String profile, Recording r) {
        return "/media/" + segment(profile) + "/" + segment(r.outputName().value()) + "/";
    }

    /** ISO-8601 in UTC, whole seconds when the time has no fraction. */
    static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).toString();
    }

    /** One stem, with the URLs its audio and waveform are served at. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record StemResponse(
            String stemType,
            Double measuredLufs,
            double peakAmplitude,
            double stemGainAdjustmentDb,
            String audioUrl,
            String waveformUrl,
            long fileSizeBytes,
            double durationSeconds) {

        static StemResponse from(String folder, Stem s) {
            return new StemResponse(
                    s.type().value(),
                    s.measuredLufs(),
                    s.peakAmplitude(),
                    s.gainAdjustmentDb(),
                    folder + path(s.audio()),
                    folder + path(s.waveform()),
                    s.fileSizeBytes(),
                    s.durationSeconds());
        }
    }

    /**
     * The file's path below {@code /media/{profile}/{output_name}/}, each segment percent-encoded.
     */
    static String path(MediaFileName file) {
        String value = file.value();
        return plain(value)
                ? value
                : Arrays.stream(value.split("/"))
                        .map(FileResponse::segment)
                        .collect(Collectors.joining("/"));
    }

    private static String segment(String value) {
        return plain(value)
                ? value
                : URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Nothing to encode: letters, digits, {@code - . _ ~} and the separator (the common case,
     * checked cheaply).
     */
    private static boolean plain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean safe =
                    (c >= 'a' && c <= 'z')
                            || (c >= 'A' && c <= 'Z')
                            || (c >= '0' && c <= '9')
                            || c == '-'
                            || c == '.'
                            || c == '_'
                            || c == '~'
                            || c == '/';
            if (!safe) {
                return false;
            }
        }
        return true;
    }
}
