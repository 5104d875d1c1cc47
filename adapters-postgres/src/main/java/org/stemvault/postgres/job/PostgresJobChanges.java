package org.stemvault.postgres.job;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stemvault.domain.job.JobChanges;
import org.stemvault.domain.job.JobId;
import org.stemvault.postgres.Listening;

/**
 * Job changes as PostgreSQL announces them ({@code NOTIFY stemvault_jobs}, sent by a trigger on
 * {@code jobs} when the changing transaction commits, whichever instance ran it), heard ({@link
 * Listening}) once the first watch is asked for; after a lost connection it listens again and wakes
 * every watcher, since a change may have passed unheard meanwhile.
 */
@Singleton
final class PostgresJobChanges implements JobChanges {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresJobChanges.class);
    static final String CHANNEL = "stemvault_jobs";

    private final Map<JobId, Set<Runnable>> watchers = new ConcurrentHashMap<>();
    private final Listening listening;

    PostgresJobChanges(
            @Value("${datasources.default.url}") String url,
            @Value("${datasources.default.username:}") String username,
            @Value("${datasources.default.password:}") String password) {
        this.listening =
                new Listening(
                        url,
                        username,
                        password,
                        CHANNEL,
                        this::fire,
                        () -> watchers.values().forEach(set -> set.forEach(Runnable::run)));
    }

    @Override
    public Watch watch(JobId id, Runnable changed) {
        // listening before the watch, so that no change after it goes unheard
        if (!listening.start(2, TimeUnit.SECONDS)) {
            LOG.warn("job changes: not listening yet; long-polls answer at their timeout");
        }
        watchers.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(changed);
        return () ->
                watchers.computeIfPresent(
                        id,
                        (k, set) -> {
                            set.remove(changed);
                            return set.isEmpty() ? null : set;
                        });
    }

    private void fire(String id) {
        Set<Runnable> set;
        try {
            set = watchers.get(new JobId(UUID.fromString(id)));
        } catch (IllegalArgumentException e) {
            return;
        }
        if (set != null) {
            set.forEach(Runnable::run);
        }
    }

    @PreDestroy
    void close() {
        listening.close();
    }
}
