package org.stemvault.application.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stemvault.application.contracts.Fixtures.at;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.Session;
import org.stemvault.domain.user.SessionId;
import org.stemvault.domain.user.User;

public abstract class SessionsContract extends PortsContract {

    User ada() {
        return users.signedIn(new Email("ada@example.com"), "Ada", null, at(0));
    }

    @Test
    void an_open_session_names_its_user_and_only_its_user() {
        User ada = ada();
        User bob = users.signedIn(new Email("bob@example.com"), "Bob", null, at(0));
        Session session = Session.open(ada.id(), at(0), Duration.ofHours(1));
        sessions.open(session);
        assertEquals(ada, sessions.user(session.id(), ada.id()).orElseThrow());
        assertTrue(sessions.user(session.id(), bob.id()).isEmpty());
        assertTrue(sessions.user(SessionId.random(), ada.id()).isEmpty());
        assertFalse(sessions.end(session.id(), bob.id()), "another user's session is not theirs");
        assertTrue(sessions.user(session.id(), ada.id()).isPresent());
    }

    @Test
    void ending_a_session_ends_that_one_and_only_once() {
        User ada = ada();
        Session laptop = Session.open(ada.id(), at(0), Duration.ofHours(1));
        Session phone = Session.open(ada.id(), at(1), Duration.ofHours(1));
        sessions.open(laptop);
        sessions.open(phone);
        assertTrue(sessions.end(laptop.id(), ada.id()));
        assertFalse(sessions.end(laptop.id(), ada.id()));
        assertTrue(sessions.user(laptop.id(), ada.id()).isEmpty());
        assertTrue(sessions.user(phone.id(), ada.id()).isPresent());
    }

    @Test
    void ending_all_ends_every_session_of_that_user_alone() {
        User ada = ada();
        User bob = users.signedIn(new Email("bob@example.com"), "Bob", null, at(0));
        Session one = Session.open(ada.id(), at(0), Duration.ofHours(1));
        Session two = Session.open(ada.id(), at(1), Duration.ofHours(1));
        Session bobs = Session.open(bob.id(), at(1), Duration.ofHours(1));
        sessions.open(one);
        sessions.open(two);
        sessions.open(bobs);
        assertEquals(2, sessions.endAll(ada.id()));
        assertEquals(0, sessions.endAll(ada.id()));
        assertTrue(sessions.user(one.id(), ada.id()).isEmpty());
        assertTrue(sessions.user(two.id(), ada.id()).isEmpty());
        assertTrue(sessions.user(bobs.id(), bob.id()).isPresent());
    }

    @Test
    void opening_a_session_forgets_that_users_expired_ones() {
        User ada = ada();
        Session old = Session.open(ada.id(), at(0), Duration.ofSeconds(10));
        Session live = Session.open(ada.id(), at(5), Duration.ofHours(1));
        sessions.open(old);
        sessions.open(live);
        sessions.open(Session.open(ada.id(), at(20), Duration.ofHours(1)));
        assertTrue(sessions.user(old.id(), ada.id()).isEmpty());
        assertTrue(sessions.user(live.id(), ada.id()).isPresent());
    }

    @Test
    void a_deleted_users_sessions_go_with_them() {
        User ada = ada();
        Session session = Session.open(ada.id(), at(0), Duration.ofHours(1));
        sessions.open(session);
        ports().deleteUser(ada.id());
        assertTrue(sessions.user(session.id(), ada.id()).isEmpty());
        assertEquals(0, sessions.endAll(ada.id()));
    }
}
