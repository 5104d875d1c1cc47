package org.stemvault.domain.user;

import java.time.Instant;
import org.stemvault.domain.Checks;

/**
 * A person known to the service: signed in at least once, or provisioned by an admin's grant before
 * their first login (then {@code name}, {@code pictureUrl} and {@code lastLoginAt} are null).
 */
public record User(
        UserId id,
        Email email,
        String name,
        String pictureUrl,
        Role role,
        Instant createdAt,
        Instant lastLoginAt) {

    public User {
        Checks.required("id", id);
        Checks.required("email", email);
        Checks.optionalText("name", name, NAME_LENGTH);
        Checks.optionalText("picture_url", pictureUrl, PICTURE_URL_LENGTH);
        Checks.required("role", role);
        Checks.required("created_at", createdAt);
    }

    /** The longest name kept, in UTF-16 code units. */
    public static final int NAME_LENGTH = 500;

    /** The longest picture URL kept. */
    public static final int PICTURE_URL_LENGTH = 2000;

    /**
     * A name as an identity provider claims it, made fit to keep and to show: each control
     * character (Unicode Cc, NUL included) becomes a space, the ends are trimmed, and a name longer
     * than {@link #NAME_LENGTH} is cut there (never inside a surrogate pair). Blank or absent is
     * null. The provider owns the name: a sign-in is never refused for it.
     */
    public static String claimedName(String claimed) {
        if (claimed == null) {
            return null;
        }
        StringBuilder shown = new StringBuilder(claimed.length());
        claimed.codePoints()
                .forEach(c -> shown.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        String name = shown.toString().strip();
        if (name.length() > NAME_LENGTH) {
            int end =
                    Character.isHighSurrogate(name.charAt(NAME_LENGTH - 1))
                            ? NAME_LENGTH - 1
                            : NAME_LENGTH;
            name = name.substring(0, end).strip();
        }
        return name.isEmpty() ? null : name;
    }

    /**
     * A picture URL as an identity provider claims it: kept when it is at most {@link
     * #PICTURE_URL_LENGTH} characters without a control character, else null (a picture is only
     * ever shown, so a sign-in is never refused for it).
     */
    public static String claimedPictureUrl(String claimed) {
        if (claimed == null
                || claimed.isBlank()
                || claimed.length() > PICTURE_URL_LENGTH
                || claimed.chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        return claimed;
    }

    /** A user known by email only, before their first login. */
    public static User provisioned(Email email, Instant now) {
        return new User(UserId.random(), email, null, null, Role.MEMBER, now, null);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
