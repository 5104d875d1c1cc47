package org.stemvault.domain.user;

/** What a user may do beyond the profiles they are a member of. */
public enum Role {
    MEMBER,
    ADMIN
}
