package org.stemvault.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code stemvault.drive}: Google Drive is on when {@code token-keys} is set ({@code
 * STEMVAULT_DRIVE_TOKEN_KEYS}: {@code <id>:<base64 of 32 bytes>}, comma-separated; the first, or
 * {@code token-key-id}, seals new tokens). Where Drive posts notifications ({@code webhook-url};
 * without it and without the public URL no channel is made and files arrive only by import), where
 * Drive's API is ({@code api-url}, for tests), how long channels live and how early they are
 * renewed, and how often folders are listed and channels maintained.
 */
@ConfigurationProperties("stemvault.drive")
record DriveSettings(
        @Nullable String tokenKeys,
        @Nullable String tokenKeyId,
        @Nullable String webhookUrl,
        String apiUrl,
        Duration channelLifetime,
        Duration renewBefore,
        Duration listInterval,
        Duration maintainInterval,
        Duration firstBackoff,
        Duration mostBackoff,
        Duration timeout) {

    boolean enabled() {
        return tokenKeys != null && !tokenKeys.isBlank();
    }

    /** The keys by id, in the order given; a malformed setting stops the start with the reason. */
    Map<String, byte[]> keys() {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String entry : tokenKeys.split(",")) {
            String[] parts = entry.strip().split(":", 2);
            if (parts.length != 2 || !parts[0].matches("[A-Za-z0-9_-]{1,40}")) {
                throw new StartupFailure(
                        "STEMVAULT_DRIVE_TOKEN_KEYS must be <id>:<base64 of 32 bytes>[,...]; an"
                                + " id is 1 to 40 letters, digits, '-' or '_'");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(parts[1].strip());
            } catch (IllegalArgumentException e) {
                throw new StartupFailure("the Drive token key '" + parts[0] + "' is not base64");
            }
            if (key.length != 32) {
                throw new StartupFailure(
                        "the Drive token key '"
                                + parts[0]
                                + "' must be 32 bytes (openssl rand -base64 32), not "
                                + key.length);
            }
            keys.put(parts[0], key);
        }
        return keys;
    }

    /** The id of the key new tokens are sealed under. */
    String currentKey(Map<String, byte[]> keys) {
        String current =
                tokenKeyId == null || tokenKeyId.isBlank()
                        ? keys.keySet().iterator().next()
                        : tokenKeyId.strip();
        if (!keys.containsKey(current)) {
            throw new StartupFailure(
                    "STEMVAULT_DRIVE_TOKEN_KEY_ID names '"
                            + current
                            + "', which STEMVAULT_DRIVE_TOKEN_KEYS does not give");
        }
        return current;
    }
}
