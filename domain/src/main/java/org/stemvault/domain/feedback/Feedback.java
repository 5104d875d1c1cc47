package org.stemvault.domain.feedback;

import java.util.Locale;
import org.stemvault.domain.Checks;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.recording.RecordingId;

/**
 * What a member did with one result of a search: opened it, played it (for {@code secondsPlayed},
 * to its end or not), or skipped it, at {@code position} (1: the first result shown); {@code
 * dwellSeconds} how long they stayed with it, when the client knows.
 */
public record Feedback(
        SearchId search,
        RecordingId recording,
        Action action,
        int position,
        Double secondsPlayed,
        boolean playedToEnd,
        Double dwellSeconds) {

    /** The longest play or dwell taken (a day): longer is a client's mistake. */
    public static final double MOST_SECONDS = 86_400;

    /** What was done with a result. */
    public enum Action {
        OPENED,
        PLAYED,
        SKIPPED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Action fromCode(String field, String code) {
            for (Action a : values()) {
                if (a.code().equals(code)) {
                    return a;
                }
            }
            throw new Invalid(field, "must be one of opened, played, skipped");
        }
    }

    public Feedback {
        Checks.required("search_id", search);
        Checks.required("recording_id", recording);
        Checks.required("action", action);
        if (position < 1 || position > 1000) {
            throw new Invalid("position", "must be from 1 to 1000");
        }
        seconds("seconds_played", secondsPlayed);
        seconds("dwell_seconds", dwellSeconds);
        if (action != Action.PLAYED && (secondsPlayed != null || playedToEnd)) {
            throw new Invalid(
                    secondsPlayed != null ? "seconds_played" : "played_to_end",
                    "is only for action 'played'");
        }
    }

    private static void seconds(String field, Double value) {
        if (value != null && !(Checks.finite(field, value) >= 0 && value <= MOST_SECONDS)) {
            throw new Invalid(field, "must be from 0 to " + (long) MOST_SECONDS);
        }
    }

    /**
     * How much the act says the result was wanted: a skip -1, an opening 1, a play 1 plus up to 1
     * more for how much of it was heard (to the end: 2; 30 seconds or more: 2).
     */
    public double reward() {
        return switch (action) {
            case SKIPPED -> -1;
            case OPENED -> 1;
            case PLAYED ->
                    1
                            + (playedToEnd
                                    ? 1
                                    : Math.min(
                                            1, (secondsPlayed == null ? 0 : secondsPlayed) / 30));
        };
    }
}
