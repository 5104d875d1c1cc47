package org.stemvault.application.mix;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.stemvault.application.Principal;
import org.stemvault.application.Secrets;
import org.stemvault.domain.Conflict;
import org.stemvault.domain.Forbidden;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.media.MediaStore;
import org.stemvault.domain.media.StoredMedia;
import org.stemvault.domain.mix.Mix;
import org.stemvault.domain.mix.MixShare;
import org.stemvault.domain.mix.MixShares;
import org.stemvault.domain.mix.Mixes;

/**
 * Sharing one mix outside the band, when the deployment allows it: a link with an unguessable token
 * (256 random bits; only its SHA-256 is kept) that opens that one file without signing in until it
 * expires or is revoked, counted at each fetch. Its maker or an admin makes, lists and revokes
 * links; with sharing off every step answers as a missing route.
 */
public final class MixSharing {

    /** The longest a link may live, and the default. */
    public static final int MOST_DAYS = 30;

    public static final int DEFAULT_DAYS = 7;

    /** A new link: the share as kept and its token, shown this once. */
    public record Made(MixShare share, String token) {}

    private final MixRequests requests;
    private final Mixes mixes;
    private final MixShares shares;
    private final MediaStore media;
    private final Clock clock;
    private final boolean enabled;

    public MixSharing(
            MixRequests requests,
            Mixes mixes,
            MixShares shares,
            MediaStore media,
            Clock clock,
            boolean enabled) {
        this.requests = requests;
        this.mixes = mixes;
        this.shares = shares;
        this.media = media;
        this.clock = clock;
        this.enabled = enabled;
    }

    /** A link to a rendered mix, for {@code days} (default 7, at most 30). */
    public Made share(Principal principal, String mixId, Integer days) {
        Mix mix = owned(principal, mixId);
        int valid = days == null ? DEFAULT_DAYS : days;
        if (valid < 1 || valid > MOST_DAYS) {
            throw new Invalid("days", "must be from 1 to " + MOST_DAYS);
        }
        if (!mix.ready()) {
            throw new Conflict("the mix is not rendered yet (" + mix.status().code() + ")");
        }
        String token = Secrets.random();
        Instant now = clock.instant();
        MixShare share =
                new MixShare(
                        UUID.randomUUID(),
                        mix.id(),
                        Secrets.sha256(token),
                        principal.id(),
                        now,
                        now.plus(Duration.ofDays(valid)),
                        null,
                        0);
        shares.create(share);
        return new Made(share, token);
    }

    /** The links to a mix, with their counts. */
    public List<MixShare> list(Principal principal, String mixId) {
        return shares.of(owned(principal, mixId).id());
    }

    /** Revokes a link: it opens nothing from now on. */
    public void revoke(Principal principal, String mixId, String shareId) {
        Mix mix = owned(principal, mixId);
        UUID id;
        try {
            id = UUID.fromString(shareId);
        } catch (IllegalArgumentException e) {
            throw noLink();
        }
        if (!shares.revoke(mix.id(), id, clock.instant())) {
            throw noLink();
        }
    }

    /** What a link opens, counted: the mix and its file; a dead or unknown link is missing. */
    public MixRequests.Fetched open(String token) {
        on();
        if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
            throw noLink();
        }
        Mix mix =
                shares.open(Secrets.sha256(token), clock.instant())
                        .flatMap(mixes::byId)
                        .filter(Mix::ready)
                        .orElseThrow(MixSharing::noLink);
        StoredMedia file = media.find(mix.mediaKey()).orElseThrow(MixSharing::noLink);
        return new MixRequests.Fetched(mix, file);
    }

    private Mix owned(Principal principal, String mixId) {
        on();
        Mix mix = requests.get(principal, mixId);
        if (!principal.admin() && !principal.id().equals(mix.madeBy())) {
            throw new Forbidden("only the member who asked for a mix, or an admin, may share it");
        }
        return mix;
    }

    private void on() {
        if (!enabled) {
            throw new NotFound("sharing links are off in this deployment");
        }
    }

    private static NotFound noLink() {
        return new NotFound("no such link");
    }
}
