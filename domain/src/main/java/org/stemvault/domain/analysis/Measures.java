package org.stemvault.domain.analysis;

/**
 * What a recording's answers show of its analysis: its tempo (BPM), key and stability, each null
 * when the analysis could not tell.
 */
public record Measures(Double tempoBpm, MusicalKey key, Double stability) {}
