package org.stemvault.google;

import com.google.api.client.auth.oauth2.AuthorizationCodeRequestUrl;
import com.google.api.client.auth.oauth2.AuthorizationCodeTokenRequest;
import com.google.api.client.auth.oauth2.ClientParametersAuthentication;
import com.google.api.client.auth.oauth2.RefreshTokenRequest;
import com.google.api.client.auth.oauth2.TokenResponse;
import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.auth.openidconnect.IdToken;
import com.google.api.client.auth.openidconnect.IdTokenResponse;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpBackOffIOExceptionHandler;
import com.google.api.client.http.HttpBackOffUnsuccessfulResponseHandler;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.HttpResponseException;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.UrlEncodedContent;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.GenericJson;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.util.DateTime;
import com.google.api.client.util.ExponentialBackOff;
import com.google.api.services.drive.Drive;
import com.google.api.services.drive.model.ChangeList;
import com.google.api.services.drive.model.Channel;
import com.google.api.services.drive.model.File;
import com.google.api.services.drive.model.FileList;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stemvault.application.drive.DriveApi;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.Unavailable;

/**
 * Google Drive v3 and Google's OAuth 2.0 endpoints through Google's client libraries: the generated
 * Drive client, google-oauth-client for the code exchange, refreshes and the ID token,
 * google-http-client's exponential back-off for Drive's rate limits (403 {@code rateLimitExceeded}
 * and {@code userRateLimitExceeded}, 429) and its 5xx answers, as Drive's documentation asks
 * ("Resolve errors": truncated exponential back-off). The endpoints come from the provider's OpenID
 * discovery document (the development identity provider serves the same ones); Drive's root is
 * configurable so the tests point it at their stand-in. Access tokens are kept in memory for their
 * lifetime, keyed by a hash of the refresh token; nothing else is kept.
 */
public final class GoogleDrive implements DriveApi {

    /** Where Google is, and how patiently it is asked. */
    public record Settings(
            String issuer,
            String clientId,
            String clientSecret,
            String driveRoot,
            Duration firstBackoff,
            Duration mostBackoff,
            Duration timeout) {}

    private static final String FILE_FIELDS = "id,name,mimeType,modifiedTime,size,parents,trashed";
    private static final String GOOGLE_REVOCATION = "https://oauth2.googleapis.com/revoke";
    private static final int MOST_CACHED = 1_000;

    private final Settings settings;
    private final Clock clock;
    private final HttpTransport transport = new NetHttpTransport();
    private final JsonFactory json = GsonFactory.getDefaultInstance();
    private final Map<String, Access> accessTokens =
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Access> eldest) {
                    return size() > MOST_CACHED;
                }
            };
    private volatile GenericJson discovery;

    private record Access(String token, Instant until) {}

    public GoogleDrive(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ consent

    @Override
    public URI authorization(
            String state,
            String nonce,
            String codeChallenge,
            String redirectUri,
            String loginHint) {
        AuthorizationCodeRequestUrl url =
                new AuthorizationCodeRequestUrl(
                                endpoint("authorization_endpoint"), settings.clientId())
                        .setRedirectUri(redirectUri)
                        .setScopes(List.of("openid", "email", SCOPE))
                        .setState(state);
        url.setCodeChallenge(codeChallenge);
        url.setCodeChallengeMethod("S256");
        url.set("nonce", nonce)
                .set("access_type", "offline")
                .set("include_granted_scopes", "true")
                .set("prompt", "consent")
                .set("login_hint", loginHint);
        return URI.create(url.build());
    }

    @Override
    public Granted exchange(String code, String codeVerifier, String redirectUri) {
        AuthorizationCodeTokenRequest request =
                new AuthorizationCodeTokenRequest(
                                transport, json, new GenericUrl(endpoint("token_endpoint")), code)
                        .setRedirectUri(redirectUri)
                        .setClientAuthentication(client())
                        .setRequestInitializer(this::patient);
        request.set("code_verifier", codeVerifier);
        try {
            IdTokenResponse response = IdTokenResponse.execute(request);
            if (response.getIdToken() == null) {
                throw new Invalid("code", "Google's answer carried no ID token");
            }
            IdToken id = response.parseIdToken();
            long now = clock.millis();
            if (!id.verifyIssuer(settings.issuer())
                    || !id.verifyAudience(List.of(settings.clientId()))
                    || !id.verifyTime(now, 300)) {
                throw new Invalid("code", "Google's ID token is not for this service or expired");
            }
            Object email = id.getPayload().get("email");
            return new Granted(
                    response.getRefreshToken(),
                    id.getPayload().getSubject(),
                    email == null ? null : email.toString(),
                    id.getPayload().getNonce());
        } catch (TokenResponseException e) {
            throw new Invalid("code", "was refused by Google (" + error(e) + ")");
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    public void revoke(String refreshToken) {
        String endpoint =
                discovery().containsKey("revocation_endpoint")
                        ? endpoint("revocation_endpoint")
                        : GOOGLE_REVOCATION;
        try {
            HttpRequest request =
                    transport
                            .createRequestFactory(this::patient)
                            .buildPostRequest(
                                    new GenericUrl(endpoint),
                                    new UrlEncodedContent(
                                            Map.of(
                                                    "token",
                                                    refreshToken,
                                                    "token_type_hint",
                                                    "refresh_token",
                                                    "client_id",
                                                    settings.clientId(),
                                                    "client_secret",
                                                    settings.clientSecret())));
            request.setThrowExceptionOnExecuteError(false);
            HttpResponse response = request.execute();
            int status = response.getStatusCode();
            response.disconnect();
            synchronized (accessTokens) {
                accessTokens.remove(key(refreshToken));
            }
            if (status == 400) {
                throw new GrantRevoked("Google no longer knows this token");
            }
            if (status / 100 != 2) {
                throw new Unavailable("Google's revocation endpoint answered " + status, null);
            }
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    // ------------------------------------------------------------------ Drive

    @Override
    public Listing list(String refreshToken, String folderId, String pageToken) {
        FileList page =
                pageToken == null
                        ? listPage(refreshToken, folderId, null)
                        : asField("page_token", () -> listPage(refreshToken, folderId, pageToken));
        List<File> files = page.getFiles() == null ? List.of() : page.getFiles();
        return new Listing(files.stream().map(GoogleDrive::file).toList(), page.getNextPageToken());
    }

    /** Drive's refusal of a value the caller gave, named as the caller's field. */
    private static <T> T asField(String field, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (Invalid e) {
            throw new Invalid(field, "was refused by Google Drive");
        }
    }

    private FileList listPage(String refreshToken, String folderId, String pageToken) {
        return call(
                refreshToken,
                drive ->
                        drive.files()
                                .list()
                                .setQ("'" + folderId + "' in parents and trashed = false")
                                .setFields("nextPageToken,files(" + FILE_FIELDS + ")")
                                .setOrderBy("folder,name")
                                .setPageSize(100)
                                .setPageToken(pageToken)
                                .setSupportsAllDrives(true)
                                .setIncludeItemsFromAllDrives(true)
                                .execute());
    }

    @Override
    public DriveFile file(String refreshToken, String fileId) {
        return file(
                call(
                        refreshToken,
                        drive ->
                                drive.files()
                                        .get(fileId)
                                        .setFields(FILE_FIELDS)
                                        .setSupportsAllDrives(true)
                                        .execute()));
    }

    @Override
    public InputStream download(String refreshToken, String fileId, long offset) {
        return call(
                refreshToken,
                drive -> {
                    Drive.Files.Get get = drive.files().get(fileId).setSupportsAllDrives(true);
                    if (offset > 0) {
                        get.getRequestHeaders().setRange("bytes=" + offset + "-");
                    }
                    return get.executeMediaAsInputStream();
                });
    }

    @Override
    public String startPageToken(String refreshToken) {
        return call(
                refreshToken,
                drive ->
                        drive.changes()
                                .getStartPageToken()
                                .setSupportsAllDrives(true)
                                .execute()
                                .getStartPageToken());
    }

    @Override
    public Changes changes(String refreshToken, String pageToken) {
        ChangeList page =
                call(
                        refreshToken,
                        drive ->
                                drive.changes()
                                        .list(pageToken)
                                        .setFields(
                                                "nextPageToken,newStartPageToken,"
                                                        + "changes(fileId,removed,file("
                                                        + FILE_FIELDS
                                                        + "))")
                                        .setPageSize(100)
                                        .setSupportsAllDrives(true)
                                        .setIncludeItemsFromAllDrives(true)
                                        .execute());
        List<com.google.api.services.drive.model.Change> changes =
                page.getChanges() == null ? List.of() : page.getChanges();
        return new Changes(
                changes.stream()
                        .map(
                                c ->
                                        new DriveApi.Change(
                                                c.getFileId(),
                                                Boolean.TRUE.equals(c.getRemoved()),
                                                c.getFile() == null ? null : file(c.getFile())))
                        .toList(),
                page.getNextPageToken(),
                page.getNewStartPageToken());
    }

    @Override
    public Watch watch(
            String refreshToken,
            String pageToken,
            String channelId,
            String channelToken,
            String address,
            Instant expiration) {
        Channel channel =
                call(
                        refreshToken,
                        drive ->
                                drive.changes()
                                        .watch(
                                                pageToken,
                                                new Channel()
                                                        .setId(channelId)
                                                        .setType("web_hook")
                                                        .setAddress(address)
                                                        .setToken(channelToken)
                                                        .setExpiration(expiration.toEpochMilli()))
                                        .setSupportsAllDrives(true)
                                        .setIncludeItemsFromAllDrives(true)
                                        .execute());
        return new Watch(
                channel.getResourceId(),
                channel.getExpiration() == null
                        ? null
                        : Instant.ofEpochMilli(channel.getExpiration()));
    }

    @Override
    public void stop(String refreshToken, String channelId, String resourceId) {
        try {
            call(
                    refreshToken,
                    drive ->
                            drive.channels()
                                    .stop(new Channel().setId(channelId).setResourceId(resourceId))
                                    .execute());
        } catch (NotFound e) {
            // Drive no longer knows it: stopped already
        }
    }

    // ------------------------------------------------------------------ plumbing

    @FunctionalInterface
    private interface DriveCall<T> {
        T run(Drive drive) throws IOException;
    }

    /**
     * Runs a Drive call with an access token for the refresh token; an access token Drive refuses
     * (401) is refreshed once.
     */
    private <T> T call(String refreshToken, DriveCall<T> work) {
        for (int attempt = 0; ; attempt++) {
            String token = accessToken(refreshToken, attempt > 0);
            Drive drive =
                    new Drive.Builder(
                                    transport,
                                    json,
                                    request -> {
                                        patient(request);
                                        request.getHeaders().setAuthorization("Bearer " + token);
                                    })
                            .setRootUrl(settings.driveRoot())
                            .setApplicationName("Stemvault")
                            .build();
            try {
                return work.run(drive);
            } catch (HttpResponseException e) {
                if (e.getStatusCode() == 401 && attempt == 0) {
                    continue;
                }
                if (e.getStatusCode() == 404) {
                    throw new NotFound("no such file or folder in Google Drive");
                }
                if (e.getStatusCode() == 400) {
                    throw new Invalid("drive", "Google Drive refused the request as invalid");
                }
                throw new Unavailable(
                        "Google Drive answered "
                                + e.getStatusCode()
                                + (e instanceof GoogleJsonResponseException g
                                                && g.getDetails() != null
                                        ? " (" + g.getDetails().getMessage() + ")"
                                        : ""),
                        null);
            } catch (IOException e) {
                throw unavailable(e);
            }
        }
    }

    /** A cached access token, or a new one from the refresh token. */
    private String accessToken(String refreshToken, boolean fresh) {
        String key = key(refreshToken);
        Instant now = clock.instant();
        synchronized (accessTokens) {
            Access cached = accessTokens.get(key);
            if (!fresh && cached != null && cached.until().isAfter(now)) {
                return cached.token();
            }
        }
        try {
            TokenResponse response =
                    new RefreshTokenRequest(
                                    transport,
                                    json,
                                    new GenericUrl(endpoint("token_endpoint")),
                                    refreshToken)
                            .setClientAuthentication(client())
                            .setRequestInitializer(this::patient)
                            .execute();
            long seconds =
                    response.getExpiresInSeconds() == null ? 300 : response.getExpiresInSeconds();
            Access access =
                    new Access(
                            response.getAccessToken(), now.plusSeconds(Math.max(0, seconds - 60)));
            synchronized (accessTokens) {
                accessTokens.put(key, access);
            }
            return access.token();
        } catch (TokenResponseException e) {
            if ("invalid_grant".equals(error(e))) {
                throw new GrantRevoked("Google refused the refresh token: " + error(e));
            }
            throw new Unavailable("Google's token endpoint refused a refresh: " + error(e), null);
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    /**
     * Every request: a time limit, and truncated exponential back-off for rate limits, server
     * errors and broken connections.
     */
    private void patient(HttpRequest request) {
        int timeout = (int) settings.timeout().toMillis();
        request.setConnectTimeout(timeout);
        request.setReadTimeout(timeout);
        request.setUnsuccessfulResponseHandler(
                new HttpBackOffUnsuccessfulResponseHandler(backOff())
                        .setBackOffRequired(GoogleDrive::retried));
        request.setIOExceptionHandler(new HttpBackOffIOExceptionHandler(backOff()));
    }

    private ExponentialBackOff backOff() {
        return new ExponentialBackOff.Builder()
                .setInitialIntervalMillis((int) settings.firstBackoff().toMillis())
                .setMaxIntervalMillis((int) settings.mostBackoff().toMillis())
                .setMaxElapsedTimeMillis((int) settings.mostBackoff().multipliedBy(4).toMillis())
                .build();
    }

    /** 429, 5xx, and 403 for a rate limit (the reason is in the body, read only then). */
    private static boolean retried(HttpResponse response) {
        int status = response.getStatusCode();
        if (status == 429 || status / 100 == 5) {
            return true;
        }
        if (status != 403) {
            return false;
        }
        try {
            String body = response.parseAsString();
            return body.contains("rateLimitExceeded") || body.contains("userRateLimitExceeded");
        } catch (IOException e) {
            return false;
        }
    }

    private ClientParametersAuthentication client() {
        return new ClientParametersAuthentication(settings.clientId(), settings.clientSecret());
    }

    private String endpoint(String name) {
        Object value = discovery().get(name);
        if (value == null) {
            throw new Unavailable("the identity provider names no " + name, null);
        }
        return value.toString();
    }

    private GenericJson discovery() {
        GenericJson document = discovery;
        if (document == null) {
            try {
                HttpRequest request =
                        transport
                                .createRequestFactory(this::patient)
                                .buildGetRequest(
                                        new GenericUrl(
                                                settings.issuer().replaceAll("/$", "")
                                                        + "/.well-known/openid-configuration"));
                request.setParser(json.createJsonObjectParser());
                document = request.execute().parseAs(GenericJson.class);
                discovery = document;
            } catch (IOException e) {
                throw unavailable(e);
            }
        }
        return document;
    }

    private static DriveFile file(File f) {
        DateTime modified = f.getModifiedTime();
        return new DriveFile(
                f.getId(),
                f.getName(),
                f.getMimeType(),
                modified == null ? Instant.EPOCH : Instant.ofEpochMilli(modified.getValue()),
                f.getSize(),
                f.getParents(),
                Boolean.TRUE.equals(f.getTrashed()));
    }

    private static String error(TokenResponseException e) {
        return e.getDetails() == null ? "HTTP " + e.getStatusCode() : e.getDetails().getError();
    }

    private static Unavailable unavailable(IOException e) {
        return new Unavailable("Google cannot be reached now: " + e.getClass().getSimpleName(), e);
    }

    private static String key(String refreshToken) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(refreshToken.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
