package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code STEMVAULT_FEEDBACK_RETENTION} as the configuration reference writes it. */
class FeedbackSettingsTest {

    static FeedbackSettings retention(String value) {
        return new FeedbackSettings(
                value, Duration.ofHours(1), false, 1, 10, 3, 0.8, 20, 5, 2, Duration.ofSeconds(30));
    }

    @Test
    void zero_turns_feedback_off_and_durations_read_as_micronaut_reads_them() {
        assertEquals(Duration.ZERO, retention("0").retentionPeriod());
        assertEquals(Duration.ZERO, retention(" 0 ").retentionPeriod());
        assertEquals(Duration.ofDays(180), retention("180d").retentionPeriod());
        assertEquals(Duration.ofHours(12), retention("12h").retentionPeriod());
        assertEquals(Duration.ofHours(1), retention("PT1H").retentionPeriod());
        assertEquals(Duration.ZERO, retention("0s").retentionPeriod());
        assertEquals(false, retention("0").policy().recording());
    }

    @Test
    void anything_else_stops_start_up_naming_the_variable() {
        for (String bad : List.of("", "soon", "-1d", "180 days", "1e400")) {
            StartupFailure failure =
                    assertThrows(StartupFailure.class, () -> retention(bad).retentionPeriod(), bad);
            assertEquals(
                    true, failure.getMessage().startsWith("STEMVAULT_FEEDBACK_RETENTION"), bad);
        }
    }
}
