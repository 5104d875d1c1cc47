package org.stemvault.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.user.Role;
import org.stemvault.web.json.Json;

class AdminRequestsTest {

    @Test
    void a_worker_token_lasts_the_days_asked_for_ninety_by_default_and_the_field_is_named_days() {
        assertEquals(
                Duration.ofDays(90),
                AdminRequests.MintToken.from(Json.fields("{\"name\": \"x\"}")).validity());
        assertEquals(
                Duration.ofDays(7),
                AdminRequests.MintToken.from(Json.fields("{\"name\": \"x\", \"days\": 7}"))
                        .validity());
        for (String days : new String[] {"0", "367", "-1", "2.5", "\"7\""}) {
            assertEquals(
                    "days",
                    assertThrows(
                                    Invalid.class,
                                    () ->
                                            AdminRequests.MintToken.from(
                                                    Json.fields(
                                                            "{\"name\": \"x\", \"days\": "
                                                                    + days
                                                                    + "}")))
                            .field(),
                    days);
        }
    }

    @Test
    void a_role_is_admin_or_member() {
        assertEquals(
                Role.ADMIN,
                AdminRequests.SetRole.from(Json.fields("{\"role\": \"admin\"}")).role());
        assertEquals(
                "role",
                assertThrows(
                                Invalid.class,
                                () ->
                                        AdminRequests.SetRole.from(
                                                Json.fields("{\"role\": \"root\"}")))
                        .field());
    }
}
