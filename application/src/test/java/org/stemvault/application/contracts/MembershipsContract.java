package org.stemvault.application.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stemvault.application.contracts.Fixtures.at;
import static org.stemvault.application.contracts.Fixtures.profile;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stemvault.domain.profile.Membership;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.User;

public abstract class MembershipsContract extends PortsContract {

    @Test
    void a_grant_makes_a_member_once_and_a_revoke_takes_it_away() {
        User ada = users.provision(new Email("ada@example.com"), at(0));
        Profile band = profiles.create(profile("the-band"));

        assertTrue(memberships.grant(new Membership(ada.id(), band.id(), at(1))));
        assertFalse(
                memberships.grant(new Membership(ada.id(), band.id(), at(2))),
                "a repeated grant is not new");
        assertEquals(
                List.of(new Membership(ada.id(), band.id(), at(1))), memberships.ofUser(ada.id()));

        assertTrue(memberships.revoke(ada.id(), band.id()));
        assertTrue(memberships.ofUser(ada.id()).isEmpty());
        assertFalse(memberships.revoke(ada.id(), band.id()));
    }

    @Test
    void a_profiles_members_are_listed_oldest_grant_first_and_leave_with_the_user_or_the_profile() {
        User ada = users.provision(new Email("ada@example.com"), at(0));
        User bob = users.provision(new Email("bob@example.com"), at(0));
        Profile band = profiles.create(profile("the-band"));
        Profile attic = profiles.create(profile("attic"));
        memberships.grant(new Membership(bob.id(), band.id(), at(1)));
        memberships.grant(new Membership(ada.id(), band.id(), at(2)));
        memberships.grant(new Membership(ada.id(), attic.id(), at(3)));

        assertEquals(
                List.of(bob.id(), ada.id()),
                memberships.ofProfile(band.id()).stream().map(Membership::user).toList());

        ports().deleteUser(bob.id());
        profiles.delete(attic.id());
        assertEquals(
                List.of(new Membership(ada.id(), band.id(), at(2))),
                memberships.ofProfile(band.id()));
        assertEquals(
                List.of(new Membership(ada.id(), band.id(), at(2))), memberships.ofUser(ada.id()));
    }
}
