package org.stemvault.postgres.drive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stemvault.application.contracts.Fixtures;
import org.stemvault.domain.drive.DriveChannel;
import org.stemvault.domain.drive.DriveFolder;
import org.stemvault.domain.drive.DriveFolders;
import org.stemvault.domain.drive.DriveGrant;
import org.stemvault.domain.drive.DriveGrants;
import org.stemvault.domain.drive.DriveImport;
import org.stemvault.domain.drive.DriveImports;
import org.stemvault.domain.ops.Leases;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.Recordings;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.User;
import org.stemvault.domain.user.Users;
import org.stemvault.postgres.PostgresTestSupport;

/** The Drive tables and leases, on the real database, with the races that matter. */
@MicronautTest(transactional = false)
class PostgresDriveTest extends PostgresTestSupport {

    @Inject DriveGrants grants;
    @Inject DriveFolders folders;
    @Inject DriveImports imports;
    @Inject Leases leases;
    @Inject Profiles profiles;
    @Inject Users users;
    @Inject Recordings recordings;

    final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Profile band;
    User member;

    @BeforeEach
    void world() {
        band = profiles.create(Fixtures.profile("band"));
        member = users.signedIn(new Email("m@example.com"), "m", null, now);
        grants.save(new DriveGrant(member.id(), "k1", "c2VhbGVkLXRva2VuLWJ5dGVz", now, null));
    }

    <T> List<T> race(int n, Callable<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(work));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_drive_file_is_claimed_once_and_a_failed_or_stale_claim_taken_over() throws Exception {
        DriveImport file = new DriveImport(band.id(), "file1", now, "Take.wav");
        List<Boolean> claims = race(8, () -> imports.claim(file, now, Duration.ofMinutes(30)));
        assertEquals(1, claims.stream().filter(c -> c).count(), claims.toString());
        // a newer version of the file is another import
        assertTrue(
                imports.claim(
                        new DriveImport(band.id(), "file1", now.plusSeconds(5), "Take.wav"),
                        now,
                        Duration.ofMinutes(30)));
        // stale: its instance stopped
        assertTrue(imports.claim(file, now.plus(Duration.ofMinutes(31)), Duration.ofMinutes(30)));
        imports.finish(file, DriveImport.Outcome.FAILED, null, "x".repeat(900));
        assertTrue(imports.claim(file, now, Duration.ofMinutes(30)), "a failed one is retried");
        Recording take =
                recordings.save(Fixtures.recording(band.id(), "take", now, Fixtures.fourStems()));
        imports.finish(file, DriveImport.Outcome.IMPORTED, take.id(), null);
        assertFalse(imports.claim(file, now.plus(Duration.ofDays(1)), Duration.ofMinutes(30)));
        assertEquals(
                take.id(), imports.imported(band.id(), "file1", now).orElseThrow().recording());
        assertEquals(
                Map.of("file1", take.outputName()),
                imports.recordings(band.id(), List.of("file1", "other")));
        assertTrue(imports.recordings(band.id(), List.of()).isEmpty());
    }

    @Test
    void a_marked_folder_is_taken_by_one_instance_and_held() throws Exception {
        folders.connect(new DriveFolder(band.id(), "root1", member.id(), now, null));
        folders.mark(band.id(), now);
        List<Boolean> taken =
                race(6, () -> folders.takeMarked(now, Duration.ofMinutes(10)).isPresent());
        assertEquals(1, taken.stream().filter(t -> t).count(), taken.toString());
        folders.mark(band.id(), now); // a notification while it is listed
        assertTrue(folders.takeMarked(now, Duration.ofMinutes(10)).isEmpty(), "held");
        assertTrue(
                folders.takeMarked(now.plus(Duration.ofMinutes(11)), Duration.ofMinutes(10))
                        .isPresent(),
                "taken over when its holder stopped");
        folders.release(band.id(), "page-7");
        assertEquals("page-7", folders.of(band.id()).orElseThrow().pageToken());
        folders.release(band.id(), null);
        assertEquals("page-7", folders.of(band.id()).orElseThrow().pageToken(), "kept");
    }

    DriveChannel channel(String id, Instant expires) {
        return new DriveChannel(id, band.id(), member.id(), "ab".repeat(32), "res", expires, false);
    }

    @Test
    void channels_are_renewed_replaced_and_stopped_and_a_revoked_grant_needs_none() {
        folders.connect(new DriveFolder(band.id(), "root1", member.id(), now, null));
        assertEquals(1, folders.needingChannel(now).size());
        folders.addChannel(channel("c1", now.plus(Duration.ofHours(24))), "start-1");
        assertEquals("start-1", folders.of(band.id()).orElseThrow().pageToken());
        assertTrue(folders.needingChannel(now.plus(Duration.ofHours(2))).isEmpty());
        assertEquals(1, folders.needingChannel(now.plus(Duration.ofHours(25))).size(), "renew");
        folders.addChannel(channel("c2", now.plus(Duration.ofHours(48))), "start-2");
        assertEquals("start-1", folders.of(band.id()).orElseThrow().pageToken(), "kept");
        assertEquals(List.of("c1"), folders.toStop(now).stream().map(DriveChannel::id).toList());
        assertFalse(folders.channel("c2").orElseThrow().stopping());
        folders.removeChannel("c1");

        // another folder replaces it: the channel is to stop, the page token starts again
        folders.connect(new DriveFolder(band.id(), "root2", member.id(), now, null));
        assertNull(folders.of(band.id()).orElseThrow().pageToken());
        assertEquals(List.of("c2"), folders.toStop(now).stream().map(DriveChannel::id).toList());
        assertEquals(
                new DriveFolders.Connection("root2", true),
                folders.connections(List.of(band.id())).get(band.id()));

        grants.markRevoked(member.id(), now);
        assertTrue(folders.needingChannel(now).isEmpty(), "a revoked grant is not retried");
        assertEquals(
                new DriveFolders.Connection("root2", false),
                folders.connections(List.of(band.id())).get(band.id()));
        assertFalse(grants.markRevoked(member.id(), now), "once");

        assertEquals(1, folders.removeExpired(now.plus(Duration.ofDays(3))));
        assertTrue(folders.disconnect(band.id()));
        assertFalse(folders.disconnect(band.id()));
        assertTrue(grants.delete(member.id()));
        assertTrue(grants.of(member.id()).isEmpty());
    }

    @Test
    void a_lease_has_one_holder_until_it_runs_out() throws Exception {
        List<Boolean> taken =
                race(
                        6,
                        () ->
                                leases.acquire(
                                        "drive channels",
                                        Thread.currentThread().getName(),
                                        now,
                                        Duration.ofMinutes(1)));
        assertEquals(1, taken.stream().filter(t -> t).count(), taken.toString());
        assertTrue(leases.acquire("other", "a", now, Duration.ofMinutes(1)));
        assertTrue(leases.acquire("other", "a", now.plusSeconds(30), Duration.ofMinutes(1)));
        assertFalse(leases.acquire("other", "b", now.plusSeconds(60), Duration.ofMinutes(1)));
        assertTrue(leases.acquire("other", "b", now.plusSeconds(91), Duration.ofMinutes(1)));
        leases.release("other", "a"); // not a's any more: nothing happens
        assertFalse(leases.acquire("other", "a", now.plusSeconds(92), Duration.ofMinutes(1)));
        leases.release("other", "b");
        assertTrue(leases.acquire("other", "a", now.plusSeconds(92), Duration.ofMinutes(1)));
    }
}
