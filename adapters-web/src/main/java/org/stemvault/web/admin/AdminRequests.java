package org.stemvault.web.admin;

import java.time.Duration;
import org.stemvault.application.worker.Workers;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.user.Role;
import org.stemvault.web.json.Fields;

/** The admin API's request bodies. */
final class AdminRequests {

    private AdminRequests() {}

    /** {@code {"name", "source_folder", "strategy_name"?}}. */
    record CreateProfile(String name, String sourceFolder, String strategyName) {
        static CreateProfile from(Fields f) {
            return new CreateProfile(
                    f.text("name"), f.text("source_folder"), f.optionalText("strategy_name"));
        }
    }

    /** {@code {"name"?, "source_folder"?, "strategy_name"?}}: what is absent stays. */
    record EditProfile(String name, String sourceFolder, String strategyName) {
        static EditProfile from(Fields f) {
            return new EditProfile(
                    f.optionalText("name"),
                    f.optionalText("source_folder"),
                    f.optionalText("strategy_name"));
        }
    }

    /** {@code {"role": "admin" | "member"}}. */
    record SetRole(Role role) {
        static SetRole from(Fields f) {
            return new SetRole(
                    switch (f.text("role")) {
                        case "admin" -> Role.ADMIN;
                        case "member" -> Role.MEMBER;
                        default -> throw new Invalid("role", "must be admin or member");
                    });
        }
    }

    /** {@code {"name", "days"?}}: a worker token valid for {@code days} (default 90). */
    record MintToken(String name, Duration validity) {
        static MintToken from(Fields f) {
            long days = f.has("days") ? f.integer("days") : 90;
            if (days < 1 || days > Workers.MAX_VALIDITY.toDays()) {
                throw new Invalid("days", "must be from 1 to " + Workers.MAX_VALIDITY.toDays());
            }
            return new MintToken(f.text("name"), Duration.ofDays(days));
        }
    }
}
