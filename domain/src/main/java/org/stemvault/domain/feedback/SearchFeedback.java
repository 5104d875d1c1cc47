package org.stemvault.domain.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.RecordingId;

/**
 * What members did with search results, kept for ranking: each act stored with its search's query
 * (text and embedding), the result's profile, the member, the session, the position and the time.
 */
public interface SearchFeedback {

    /** How recording an act went. */
    enum Outcome {
        RECORDED,
        /**
         * No such search of this viewer's (or it has expired), or the recording was not among its
         * results, or is no longer in a profile the viewer may see: all answer alike.
         */
        NOT_FOUND,
        /** The viewer's user no longer exists, or the session has ended. */
        UNKNOWN_VIEWER
    }

    /**
     * Records an act on a result of one of the viewer's searches, in one statement that checks the
     * search, the result and the viewer's right to its profile.
     */
    Outcome record(Viewer viewer, Feedback feedback, Instant now);

    /**
     * Counts, of each member's acts on a recording, the newest {@code perUserCap} for ranking
     * (whatever query they answered), from now on and for the acts already kept: answers whether
     * the cap changed (and every recording's acts were counted again).
     */
    boolean capPerMember(int perUserCap);

    /** Deletes the acts and the searches from before {@code before}; answers how many rows went. */
    long prune(Instant before);

    /** One act as training reads it. */
    record Event(
            SearchId search,
            RecordingId recording,
            UUID profile,
            UUID user,
            String queryNorm,
            String space,
            float[] queryVector,
            int position,
            double reward,
            double baseShare,
            Instant searchedAt,
            Instant at) {}

    /** Every kept act, oldest search first. */
    List<Event> events();

    /** A query and how often it was asked. */
    record QueryCount(String query, long searches) {}

    /** A result and how often members skipped it. */
    record Skipped(RecordingId recording, String outputName, long skips) {}

    /** What admins see of a profile's searches (no member named). */
    record Insights(List<QueryCount> top, List<QueryCount> unclicked, List<Skipped> skipped) {}

    /**
     * The profile's most asked queries, the most asked of those no result of which was opened or
     * played, and its most skipped recordings; empty when there is no such profile.
     */
    Optional<Insights> insights(ProfileName profile, int limit);
}
