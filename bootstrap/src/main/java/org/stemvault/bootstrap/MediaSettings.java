package org.stemvault.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.time.Duration;
import org.stemvault.s3.S3Settings;

/**
 * {@code stemvault.media}: which store keeps stem audio, waveforms and uploaded sources ({@code
 * local}: the folder {@code root}, laid out {@code <root>/<profile>/<output_name>/}; {@code s3}: a
 * bucket, {@link S3}), and how media reaches a player ({@code proxy}: streamed through the service;
 * {@code redirect}: a 302 to a link into the store that expires after {@code linkExpiry}), and how
 * often pending deletions of stored media are carried out (also the first pause after a failure).
 */
@ConfigurationProperties("stemvault.media")
record MediaSettings(
        String store, String root, String delivery, Duration linkExpiry, Duration cleanupInterval) {

    static final String LOCAL = "local";
    static final String S3_STORE = "s3";
    static final String PROXY = "proxy";
    static final String REDIRECT = "redirect";

    MediaSettings {
        if (!LOCAL.equals(store) && !S3_STORE.equals(store)) {
            throw new StartupFailure(
                    "STEMVAULT_MEDIA_STORE must be local or s3, not '" + store + "'");
        }
        if (!PROXY.equals(delivery) && !REDIRECT.equals(delivery)) {
            throw new StartupFailure(
                    "STEMVAULT_MEDIA_DELIVERY must be proxy or redirect, not '" + delivery + "'");
        }
        if (REDIRECT.equals(delivery) && LOCAL.equals(store)) {
            throw new StartupFailure(
                    "STEMVAULT_MEDIA_DELIVERY=redirect needs STEMVAULT_MEDIA_STORE=s3: a local"
                            + " folder has no links of its own");
        }
        if (cleanupInterval == null || cleanupInterval.isNegative() || cleanupInterval.isZero()) {
            throw new StartupFailure("STEMVAULT_MEDIA_CLEANUP_INTERVAL must be positive");
        }
        if (linkExpiry == null
                || linkExpiry.compareTo(Duration.ofSeconds(1)) < 0
                || linkExpiry.compareTo(Duration.ofDays(7)) > 0) {
            throw new StartupFailure(
                    "STEMVAULT_MEDIA_LINK_EXPIRY must be from 1s to 7d, not " + linkExpiry);
        }
    }

    boolean redirects() {
        return REDIRECT.equals(delivery);
    }

    /** {@code stemvault.media.s3}: the bucket, when {@code store} is {@code s3}. */
    @ConfigurationProperties("s3")
    record S3(
            @Nullable String endpoint,
            @Nullable String region,
            @Nullable String bucket,
            @Nullable String accessKey,
            @Nullable String secretKey,
            boolean pathStyle,
            @Nullable String prefix,
            boolean createBucket) {

        /** The adapter's settings; {@link StartupFailure} naming the variable that is wrong. */
        S3Settings toSettings() {
            try {
                return new S3Settings(
                        URI.create(required("STEMVAULT_S3_ENDPOINT", endpoint)),
                        region,
                        required("STEMVAULT_S3_BUCKET", bucket),
                        required("STEMVAULT_S3_ACCESS_KEY", accessKey),
                        required("STEMVAULT_S3_SECRET_KEY", secretKey),
                        pathStyle,
                        prefix);
            } catch (IllegalArgumentException e) {
                throw new StartupFailure(
                        "the S3 media store settings are wrong: " + e.getMessage());
            }
        }

        private static String required(String variable, String value) {
            if (value == null || value.isBlank()) {
                throw new StartupFailure(variable + " is required with STEMVAULT_MEDIA_STORE=s3");
            }
            return value;
        }
    }
}
