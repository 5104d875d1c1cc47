package org.stemvault.web.auth;

import io.micronaut.security.authentication.Authentication;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.stemvault.application.Caller;
import org.stemvault.application.Principal;
import org.stemvault.application.WorkerCaller;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.UserId;

/**
 * The edge between Micronaut's {@link Authentication} and the use cases' {@link Principal}. A session token
 * carries only the user id; everything else is read from the database on each request.
 */
public final class Sessions {

    /** The role of every signed-in person (not of a worker token). */
    public static final String MEMBER = "member";
    static final String ADMIN = "admin";
    /** The role of a processing worker's token. */
    public static final String WORKER = "worker";
    /** How a worker token's subject starts: {@code worker:<token id>}. */
    static final String WORKER_SUBJECT = "worker:";
    private static final String EMAIL = "email";
    private static final String NAME = "name";
    private static final String PICTURE = "picture";

    private Sessions() {
    }

    static Authentication authentication(Principal principal) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(EMAIL, principal.email().value());
        if (principal.name() != null) {
            attributes.put(NAME, principal.name());
        }
        if (principal.pictureUrl() != null) {
            attributes.put(PICTURE, principal.pictureUrl());
        }
        return Authentication.build(principal.id().toString(),
                principal.admin() ? List.of(MEMBER, ADMIN) : List.of(MEMBER), attributes);
    }

    static Authentication worker(UUID tokenId) {
        return Authentication.build(WORKER_SUBJECT + tokenId, List.of(WORKER));
    }

    /** Whoever an authenticated request acts for: a person or a worker. */
    public static Caller caller(Authentication authentication) {
        if (authentication.getRoles().contains(WORKER)) {
            return new WorkerCaller(UUID.fromString(authentication.getName().substring(WORKER_SUBJECT.length())));
        }
        return principal(authentication);
    }

    /** The principal of an authenticated request. */
    public static Principal principal(Authentication authentication) {
        Map<String, Object> a = authentication.getAttributes();
        return new Principal(new UserId(UUID.fromString(authentication.getName())), new Email((String) a.get(EMAIL)),
                (String) a.get(NAME), (String) a.get(PICTURE), authentication.getRoles().contains(ADMIN));
    }
}
