package org.stemvault.postgres;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.convert.ConversionService;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.stemvault.application.Settings;
import org.stemvault.domain.library.Catalogue.Access;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.OutputName;

/**
 * The media checks this instance granted, remembered for {@code stemvault.media.access-cache}
 * (default 10 s; 0 turns it off), so that a player fetching a stem range by range costs the
 * database one statement per stem rather than one per range. Only a grant is remembered (a refusal
 * is read again, so a new membership counts at once), and only while this instance hears {@code
 * NOTIFY stemvault_access}: triggers send it when a change that can take a grant away commits (a
 * session ended, a user deleted or their role or email changed, a membership removed, a profile
 * renamed or deleted, a recording moved, renamed or deleted), on whichever instance made it, and
 * hearing it forgets every grant. A grant read by a statement that ran while such a change was
 * heard is not kept. While the listening connection is down nothing is remembered, and every grant
 * is forgotten when it is back. The adapters that make such a change also call {@link #forget} at
 * once, so on the instance that made it the change counts on the very next request.
 */
@Context // a bad setting stops start-up, not the first media request
public final class MediaGrants {

    static final String CHANNEL = "stemvault_access";
    private static final int MAX_GRANTS = 100_000;

    private record Key(UUID user, UUID session, String profile, String recording) {}

    private final long lifetimeNanos;
    private final LongSupplier clock;
    private final Listening listening;
    private final Map<Key, Long> grants = new ConcurrentHashMap<>();
    private final AtomicLong heard = new AtomicLong();

    @Inject
    MediaGrants(
            @Value("${stemvault.media.access-cache:10s}") String lifetime,
            @Value("${datasources.default.url}") String url,
            @Value("${datasources.default.username:}") String username,
            @Value("${datasources.default.password:}") String password) {
        this(lifetime(lifetime), System::nanoTime, url, username, password);
    }

    /** The setting: {@code 0} or a duration ({@code 10s}, {@code 1m}). */
    static Duration lifetime(String value) {
        return Settings.zeroOrDuration(
                "STEMVAULT_MEDIA_ACCESS_CACHE",
                value,
                v -> ConversionService.SHARED.convertRequired(v, Duration.class),
                "10s or 1m");
    }

    MediaGrants(
            Duration lifetime, LongSupplier clock, String url, String username, String password) {
        this.lifetimeNanos = lifetime.isNegative() ? 0 : lifetime.toNanos();
        this.clock = clock;
        this.listening =
                lifetimeNanos == 0
                        ? null
                        : new Listening(
                                url, username, password, CHANNEL, p -> forget(), this::forget);
    }

    /**
     * The viewer's access to a recording's media: a grant remembered, or {@code check}'s answer
     * (one statement), remembered when it grants.
     */
    public Access access(
            Viewer viewer, ProfileName profile, OutputName recording, Supplier<Access> check) {
        if (listening == null || !listening.start(0, TimeUnit.SECONDS)) {
            return check.get();
        }
        Key key =
                new Key(
                        viewer.user().value(),
                        viewer.session().value(),
                        profile.value(),
                        recording.value());
        long now = clock.getAsLong();
        Long until = grants.get(key);
        if (until != null) {
            if (until - now > 0) {
                return Access.GRANTED;
            }
            grants.remove(key, until);
        }
        long before = heard.get();
        Access access = check.get();
        if (access == Access.GRANTED) {
            if (grants.size() >= MAX_GRANTS) {
                grants.clear();
            }
            grants.put(key, now + lifetimeNanos);
            // a change heard while the statement ran may have taken this grant away
            if (heard.get() != before || !listening.live()) {
                grants.remove(key);
            }
        }
        return access;
    }

    /**
     * Forgets every grant: a change that can take one away was heard (or may have been missed), or
     * is being made by this instance (its adapters call this at once, so that the change counts on
     * this instance's next request without waiting for the notification).
     */
    public void forget() {
        heard.incrementAndGet();
        grants.clear();
    }

    /** How many grants are remembered (for tests). */
    int size() {
        return grants.size();
    }

    @PreDestroy
    void close() {
        if (listening != null) {
            listening.close();
        }
    }
}
