package org.stemvault.domain.search;

import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.Recording;

/** A recording found near a query vector: its profile, and the cosine similarity in 0–1. */
public record Match(Recording recording, ProfileName profile, double similarity) {}
