package org.stemvault.application.drive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.drive.DriveChannel;
import org.stemvault.domain.drive.DriveFolders;
import org.stemvault.domain.profile.ProfileId;
import org.stemvault.domain.user.UserId;

/** The rules of Drive that need no Drive: folder addresses, and which notifications count. */
class DriveRulesTest {

    @Test
    void a_folder_is_named_by_its_id_or_its_address() {
        assertEquals("1AbC_d-9", DriveLibrary.folderId(" 1AbC_d-9 "));
        assertEquals(
                "1AbC",
                DriveLibrary.folderId("https://drive.google.com/drive/folders/1AbC?usp=sharing"));
        assertEquals(
                "1AbC", DriveLibrary.folderId("https://drive.google.com/drive/u/2/folders/1AbC/"));
        assertEquals("1AbC", DriveLibrary.folderId("https://drive.google.com/open?id=1AbC"));
        for (String bad :
                new String[] {
                    "",
                    "  ",
                    "a b",
                    "../x",
                    "'x' in parents",
                    "https://evil.example/drive/folders/1AbC",
                    "http://drive.google.com/drive/folders/1AbC",
                    "https://drive.google.com/file/d/1AbC/view",
                    "x".repeat(201)
                }) {
            Invalid refused = assertThrows(Invalid.class, () -> DriveLibrary.folderId(bad), bad);
            assertEquals(DriveLibrary.FOLDER_FIELD, refused.field());
        }
        assertThrows(Invalid.class, () -> DriveLibrary.folderId(null));
    }

    @Test
    void the_consent_challenge_is_rfc_7636s_s256() {
        // BASE64URL(SHA-256(verifier)) without padding, as computed by hand with
        // printf %s <verifier> | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | tr -d =
        assertEquals(
                "D2y_eokWaxrSDR4Q9zfHWxXh-xdXA5jM4i0sOd3kGnE",
                DriveAccounts.challenge("dBjftJeZ4CVP-mB92K27uhbUzk_y3wYhq0FkqoWEjXk"));
    }

    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    static final ProfileId BAND = ProfileId.random();

    /** Folders that hold one channel and record which profiles were marked. */
    static DriveFolders folders(DriveChannel channel, List<ProfileId> marked) {
        return (DriveFolders)
                Proxy.newProxyInstance(
                        DriveFolders.class.getClassLoader(),
                        new Class<?>[] {DriveFolders.class},
                        (proxy, method, args) ->
                                switch (method.getName()) {
                                    case "channel" ->
                                            Optional.ofNullable(channel)
                                                    .filter(c -> c.id().equals(args[0]));
                                    case "mark" -> {
                                        marked.add((ProfileId) args[0]);
                                        yield null;
                                    }
                                    default ->
                                            throw new UnsupportedOperationException(
                                                    method.getName());
                                });
    }

    static DriveSync sync(DriveChannel channel, List<ProfileId> marked) {
        return new DriveSync(
                folders(channel, marked),
                null,
                null,
                null,
                null,
                null,
                Clock.fixed(NOW, ZoneOffset.UTC),
                new DriveSync.Settings(Duration.ofHours(24), Duration.ofHours(2), "https://x"));
    }

    static DriveChannel channel(Instant expires, boolean stopping) {
        return new DriveChannel(
                "chan-1",
                BAND,
                UserId.random(),
                org.stemvault.application.Secrets.sha256("the-token"),
                "res",
                expires,
                stopping);
    }

    @Test
    void only_a_live_channel_with_its_own_token_marks_its_folder() {
        List<ProfileId> marked = new ArrayList<>();
        DriveSync live = sync(channel(NOW.plusSeconds(60), false), marked);
        assertFalse(live.notified("chan-1", "not-the-token"));
        assertFalse(live.notified("chan-2", "the-token"));
        assertFalse(live.notified(null, "the-token"));
        assertFalse(live.notified("chan-1", null));
        assertFalse(live.notified("chan-1", "the-token".repeat(100)));
        assertEquals(List.of(), marked, "nothing is marked by a forged notification");
        assertTrue(live.notified("chan-1", "the-token"));
        assertTrue(live.notified("chan-1", "the-token"), "a repeat marks the folder again");
        assertEquals(List.of(BAND, BAND), marked);

        assertFalse(sync(channel(NOW, false), marked).notified("chan-1", "the-token"));
        assertFalse(
                sync(channel(NOW.plusSeconds(60), true), marked).notified("chan-1", "the-token"),
                "a stopping channel no longer counts");
        assertEquals(2, marked.size());
    }

    @Test
    void channels_are_renewed_before_they_expire() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new DriveSync.Settings(Duration.ofHours(1), Duration.ofHours(1), null));
    }
}
