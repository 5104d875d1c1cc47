package org.stemvault.application.feedback;

import java.time.Clock;
import java.util.UUID;
import org.stemvault.application.Names;
import org.stemvault.application.signin.Admin;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.Unauthenticated;
import org.stemvault.domain.feedback.Feedback;
import org.stemvault.domain.feedback.RankerModel;
import org.stemvault.domain.feedback.RankerModels;
import org.stemvault.domain.feedback.SearchFeedback;
import org.stemvault.domain.feedback.SearchId;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.profile.ProfileName;

/**
 * What members did with search results: recorded while the deployment records feedback, pruned
 * after its retention, read by admins per profile, and learned from by {@link #train}.
 */
public final class FeedbackLog {

    /** The most queries or results an insight lists. */
    public static final int INSIGHTS = 20;

    private final SearchFeedback feedback;
    private final RankerModels models;
    private final CurrentModel current;
    private final FeedbackPolicy policy;
    private final Clock clock;

    public FeedbackLog(
            SearchFeedback feedback,
            RankerModels models,
            CurrentModel current,
            FeedbackPolicy policy,
            Clock clock) {
        this.feedback = feedback;
        this.models = models;
        this.current = current;
        this.policy = policy;
        this.clock = clock;
    }

    /** A search id as a client sends it; anything else is a search that does not exist. */
    public static SearchId searchId(String value) {
        try {
            return new SearchId(UUID.fromString(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFound("no such search");
        }
    }

    /**
     * Records an act on one of the viewer's results. A search that is not the viewer's, has
     * expired, or did not show the recording answers as a missing one; with feedback off, every
     * search is missing.
     */
    public void record(Viewer viewer, Feedback act) {
        if (!policy.recording()) {
            throw new NotFound("no such search");
        }
        switch (feedback.record(viewer, act, clock.instant())) {
            case RECORDED -> {}
            case NOT_FOUND -> throw new NotFound("no such search result");
            case UNKNOWN_VIEWER -> throw new Unauthenticated();
        }
    }

    /**
     * At start: the kept acts count by this deployment's per-member cap (answers whether it
     * changed, and they were all counted again).
     */
    public boolean start() {
        return feedback.capPerMember(policy.weighing().perUserCap());
    }

    /**
     * Deletes what is older than the retention (with feedback off, everything kept before); answers
     * how many rows went.
     */
    public long prune() {
        return feedback.prune(clock.instant().minus(policy.retention()));
    }

    /** A profile's search insights, for admins; no member is named. */
    public SearchFeedback.Insights insights(Admin admin, String profile) {
        java.util.Objects.requireNonNull(admin);
        if (profile == null) {
            throw new Invalid("profile", "is required");
        }
        ProfileName name;
        try {
            name = new ProfileName(profile);
        } catch (Invalid e) {
            throw new Invalid("profile", e.reason());
        }
        return feedback.insights(name, INSIGHTS).orElseThrow(Names::noProfile);
    }

    /**
     * Learns a ranker from every kept act and saves it as the newest version; null when the acts
     * give nothing to learn from (no search with both a wanted and a skipped result).
     */
    public RankerModel train() {
        RankerModel learned =
                RankerTraining.train(
                        feedback.events(), policy.weighing(), policy.scale(), clock.instant());
        if (learned == null) {
            return null;
        }
        RankerModel saved = models.save(learned);
        current.refresh();
        return saved;
    }
}
