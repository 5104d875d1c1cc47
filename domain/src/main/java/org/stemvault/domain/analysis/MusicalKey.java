package org.stemvault.domain.analysis;

import java.util.List;
import java.util.Locale;
import org.stemvault.domain.Invalid;

/**
 * A key: its tonic (a pitch class, 0 = C … 11 = B) and mode, written {@code "A minor"}, {@code "F#
 * major"} (sharps for C#, F#; flats for Eb, Ab, Bb). Its relative key shares its notes; its
 * neighbours are a fifth above and below, in the same mode.
 */
public record MusicalKey(int tonic, boolean minor) {

    public static final List<String> PITCHES =
            List.of("C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B");

    private static final List<String> OTHER_SPELLINGS =
            List.of("B#", "Db", "D", "D#", "Fb", "E#", "Gb", "G", "G#", "A", "A#", "Cb");

    public MusicalKey {
        if (tonic < 0 || tonic > 11) {
            throw new Invalid("key", "has no such tonic");
        }
    }

    /** {@code "A minor"}, {@code "Bb major"}, {@code "F#m"}, {@code "Db"} (major); or Invalid. */
    public static MusicalKey parse(String field, String value) {
        if (value == null) {
            throw new Invalid(field, "is required");
        }
        String text = value.strip();
        boolean minor = false;
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.endsWith(" minor")) {
            minor = true;
            text = text.substring(0, text.length() - 6).strip();
        } else if (lower.endsWith(" major")) {
            text = text.substring(0, text.length() - 6).strip();
        } else if (text.endsWith("m") && text.length() >= 2) {
            minor = true;
            text = text.substring(0, text.length() - 1);
        }
        String tonic =
                text.isEmpty()
                        ? text
                        : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
        int at = PITCHES.indexOf(tonic);
        if (at < 0) {
            at = OTHER_SPELLINGS.indexOf(tonic);
        }
        if (at < 0) {
            throw new Invalid(field, "is not a key such as 'A minor' or 'Eb major'");
        }
        return new MusicalKey(at, minor);
    }

    /** The key that shares this one's notes: A minor for C major, C major for A minor. */
    public MusicalKey relative() {
        return minor
                ? new MusicalKey((tonic + 3) % 12, false)
                : new MusicalKey((tonic + 9) % 12, true);
    }

    /** This key, its relative, and the keys a fifth above and below (and their relatives). */
    public List<MusicalKey> related() {
        MusicalKey up = new MusicalKey((tonic + 7) % 12, minor);
        MusicalKey down = new MusicalKey((tonic + 5) % 12, minor);
        return List.of(this, relative(), up, up.relative(), down, down.relative());
    }

    @Override
    public String toString() {
        return PITCHES.get(tonic) + (minor ? " minor" : " major");
    }
}
