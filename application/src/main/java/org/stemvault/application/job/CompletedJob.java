package org.stemvault.application.job;

import java.time.Duration;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.Recording;

/**
 * A completed job's recording, in its profile, and how long its attempt took from claim to
 * completion (null for a replayed completion, which completed nothing).
 */
public record CompletedJob(Recording recording, ProfileName profile, Duration sinceClaim) {}
