package org.stemvault.application.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stemvault.application.contracts.Fixtures.at;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.Role;
import org.stemvault.domain.user.User;
import org.stemvault.domain.user.UserId;

public abstract class UsersContract extends PortsContract {

    @Test
    void first_login_creates_a_member_and_later_logins_refresh_name_picture_and_last_login_only() {
        User first = users.signedIn(new Email("Ada@Example.com"), "Ada", "https://pic/1", at(0));
        assertEquals("ada@example.com", first.email().value());
        assertEquals(Role.MEMBER, first.role());
        assertEquals(at(0), first.createdAt());

        User again =
                users.signedIn(new Email("ada@example.COM"), "Ada L.", "https://pic/2", at(60));

        assertEquals(first.id(), again.id());
        assertEquals(at(0), again.createdAt());
        assertEquals("Ada L.", again.name());
        assertEquals("https://pic/2", again.pictureUrl());
        assertEquals(at(60), again.lastLoginAt());
        assertEquals(again, users.byEmail(new Email("ADA@example.com")).orElseThrow());
    }

    @Test
    void parallel_first_logins_of_one_email_in_different_cases_make_one_user() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<UserId>> logins = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String email = i % 2 == 0 ? "same@example.com" : "SAME@Example.com";
                logins.add(() -> users.signedIn(new Email(email), "Same", null, at(0)).id());
            }
            Set<UserId> ids = new HashSet<>();
            for (Future<UserId> f : pool.invokeAll(logins)) {
                ids.add(f.get());
            }
            assertEquals(1, ids.size());
            assertEquals(1, users.all().size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void provisioning_by_email_creates_a_user_without_login_once_and_keeps_a_signed_in_one() {
        User provisioned = users.provision(new Email("new@example.com"), at(0));
        assertNull(provisioned.name());
        assertNull(provisioned.lastLoginAt());
        assertEquals(provisioned, users.provision(new Email("NEW@example.com"), at(10)));

        User signedIn = users.signedIn(new Email("new@example.com"), "Newcomer", null, at(20));
        assertEquals(provisioned.id(), signedIn.id());
        assertEquals(signedIn, users.provision(new Email("new@example.com"), at(30)));
    }

    @Test
    void role_changes_are_stored() {
        User user = users.signedIn(new Email("boss@example.com"), "Boss", null, at(0));
        assertTrue(users.changeRole(user.id(), Role.ADMIN));
        assertTrue(users.byId(user.id()).orElseThrow().isAdmin());
        assertFalse(users.changeRole(UserId.random(), Role.ADMIN));
    }
}
