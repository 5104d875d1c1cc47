package org.stemvault.web.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.stemvault.application.Principal;
import org.stemvault.application.access.AuditTrail;
import org.stemvault.application.access.MembershipAdmin;
import org.stemvault.application.access.ProfileAdmin;
import org.stemvault.application.access.UserAdmin;
import org.stemvault.application.access.WorkerTokenAdmin;
import org.stemvault.application.analysis.RecordingAnalysis;
import org.stemvault.application.signin.Admin;
import org.stemvault.application.worker.Workers;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.Position;
import org.stemvault.domain.audit.AuditEntry;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.worker.WorkerToken;
import org.stemvault.domain.worker.WorkerTokenId;
import org.stemvault.web.auth.Sessions;
import org.stemvault.web.docs.Bodies;
import org.stemvault.web.docs.Bound;
import org.stemvault.web.docs.Problems;
import org.stemvault.web.json.Fields;
import org.stemvault.web.paging.Cursor;

/**
 * The admin API: users, profiles, members, admins, worker tokens and the audit log. Admins only
 * (403 otherwise).
 */
@Problems
@Controller("/api/admin")
@Secured(Sessions.MEMBER)
final class AdminController {

    private final ProfileAdmin profileAdmin;
    private final MembershipAdmin membershipAdmin;
    private final UserAdmin userAdmin;
    private final WorkerTokenAdmin tokenAdmin;
    private final AuditTrail auditTrail;
    private final RecordingAnalysis analysis;

    AdminController(
            ProfileAdmin profileAdmin,
            MembershipAdmin membershipAdmin,
            UserAdmin userAdmin,
            WorkerTokenAdmin tokenAdmin,
            AuditTrail auditTrail,
            RecordingAnalysis analysis) {
        this.analysis = analysis;
        this.profileAdmin = profileAdmin;
        this.membershipAdmin = membershipAdmin;
        this.userAdmin = userAdmin;
        this.tokenAdmin = tokenAdmin;
        this.auditTrail = auditTrail;
    }

    private static Admin admin(Principal principal) {
        return Admin.of(principal);
    }

    /**
     * Queues an {@code analyze} job for every recording that has stems and no analysis (legacy
     * imports, takes from before analysis): {@code {"queued": n}}.
     */
    @Post("/analysis/queue")
    Map<String, Integer> queueAnalysis(@Bound Principal principal) {
        return Map.of("queued", analysis.queueMissing(admin(principal)));
    }

    @Get("/users")
    List<UserResponse> users(@Bound Principal principal) {
        return membershipAdmin.users(admin(principal)).stream()
                .map(
                        u ->
                                new UserResponse(
                                        u.user().id().toString(),
                                        u.user().email().value(),
                                        u.user().name(),
                                        u.user().role().name().toLowerCase(Locale.ROOT),
                                        u.user().lastLoginAt() == null
                                                ? null
                                                : u.user().lastLoginAt().toString(),
                                        u.profiles().stream().map(ProfileName::value).toList()))
                .toList();
    }

    @Get("/profiles")
    List<ProfileResponse> profiles(@Bound Principal principal) {
        return profileAdmin.profiles(admin(principal)).stream()
                .map(p -> ProfileResponse.of(p.profile(), p.members()))
                .toList();
    }

    /** Body {@code {"name", "source_folder", "strategy_name"?}}. */
    @Post("/profiles")
    @Status(HttpStatus.CREATED)
    ProfileResponse createProfile(
            @Body @Schema(implementation = Bodies.CreateProfile.class) byte[] body,
            @Bound Principal principal) {
        AdminRequests.CreateProfile r = Fields.read(body, AdminRequests.CreateProfile::from);
        Profile created =
                profileAdmin.create(admin(principal), r.name(), r.sourceFolder(), r.strategyName());
        return ProfileResponse.of(created, 0);
    }

    /** Body {@code {"name"?, "source_folder"?, "strategy_name"?}}: what is absent stays. */
    @Patch("/profiles/{profile}")
    ProfileResponse editProfile(
            @PathVariable String profile,
            @Body @Schema(implementation = Bodies.EditProfile.class) byte[] body,
            @Bound Principal principal) {
        AdminRequests.EditProfile r = Fields.read(body, AdminRequests.EditProfile::from);
        Admin admin = admin(principal);
        Profile edited =
                profileAdmin.edit(admin, profile, r.name(), r.sourceFolder(), r.strategyName());
        return ProfileResponse.of(
                edited, membershipAdmin.members(admin, edited.name().value()).size());
    }

    @Delete("/profiles/{profile}{?force}")
    @Status(HttpStatus.NO_CONTENT)
    void deleteProfile(
            @PathVariable String profile,
            @Nullable @QueryValue String force,
            @Bound Principal principal) {
        if (force != null && !force.equals("true") && !force.equals("false")) {
            throw new Invalid("force", "must be true or false");
        }
        profileAdmin.delete(admin(principal), profile, "true".equals(force));
    }

    @Get("/profiles/{profile}/members")
    List<MemberResponse> members(@PathVariable String profile, @Bound Principal principal) {
        return membershipAdmin.members(admin(principal), profile).stream()
                .map(
                        m ->
                                new MemberResponse(
                                        m.user().email().value(),
                                        m.user().name(),
                                        m.grantedAt().toString()))
                .toList();
    }

    /**
     * Grants; works before that person ever signed in. 201 when new, 200 when they were a member
     * already.
     */
    @Put("/profiles/{profile}/members/{email}")
    HttpResponse<GrantResponse> grant(
            @PathVariable String profile, @PathVariable String email, @Bound Principal principal) {
        boolean created = membershipAdmin.grant(admin(principal), profile, email);
        return HttpResponse.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new GrantResponse(email.strip().toLowerCase(Locale.ROOT), profile));
    }

    @Delete("/profiles/{profile}/members/{email}")
    @Status(HttpStatus.NO_CONTENT)
    void revoke(
            @PathVariable String profile, @PathVariable String email, @Bound Principal principal) {
        membershipAdmin.revoke(admin(principal), profile, email);
    }

    /** Body {@code {"role": "admin" | "member"}}; 409 for the last admin's demotion. */
    @Put("/users/{email}/role")
    @Status(HttpStatus.NO_CONTENT)
    void setRole(
            @PathVariable String email,
            @Body @Schema(implementation = Bodies.SetRole.class) byte[] body,
            @Bound Principal principal) {
        userAdmin.setRole(
                admin(principal), email, Fields.read(body, AdminRequests.SetRole::from).role());
    }

    /**
     * Signs the user out everywhere: every session token of theirs is refused from its next request
     * on. 200 with how many sessions were open; 404 for an unknown email.
     */
    @Delete("/users/{email}/sessions")
    SessionsEndedResponse endSessions(@PathVariable String email, @Bound Principal principal) {
        int ended = userAdmin.endSessions(admin(principal), email);
        return new SessionsEndedResponse(email.strip().toLowerCase(Locale.ROOT), ended);
    }

    @Get("/worker-tokens")
    List<WorkerTokenResponse> workerTokens(@Bound Principal principal) {
        return tokenAdmin.list(admin(principal)).stream()
                .map(t -> WorkerTokenResponse.of(t, null))
                .toList();
    }

    /** Body {@code {"name", "days"?}} (default 90): the bearer token is in this answer only. */
    @Post("/worker-tokens")
    @Status(HttpStatus.CREATED)
    WorkerTokenResponse mintWorkerToken(
            @Body @Schema(implementation = Bodies.MintToken.class) byte[] body,
            @Bound Principal principal) {
        AdminRequests.MintToken r = Fields.read(body, AdminRequests.MintToken::from);
        Workers.Minted minted = tokenAdmin.mint(admin(principal), r.name(), r.validity());
        return WorkerTokenResponse.of(minted.token(), minted.bearer());
    }

    @Delete("/worker-tokens/{id}")
    @Status(HttpStatus.NO_CONTENT)
    void revokeWorkerToken(@PathVariable String id, @Bound Principal principal) {
        Admin admin = admin(principal); // who before what: a member hears 403 first
        UUID parsed;
        try {
            parsed = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new Invalid("id", "is not a worker token id");
        }
        tokenAdmin.revoke(admin, new WorkerTokenId(parsed));
    }

    /**
     * Newest first; {@code profile}, {@code user} (actor or target) and {@code since} filter; pages
     * by cursor.
     */
    @Get("/audit{?profile,user,since,limit,cursor}")
    HttpResponse<List<AuditResponse>> audit(
            @Nullable @QueryValue String profile,
            @Nullable @QueryValue String user,
            @Nullable @QueryValue String since,
            @Nullable @QueryValue Integer limit,
            @Nullable @QueryValue String cursor,
            @Bound Principal principal) {
        int pageSize = limit == null ? 100 : limit;
        Position after = Cursor.decode(cursor);
        Instant from = Fields.instant("since", since);
        List<AuditEntry> entries =
                auditTrail.entries(admin(principal), profile, user, from, after, pageSize);
        MutableHttpResponse<List<AuditResponse>> response =
                HttpResponse.ok(entries.stream().map(AuditResponse::of).toList());
        if (entries.size() == pageSize) {
            AuditEntry last = entries.get(entries.size() - 1);
            return response.header(Cursor.NEXT, Cursor.encode(new Position(last.at(), last.id())));
        }
        return response;
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record UserResponse(
            String id,
            String email,
            String name,
            String role,
            String lastLoginAt,
            List<String> profiles) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    record ProfileResponse(String name, String sourceFolder, String strategyName, int members) {
        static ProfileResponse of(Profile p, int members) {
            return new ProfileResponse(
                    p.name().value(), p.sourceFolder(), p.strategyName(), members);
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record GrantResponse(String email, String profile) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    record SessionsEndedResponse(String email, int sessionsEnded) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    record MemberResponse(String email, String name, String grantedAt) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    record WorkerTokenResponse(
            String id,
            String name,
            String createdAt,
            String expiresAt,
            String revokedAt,
            String token) {
        static WorkerTokenResponse of(WorkerToken t, String bearer) {
            return new WorkerTokenResponse(
                    t.id().toString(),
                    t.name(),
                    t.createdAt().toString(),
                    t.expiresAt().toString(),
                    t.revokedAt() == null ? null : t.revokedAt().toString(),
                    bearer);
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record AuditResponse(
            String id,
            String at,
            String actor,
            String action,
            String target,
            String profile,
            String detail) {
        static AuditResponse of(AuditEntry e) {
            return new AuditResponse(
                    e.id().toString(),
                    e.at().toString(),
                    e.actor(),
                    e.action(),
                    e.target(),
                    e.profile(),
                    e.detail());
        }
    }
}
