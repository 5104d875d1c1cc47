package org.stemvault.web.analysis;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;
import org.stemvault.domain.analysis.Analysis;

/** A recording's analysis with its beat grid, tempo curve and window keys. */
@Serdeable(naming = SnakeCaseStrategy.class)
record AnalysisResponse(
        Double tempoBpm,
        double tempoConfidence,
        String key,
        double keyConfidence,
        Double stability,
        double[] beats,
        double[] downbeats,
        double windowSeconds,
        List<Double> tempoCurve,
        List<String> windowKeys,
        String tool,
        String analyzedAt) {

    static AnalysisResponse of(Analysis a) {
        return new AnalysisResponse(
                a.tempoBpm(),
                a.tempoConfidence(),
                a.key() == null ? null : a.key().toString(),
                a.keyConfidence(),
                a.stability(),
                a.beats(),
                a.downbeats(),
                a.windowSeconds(),
                a.tempoCurve(),
                a.windowKeys().stream().map(k -> k == null ? null : k.toString()).toList(),
                a.tool(),
                a.analyzedAt().toString());
    }
}
