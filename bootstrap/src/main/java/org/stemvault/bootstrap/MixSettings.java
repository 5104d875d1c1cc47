package org.stemvault.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * {@code stemvault.mixes}: how long a take-away mix nobody fetches is kept, how often each instance
 * looks for such mixes, and whether members may share a mix outside the band by link.
 */
@ConfigurationProperties("stemvault.mixes")
record MixSettings(Duration ttl, Duration expiryInterval, boolean shareLinks) {}
