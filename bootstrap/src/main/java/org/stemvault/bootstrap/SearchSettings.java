package org.stemvault.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;

/** {@code stemvault.search}: the reciprocal rank fusion constant of hybrid search. */
@ConfigurationProperties("stemvault.search")
record SearchSettings(int rrfK) {}
