package org.stemvault.web.mix;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;
import org.stemvault.domain.mix.Mix;
import org.stemvault.domain.mix.MixSpec;

/**
 * A take-away mix (or a bundle of stems: {@code bundle} true, a zip of one {@code format} file per
 * stem) as a member sees it: its status (its render job's), what it is made of, and once ready its
 * file's link, name, duration, size and measured loudness. {@code job_id} can be followed on {@code
 * /api/jobs/{id}/status} and {@code /api/jobs/{id}/events} as an upload's job.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
record MixResponse(
        String id,
        String recordingId,
        String jobId,
        String status,
        List<Part> stems,
        Double start,
        Double end,
        double tempo,
        int semitones,
        String format,
        boolean bundle,
        Double loudness,
        String fileName,
        String fileUrl,
        Double durationSeconds,
        Long sizeBytes,
        Double loudnessLufs,
        String createdAt) {

    /** One stem heard in the mix, with its gain in dB. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record Part(String stem, double gainDb) {}

    static MixResponse of(Mix m) {
        MixSpec s = m.spec();
        return new MixResponse(
                m.id().toString(),
                m.recording().value().toString(),
                m.job().toString(),
                m.ready() ? "ready" : m.status().code(),
                s.stems().stream().map(p -> new Part(p.stem(), p.gainDb())).toList(),
                s.start(),
                s.end(),
                s.tempo(),
                s.semitones(),
                s.format().code(),
                s.bundle(),
                s.loudnessLufs(),
                m.fileName(),
                m.ready() ? "/api/mixes/" + m.id() + "/file" : null,
                m.rendered().durationSeconds(),
                m.rendered().sizeBytes(),
                m.rendered().loudnessLufs(),
                m.createdAt().toString());
    }
}
