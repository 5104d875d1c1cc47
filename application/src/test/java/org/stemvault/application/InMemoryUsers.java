package org.stemvault.application;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.Role;
import org.stemvault.domain.user.User;
import org.stemvault.domain.user.UserId;
import org.stemvault.domain.user.Users;

/** Users in memory, for use-case tests; the PostgreSQL adapter passes the same contract. */
public final class InMemoryUsers implements Users {

    private final Map<UserId, User> byId = new LinkedHashMap<>();

    @Override
    public Optional<User> byId(UserId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Optional<User> byEmail(Email email) {
        return byId.values().stream().filter(u -> u.email().equals(email)).findFirst();
    }

    @Override
    public List<User> all() {
        return new ArrayList<>(byId.values());
    }

    @Override
    public User signedIn(Email email, String name, String pictureUrl, Instant at) {
        User stored = byEmail(email)
                .map(u -> new User(u.id(), u.email(), name, pictureUrl, u.role(), u.createdAt(), at))
                .orElseGet(() -> new User(UserId.random(), email, name, pictureUrl, Role.MEMBER, at, at));
        byId.put(stored.id(), stored);
        return stored;
    }

    @Override
    public User provision(Email email, Instant at) {
        return byEmail(email).orElseGet(() -> {
            User user = User.provisioned(email, at);
            byId.put(user.id(), user);
            return user;
        });
    }

    @Override
    public boolean changeRole(UserId id, Role role) {
        User u = byId.get(id);
        if (u == null) {
            return false;
        }
        byId.put(id, new User(u.id(), u.email(), u.name(), u.pictureUrl(), role, u.createdAt(), u.lastLoginAt()));
        return true;
    }

    @Override
    public boolean delete(UserId id) {
        return byId.remove(id) != null;
    }

    @Override
    public Demotion demoteUnlessLastAdmin(UserId id) {
        User u = byId.get(id);
        if (u == null || !u.isAdmin()) {
            return Demotion.NOT_AN_ADMIN;
        }
        if (byId.values().stream().filter(User::isAdmin).count() < 2) {
            return Demotion.LAST_ADMIN;
        }
        changeRole(id, Role.MEMBER);
        return Demotion.DEMOTED;
    }
}
