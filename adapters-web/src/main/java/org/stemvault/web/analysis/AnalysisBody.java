package org.stemvault.web.analysis;

import io.micronaut.json.tree.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.analysis.Analysis;
import org.stemvault.domain.analysis.MusicalKey;
import org.stemvault.web.json.Fields;

/**
 * The analysis a worker (or the command an owner plugs in with {@code --analyze}) sends: {@code
 * {"tempo_bpm", "tempo_confidence", "key", "key_confidence", "stability", "beats", "downbeats",
 * "window_seconds", "tempo_curve", "window_keys", "tool"}} (docs/worker.md, "Analysis").
 */
public final class AnalysisBody {

    private AnalysisBody() {}

    public static Analysis from(Fields f, Instant now) {
        String key = f.optionalText("key");
        return f.build(
                () ->
                        new Analysis(
                                f.optionalNumber("tempo_bpm"),
                                f.number("tempo_confidence"),
                                key == null ? null : MusicalKey.parse("key", key),
                                f.number("key_confidence"),
                                f.optionalNumber("stability"),
                                doubles(f, "beats"),
                                doubles(f, "downbeats"),
                                f.number("window_seconds"),
                                nullableNumbers(f, "tempo_curve"),
                                keys(f, "window_keys"),
                                f.text("tool"),
                                now));
    }

    private static double[] doubles(Fields f, String name) {
        float[] values = f.floats(name);
        if (values.length > Analysis.MOST_BEATS) {
            throw new Invalid(name, "holds more than " + Analysis.MOST_BEATS + " times");
        }
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static List<JsonNode> array(Fields f, String name) {
        JsonNode value = f.raw(name);
        if (value == null || !value.isArray()) {
            throw new Invalid(name, "must be an array");
        }
        if (value.size() > Analysis.MOST_BEATS) {
            throw new Invalid(name, "has too many windows");
        }
        List<JsonNode> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            items.add(value.get(i));
        }
        return items;
    }

    private static List<Double> nullableNumbers(Fields f, String name) {
        List<Double> out = new ArrayList<>();
        for (JsonNode item : array(f, name)) {
            if (item.isNull()) {
                out.add(null);
            } else if (item.isNumber() && Double.isFinite(item.getDoubleValue())) {
                out.add(item.getDoubleValue());
            } else {
                throw new Invalid(name, "must hold numbers or nulls");
            }
        }
        return out;
    }

    private static List<MusicalKey> keys(Fields f, String name) {
        List<MusicalKey> out = new ArrayList<>();
        for (JsonNode item : array(f, name)) {
            if (item.isNull()) {
                out.add(null);
            } else if (item.isString()) {
                out.add(MusicalKey.parse(name, item.getStringValue()));
            } else {
                throw new Invalid(name, "must hold keys such as 'A minor', or nulls");
            }
        }
        return out;
    }
}
