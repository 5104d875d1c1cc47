package org.stemvault.domain.recording;

import org.stemvault.domain.Checks;

/**
 * One separated part of a recording. {@code measuredLufs} is null for a silent stem and otherwise
 * finite; every other number is finite, sizes are not negative and the duration is above zero.
 */
public record Stem(
        StemType type,
        Double measuredLufs,
        double peakAmplitude,
        double gainAdjustmentDb,
        MediaFileName audio,
        MediaFileName waveform,
        long fileSizeBytes,
        double durationSeconds) {

    public Stem {
        Checks.required("stem_type", type);
        if (measuredLufs != null) {
            Checks.finite("measured_lufs", measuredLufs);
        }
        Checks.finite("peak_amplitude", peakAmplitude);
        Checks.finite("stem_gain_adjustment_db", gainAdjustmentDb);
        Checks.required("audio_url", audio);
        Checks.required("waveform_url", waveform);
        Checks.notNegative("file_size_bytes", fileSizeBytes);
        Checks.positive("duration_seconds", durationSeconds);
    }
}
