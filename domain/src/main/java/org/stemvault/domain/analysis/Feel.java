package org.stemvault.domain.analysis;

import java.util.List;
import org.stemvault.domain.Checks;
import org.stemvault.domain.Invalid;

/**
 * Takes by feel: a tempo range (BPM, either end open) and a set of keys (null: any key). Only an
 * analysed take can match a feel that asks for something.
 */
public record Feel(Double bpmMin, Double bpmMax, List<MusicalKey> keys) {

    /** Every take, analysed or not. */
    public static final Feel ANY = new Feel(null, null, null);

    public Feel {
        if (bpmMin != null) {
            Checks.finite("bpm_min", bpmMin);
        }
        if (bpmMax != null) {
            Checks.finite("bpm_max", bpmMax);
        }
        if (bpmMin != null && bpmMax != null && bpmMax < bpmMin) {
            throw new Invalid("bpm_max", "must not be below bpm_min");
        }
        keys = keys == null ? null : List.copyOf(keys);
    }

    /** Whether this feel lets every take through. */
    public boolean any() {
        return bpmMin == null && bpmMax == null && keys == null;
    }

    /** Whether a take with these measures (null: not analysed) matches. */
    public boolean admits(Measures measures) {
        if (any()) {
            return true;
        }
        if (measures == null) {
            return false;
        }
        Double tempo = measures.tempoBpm();
        boolean inRange =
                (bpmMin == null || (tempo != null && tempo >= bpmMin))
                        && (bpmMax == null || (tempo != null && tempo <= bpmMax));
        return inRange && (keys == null || keys.contains(measures.key()));
    }

    /**
     * The keys a request names: {@code key} ("A minor", "Eb major"), with {@code related} also its
     * relative key and the keys a fifth away (and theirs); null when no key is named. Refusals name
     * {@code prefix + "key"} and {@code prefix + "key_related"}.
     */
    public static List<MusicalKey> keys(String prefix, String key, Boolean related) {
        if (key == null) {
            if (related != null) {
                throw new Invalid(prefix + "key_related", "needs " + prefix + "key");
            }
            return null;
        }
        MusicalKey parsed = MusicalKey.parse(prefix + "key", key);
        return Boolean.TRUE.equals(related) ? parsed.related() : List.of(parsed);
    }
}
