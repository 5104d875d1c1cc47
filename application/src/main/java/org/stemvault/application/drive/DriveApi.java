package org.stemvault.application.drive;

import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Google's side of Drive: the consent (OAuth 2.0 authorization code with PKCE, incremental, for
 * {@code drive.readonly} with offline access), and the few Drive v3 calls the service makes, each
 * with a member's refresh token (the adapter turns it into short-lived access tokens). Drive's rate
 * limits and server errors are retried with back-off by the adapter; what remains reaches the
 * caller as {@link org.stemvault.domain.Unavailable}, a missing file as {@link
 * org.stemvault.domain.NotFound}, a refresh token Google no longer honours as {@link GrantRevoked}.
 */
public interface DriveApi {

    /** The scope asked for: read-only access to the member's files. */
    String SCOPE = "https://www.googleapis.com/auth/drive.readonly";

    /** The folder type's MIME type. */
    String FOLDER = "application/vnd.google-apps.folder";

    /** Where to send the member's browser to grant access. */
    URI authorization(
            String state, String nonce, String codeChallenge, String redirectUri, String loginHint);

    /**
     * Exchanges the code of a finished consent: the refresh token, and who granted it (the ID
     * token's subject, e-mail and nonce, from the token endpoint over TLS: OpenID Connect Core 1.0,
     * 3.1.3.7, item 6).
     */
    Granted exchange(String code, String codeVerifier, String redirectUri);

    /** Revokes the refresh token at Google (RFC 7009); a token already revoked is no failure. */
    void revoke(String refreshToken);

    /** One page of a folder's children (not trashed): folders first, then by name. */
    Listing list(String refreshToken, String folderId, String pageToken);

    DriveFile file(String refreshToken, String fileId);

    /** The file's bytes from {@code offset} on. */
    InputStream download(String refreshToken, String fileId, long offset);

    String startPageToken(String refreshToken);

    /** One page of the changes since {@code pageToken}. */
    Changes changes(String refreshToken, String pageToken);

    /** Watches the changes after {@code pageToken}: Drive will post to {@code address}. */
    Watch watch(
            String refreshToken,
            String pageToken,
            String channelId,
            String channelToken,
            String address,
            Instant expiration);

    /** Stops a channel; one Drive no longer knows is no failure. */
    void stop(String refreshToken, String channelId, String resourceId);

    /** The outcome of a consent. */
    record Granted(String refreshToken, String subject, String email, String nonce) {}

    /** A file or folder as Drive describes it ({@code size} null for folders). */
    record DriveFile(
            String id,
            String name,
            String mimeType,
            Instant modifiedTime,
            Long size,
            List<String> parents,
            boolean trashed) {

        public DriveFile {
            parents = parents == null ? List.of() : List.copyOf(parents);
        }

        public boolean folder() {
            return FOLDER.equals(mimeType);
        }
    }

    record Listing(List<DriveFile> files, String nextPageToken) {}

    /** A changed file ({@code file} null when it was removed). */
    record Change(String fileId, boolean removed, DriveFile file) {}

    /** One page: either {@code nextPageToken} (more to read) or {@code newStartPageToken}. */
    record Changes(List<Change> changes, String nextPageToken, String newStartPageToken) {}

    record Watch(String resourceId, Instant expiration) {}

    /** Google no longer honours the member's refresh token (revoked, or expired). */
    final class GrantRevoked extends RuntimeException {
        public GrantRevoked(String message) {
            super(message, null, false, false);
        }
    }
}
