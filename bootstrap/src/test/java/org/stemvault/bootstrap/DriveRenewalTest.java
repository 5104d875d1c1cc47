package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stemvault.application.drive.TokenCipher;
import org.stemvault.domain.drive.DriveFolder;
import org.stemvault.domain.drive.DriveFolders;
import org.stemvault.domain.drive.DriveGrant;
import org.stemvault.domain.drive.DriveGrants;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.user.User;

/**
 * Channels are renewed before they expire: with channels asked for four seconds and renewed three
 * before their end, the lease holder opens a new channel about every second, stops the one it
 * replaces at Drive, and a notification on a replaced channel no longer counts.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DriveRenewalTest implements TestPropertyProvider {

    static final int PORT = Api.freePort();
    static final StandInDrive DRIVE = DriveTest.drive();

    @Inject EmbeddedServer server;
    @Inject Seed seed;
    @Inject DriveGrants grants;
    @Inject DriveFolders folders;
    @Inject TokenCipher cipher;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = DriveTest.withDrive(PORT, DRIVE);
        properties.put("stemvault.drive.channel-lifetime", "4s");
        properties.put("stemvault.drive.renew-before", "3s");
        properties.put("stemvault.drive.list-interval", "1h");
        return properties;
    }

    @AfterAll
    void stopDrive() {
        DRIVE.close();
    }

    @Test
    void a_channel_is_replaced_before_it_expires_and_the_old_one_stopped() throws Exception {
        seed.reset();
        Profile band = seed.profile("band");
        User member = seed.user("member@example.com");
        seed.grant(member, band);
        DRIVE.folder("root1", "Rehearsals", "mydrive");
        TokenCipher.Sealed sealed =
                cipher.seal(
                        TestOidc.refreshToken("member@example.com"),
                        member.id().value().toString());
        grants.save(
                new DriveGrant(
                        member.id(),
                        sealed.keyId(),
                        sealed.value(),
                        java.time.Instant.now(),
                        null));
        folders.connect(
                new DriveFolder(band.id(), "root1", member.id(), java.time.Instant.now(), null));

        DriveTest.eventually("a first channel", () -> DRIVE.channels.size() == 1);
        StandInDrive.Channel first = DRIVE.channels.values().iterator().next();
        DriveTest.eventually(
                "the first channel replaced and stopped",
                () -> DRIVE.channels.size() == 1 && !DRIVE.channels.containsKey(first.id()));
        assertTrue(
                DRIVE.requests.contains("POST /drive/v3/channels/stop"),
                "the replaced channel was stopped at Drive: " + DRIVE.requests);
        StandInDrive.Channel second = DRIVE.channels.values().iterator().next();
        assertFalse(Set.of(first.token()).contains(second.token()), "a new token each time");
        String here = "http://127.0.0.1:" + PORT + "/api/webhooks/drive";
        assertEquals(404, DRIVE.notify(first, here, "change"), "a replaced channel is not live");
        DriveTest.eventually(
                "the second channel's row",
                () ->
                        DriveTest.count(
                                        "SELECT count(*) FROM drive_channels WHERE id = '"
                                                + second.id()
                                                + "' AND NOT stopping")
                                == 1);
        int answered = DRIVE.notify(second, here, "change");
        assertTrue(
                answered == 200 || !DRIVE.channels.containsKey(second.id()),
                "the live channel is heard (unless it was just replaced): " + answered);
    }
}
