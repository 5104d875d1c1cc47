package org.stemvault.application;

import java.util.ArrayList;
import java.util.List;
import org.stemvault.domain.profile.Membership;
import org.stemvault.domain.profile.Memberships;
import org.stemvault.domain.profile.ProfileId;
import org.stemvault.domain.user.UserId;

/** Memberships in memory, for use-case tests. */
public final class InMemoryMemberships implements Memberships {

    private final List<Membership> memberships = new ArrayList<>();

    @Override
    public boolean grant(Membership membership) {
        if (isMember(membership.user(), membership.profile())) {
            return false;
        }
        return memberships.add(membership);
    }

    @Override
    public boolean revoke(UserId user, ProfileId profile) {
        return memberships.removeIf(m -> m.user().equals(user) && m.profile().equals(profile));
    }

    @Override
    public boolean isMember(UserId user, ProfileId profile) {
        return memberships.stream().anyMatch(m -> m.user().equals(user) && m.profile().equals(profile));
    }

    @Override
    public List<Membership> ofUser(UserId user) {
        return memberships.stream().filter(m -> m.user().equals(user)).toList();
    }

    @Override
    public List<Membership> ofProfile(ProfileId profile) {
        return memberships.stream().filter(m -> m.profile().equals(profile)).toList();
    }

    @Override
    public List<Membership> all() {
        return List.copyOf(memberships);
    }
}
