package org.stemvault.application.drive;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.stemvault.application.Principal;
import org.stemvault.application.Secrets;
import org.stemvault.application.signin.PendingLogins;
import org.stemvault.domain.Conflict;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.drive.DriveChannel;
import org.stemvault.domain.drive.DriveFolder;
import org.stemvault.domain.drive.DriveFolders;
import org.stemvault.domain.drive.DriveGrant;
import org.stemvault.domain.drive.DriveGrants;
import org.stemvault.domain.user.UserId;

/**
 * A member's Drive consent, asked only when they connect Drive (sign-in never asks for it):
 * Google's incremental authorization for {@code drive.readonly} with offline access, with state,
 * nonce and PKCE (RFC 7636, S256) as at sign-in and the state kept in the database for ten minutes,
 * bound to the member who began it. The refresh token is sealed ({@link TokenCipher}) before it is
 * stored and is never logged or answered. A token Google stops honouring is noticed on its next use
 * and the grant marked revoked, so its folders show as disconnected instead of being retried.
 */
public final class DriveAccounts {

    /** Where a consent's state is kept, and for how long. */
    static final String STATE_PREFIX = "drive:";

    static final Duration STATE_LIFETIME = Duration.ofMinutes(10);

    private final DriveApi api;
    private final DriveGrants grants;
    private final DriveFolders folders;
    private final PendingLogins pending;
    private final TokenCipher cipher;
    private final Clock clock;

    public DriveAccounts(
            DriveApi api,
            DriveGrants grants,
            DriveFolders folders,
            PendingLogins pending,
            TokenCipher cipher,
            Clock clock) {
        this.api = api;
        this.grants = grants;
        this.folders = folders;
        this.pending = pending;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Where to send the member to grant Drive access; {@code redirectUri} is the callback. */
    public URI begin(Principal principal, String redirectUri) {
        String state = Secrets.random();
        String nonce = Secrets.random();
        String verifier = Secrets.random();
        pending.remember(
                STATE_PREFIX + state,
                principal.id().value() + " " + nonce + " " + verifier,
                clock.instant().plus(STATE_LIFETIME));
        return api.authorization(
                state, nonce, challenge(verifier), redirectUri, principal.email().value());
    }

    /**
     * Finishes a consent: the state must be one this member began (taken once, before it expires),
     * the nonce the one sent, the Google account the member's own; the refresh token is sealed and
     * kept, replacing an earlier grant.
     */
    public void finish(Principal principal, String state, String code, String redirectUri) {
        if (state == null || state.isBlank() || state.length() > 200) {
            throw new Invalid("state", "is missing");
        }
        if (code == null || code.isBlank() || code.length() > 2000) {
            throw new Invalid("code", "is missing");
        }
        String[] kept =
                pending.take(STATE_PREFIX + state, clock.instant())
                        .map(v -> v.split(" "))
                        .orElseThrow(
                                () ->
                                        new Invalid(
                                                "state",
                                                "is unknown, used or expired: start again"));
        if (kept.length != 3 || !kept[0].equals(principal.id().value().toString())) {
            throw new Invalid("state", "was begun by another member");
        }
        DriveApi.Granted granted = api.exchange(code, kept[2], redirectUri);
        if (!kept[1].equals(granted.nonce())) {
            throw new Invalid("state", "the provider's answer does not match this consent");
        }
        if (granted.email() == null
                || !granted.email()
                        .toLowerCase(Locale.ROOT)
                        .equals(principal.email().value().toLowerCase(Locale.ROOT))) {
            throw new Conflict(
                    "Drive was granted by another Google account than the one you signed in with");
        }
        if (granted.refreshToken() == null || granted.refreshToken().isBlank()) {
            throw new Conflict(
                    "Google granted no offline access: remove the app's access in your Google"
                            + " account and connect Drive again");
        }
        TokenCipher.Sealed sealed = cipher.seal(granted.refreshToken(), owner(principal.id()));
        grants.save(
                new DriveGrant(
                        principal.id(), sealed.keyId(), sealed.value(), clock.instant(), null));
    }

    /** The member's grant, if any. */
    public Optional<DriveGrant> grant(UserId user) {
        return grants.of(user);
    }

    /** The folders connected with the member's grant. */
    public List<DriveFolder> foldersOf(UserId user) {
        return folders.connectedBy(user);
    }

    /**
     * Disconnects the member's Drive: the folders connected with it are disconnected and their
     * channels stopped (here, while the token still works), the token is revoked at Google and the
     * grant deleted. Answers whether Google confirmed the revocation; the grant is deleted either
     * way.
     */
    public boolean disconnect(Principal principal) {
        Optional<DriveGrant> grant = grants.of(principal.id());
        if (grant.isEmpty()) {
            throw new NotFound("Google Drive is not connected");
        }
        for (DriveFolder folder : folders.connectedBy(principal.id())) {
            folders.disconnect(folder.profile());
        }
        boolean revoked = false;
        if (grant.get().live()) {
            String token = open(grant.get());
            for (DriveChannel channel : folders.toStop(clock.instant())) {
                if (channel.owner().equals(principal.id())) {
                    try {
                        api.stop(token, channel.id(), channel.resourceId());
                        folders.removeChannel(channel.id());
                    } catch (RuntimeException e) {
                        // it expires by itself; the scheduled task forgets it then
                    }
                }
            }
            try {
                api.revoke(token);
                revoked = true;
            } catch (RuntimeException e) {
                revoked = e instanceof DriveApi.GrantRevoked;
            }
        }
        grants.delete(principal.id());
        return revoked;
    }

    /**
     * The refresh token of a live grant, to call Drive with; a grant sealed under an older key is
     * sealed again under the current one. {@link Conflict} when there is none or Google revoked it.
     */
    public String token(UserId user) {
        DriveGrant grant =
                grants.of(user)
                        .filter(DriveGrant::live)
                        .orElseThrow(
                                () ->
                                        new Conflict(
                                                "Google Drive is not connected (or its access was"
                                                        + " revoked): connect Drive at"
                                                        + " /auth/drive/connect"));
        String token = open(grant);
        if (!grant.keyId().equals(cipher.currentKey())) {
            TokenCipher.Sealed sealed = cipher.seal(token, owner(user));
            grants.save(
                    new DriveGrant(user, sealed.keyId(), sealed.value(), grant.grantedAt(), null));
        }
        return token;
    }

    /**
     * Runs a Drive call with the member's token; a token Google no longer honours marks the grant
     * revoked and is refused with {@link Conflict}.
     */
    public <T> T withToken(UserId user, Function<String, T> call) {
        String token = token(user);
        try {
            return call.apply(token);
        } catch (DriveApi.GrantRevoked e) {
            grants.markRevoked(user, clock.instant());
            throw new Conflict(
                    "Google no longer honours this Drive connection (revoked or expired): the"
                            + " member who connected it must connect Drive again");
        }
    }

    private String open(DriveGrant grant) {
        return cipher.open(
                new TokenCipher.Sealed(grant.keyId(), grant.sealedToken()), owner(grant.user()));
    }

    private static String owner(UserId user) {
        return user.value().toString();
    }

    /** RFC 7636, 4.2: BASE64URL(SHA-256(ASCII(code_verifier))). */
    static String challenge(String verifier) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Secrets.digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }
}
