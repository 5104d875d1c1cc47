package org.stemvault.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code stemvault.media}: the folder stem audio and waveforms are kept in, {@code
 * <root>/<profile>/<output_name>/}.
 */
@ConfigurationProperties("stemvault.media")
record MediaSettings(String root) {}
