package org.stemvault.application.signin;

import java.util.Objects;
import org.stemvault.application.Principal;
import org.stemvault.domain.Forbidden;

/**
 * The right to act as an admin, which every admin-only use case takes. Only sign-in makes one: for
 * a signed-in admin ({@link Principal#adminRight()}, as the database says at this request) or for
 * the operator at the server's console ({@link SignIn#operator()}); no other code can build it, so
 * the admin argument of a use case cannot be forged.
 */
public final class Admin {

    private final String name;

    Admin(String name) {
        this.name = Objects.requireNonNull(name);
    }

    /** Who acts, as the audit log names them: an admin's email, or {@code cli}. */
    public String name() {
        return name;
    }

    /** The principal's admin right; {@link Forbidden} for anyone else. */
    public static Admin of(Principal principal) {
        if (principal.adminRight() == null) {
            throw new Forbidden("only admins may manage access");
        }
        return principal.adminRight();
    }

    @Override
    public String toString() {
        return "Admin[" + name + "]";
    }
}
