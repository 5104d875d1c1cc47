package org.stemvault.application.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stemvault.application.contracts.Fixtures.at;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stemvault.domain.Position;
import org.stemvault.domain.audit.AuditEntry;

public abstract class AuditLogContract extends PortsContract {

    List<String> actions(List<AuditEntry> entries) {
        return entries.stream().map(AuditEntry::action).toList();
    }

    @Test
    void entries_come_newest_first_filtered_by_profile_user_and_time_and_paged() {
        audit.append(
                AuditEntry.of(at(0), "boss@example.com", "grant", "ada@example.com", "band", null));
        audit.append(AuditEntry.of(at(1), "cli", "revoke", "ada@example.com", "band", null));
        audit.append(
                AuditEntry.of(at(2), "boss@example.com", "profile.create", null, "attic", null));
        assertEquals(
                List.of("profile.create", "revoke", "grant"),
                actions(audit.find(null, null, null, null, 10)));
        assertEquals(List.of("revoke", "grant"), actions(audit.find("band", null, null, null, 10)));
        assertEquals(
                List.of("profile.create", "grant"),
                actions(audit.find(null, "boss@example.com", null, null, 10)));
        assertEquals(
                List.of("revoke", "grant"),
                actions(audit.find(null, "ada@example.com", null, null, 10)));
        assertEquals(
                List.of("profile.create", "revoke"),
                actions(audit.find(null, null, at(1), null, 10)));
        AuditEntry second = audit.find(null, null, null, null, 2).get(1);
        assertEquals(
                List.of("grant"),
                actions(audit.find(null, null, null, new Position(second.at(), second.id()), 10)));
    }
}
