package org.stemvault.bootstrap;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stemvault.application.drive.DriveSync;
import org.stemvault.application.feedback.FeedbackLog;
import org.stemvault.application.job.Dispatch;
import org.stemvault.application.job.LeaseExpiry;
import org.stemvault.application.media.MediaCleanup;
import org.stemvault.application.mix.MixRequests;
import org.stemvault.application.search.Spaces;
import org.stemvault.application.search.TextIndex;
import org.stemvault.bootstrap.cli.Cli;
import org.stemvault.domain.search.EmbeddingSpace;
import org.stemvault.domain.search.VectorSearch;

/**
 * Every piece of scheduled work the service does, on every instance, through {@link
 * BackgroundLoops}: each is safe to run on many instances at once (an atomic statement, or work
 * leased in the database), so a stopped instance loses nothing.
 *
 * <ul>
 *   <li>{@code job leases}: jobs whose worker stopped answering go back to the queue (or to error
 *       after their last attempt);
 *   <li>{@code media deletions}: pending deletions of stored media are carried out;
 *   <li>{@code partial uploads}: uploads a crash left half-written are removed;
 *   <li>{@code push dispatch}: queued jobs are sent to the push worker, when there is one;
 *   <li>{@code text index}: the text-embedding queue is drained (nothing without text spaces);
 *   <li>{@code mix expiry}: take-away mixes nobody fetched for {@code stemvault.mixes.ttl} are
 *       deleted;
 *   <li>{@code drive listing} (with Drive): folders a notification marked have their changes listed
 *       and new audio imported, one instance per folder at a time;
 *   <li>{@code drive channels} (with Drive): watch channels are made, renewed and stopped by the
 *       one instance holding the lease;
 *   <li>{@code feedback retention}: search feedback and logged searches older than {@code
 *       stemvault.feedback.retention} are deleted.
 * </ul>
 */
@Context
@Requires(notEnv = Cli.ENVIRONMENT)
final class BackgroundWork {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWork.class);

    /** How often partial uploads a crash left are looked for (a listing of every source). */
    static final Duration SWEEP_EVERY = Duration.ofMinutes(30);

    BackgroundWork(
            BackgroundLoops loops,
            LeaseExpiry leases,
            MediaCleanup cleanup,
            TextIndex textIndex,
            Optional<Dispatch> dispatch,
            JobSettings jobs,
            MediaSettings media,
            EmbeddingSettings embedding,
            WorkerSettings worker,
            MixRequests mixes,
            MixSettings mixSettings,
            Optional<DriveSync> drive,
            DriveSettings driveSettings,
            FeedbackLog feedback,
            FeedbackSettings feedbackSettings,
            Spaces spaces,
            VectorSearch search,
            EmbeddingSettings.Hnsw hnsw) {
        loops.every(
                "embedding storage",
                embedding.storageInterval(),
                stopping -> {
                    boolean more = false;
                    for (EmbeddingSpace space : spaces.all()) {
                        more |=
                                search.convert(
                                        space,
                                        hnsw.m(),
                                        hnsw.efConstruction(),
                                        embedding.storageGrace());
                    }
                    return more;
                });
        loops.every(
                "feedback retention",
                feedbackSettings.pruneInterval(),
                stopping -> {
                    long pruned = feedback.prune();
                    if (pruned > 0) {
                        LOG.info("search feedback: {} row(s) past the retention deleted", pruned);
                    }
                    return false;
                });
        loops.every(
                "job leases",
                jobs.janitorInterval(),
                stopping -> {
                    int expired = leases.expireLeases();
                    if (expired > 0) {
                        LOG.info(
                                "jobs: {} lease(s) ran out; back in the queue or in error",
                                expired);
                    }
                    return false;
                });
        loops.every(
                "media deletions", media.cleanupInterval(), stopping -> cleanup.drain(32) == 32);
        loops.every(
                "partial uploads",
                SWEEP_EVERY,
                stopping -> {
                    int swept = cleanup.sweepPartialUploads();
                    if (swept > 0) {
                        LOG.info("media: removed {} partial uploads an interruption left", swept);
                    }
                    return false;
                });
        dispatch.ifPresent(
                d ->
                        loops.every(
                                "push dispatch",
                                worker.pollInterval(),
                                stopping -> d.dispatch(16) == 16));
        loops.every(
                "mix expiry",
                mixSettings.expiryInterval(),
                stopping -> {
                    int expired = mixes.expire(mixSettings.ttl());
                    if (expired > 0) {
                        LOG.info(
                                "mixes: {} nobody fetched for {} deleted",
                                expired,
                                mixSettings.ttl());
                    }
                    return false;
                });
        drive.ifPresent(
                sync -> {
                    loops.every(
                            "drive listing",
                            driveSettings.listInterval(),
                            stopping -> {
                                Optional<DriveSync.Listed> listed = sync.listMarked();
                                listed.filter(l -> l.imported() + l.failed() > 0)
                                        .ifPresent(
                                                l ->
                                                        LOG.info(
                                                                "drive: {} new file(s) imported,"
                                                                        + " {} failed",
                                                                l.imported(),
                                                                l.failed()));
                                return listed.isPresent();
                            });
                    String holder = "instance-" + java.util.UUID.randomUUID();
                    loops.every(
                            "drive channels",
                            driveSettings.maintainInterval(),
                            stopping -> {
                                sync.maintain(
                                                holder,
                                                driveSettings.maintainInterval().multipliedBy(3))
                                        .filter(m -> !m.failures().isEmpty())
                                        .ifPresent(
                                                m ->
                                                        LOG.warn(
                                                                "drive: channel maintenance: {}",
                                                                String.join("; ", m.failures())));
                                return false;
                            });
                });
        loops.every(
                "text index",
                embedding.workerDelay(),
                stopping -> textIndex.drain(32, stopping) == 32);
    }
}
