package org.stemvault.application.drive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stemvault.application.Names;
import org.stemvault.application.Principal;
import org.stemvault.application.job.Uploads;
import org.stemvault.domain.Conflict;
import org.stemvault.domain.Forbidden;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.Refusal;
import org.stemvault.domain.TooLarge;
import org.stemvault.domain.Unsupported;
import org.stemvault.domain.drive.DriveFolder;
import org.stemvault.domain.drive.DriveFolders;
import org.stemvault.domain.drive.DriveImport;
import org.stemvault.domain.drive.DriveImports;
import org.stemvault.domain.library.Catalogue;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.ProfileId;
import org.stemvault.domain.recording.OutputName;

/**
 * A profile's Drive folder, by the one membership rule (a profile the caller may not see answers as
 * a missing one): connect it, browse it and the folders below it (never above), and import a file,
 * streamed from Drive into the media store and queued exactly as an upload. Any member of the
 * profile may connect a folder when none is connected, with their own grant (the band member whose
 * Drive holds the recorder's folder is rarely an admin); replacing or disconnecting a folder
 * another member connected takes an admin, so no member can take over the band's import. Every read
 * of Drive uses the grant of the member who connected the folder.
 */
public final class DriveLibrary {

    /** The request's field names, as the client sends them. */
    public static final String FOLDER_FIELD = "google_drive_folder_id";

    public static final String FILE_FIELD = "file_id";

    /** How many parents are followed to decide whether a folder lies below the connected one. */
    static final int MOST_DEPTH = 32;

    /** An import claimed this long ago and never finished (its instance stopped) is taken over. */
    static final Duration STALE_CLAIM = Duration.ofMinutes(30);

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,200}");
    private static final Pattern URL_ID =
            Pattern.compile(
                    "^https://drive\\.google\\.com/(?:drive/(?:u/\\d+/)?folders/|open\\?id=)([A-Za-z0-9_-]{1,200})(?:[/?#].*)?$");

    private final Catalogue catalogue;
    private final DriveFolders folders;
    private final DriveImports imports;
    private final DriveAccounts accounts;
    private final DriveApi api;
    private final Uploads uploads;
    private final Clock clock;
    private final long maxBytes;

    public DriveLibrary(
            Catalogue catalogue,
            DriveFolders folders,
            DriveImports imports,
            DriveAccounts accounts,
            DriveApi api,
            Uploads uploads,
            Clock clock,
            long maxBytes) {
        this.catalogue = catalogue;
        this.folders = folders;
        this.imports = imports;
        this.accounts = accounts;
        this.api = api;
        this.uploads = uploads;
        this.clock = clock;
        this.maxBytes = maxBytes;
    }

    /** A connected folder as answered: its id and when it was connected. */
    public record Connected(String folderId, Instant connectedAt) {}

    /** One entry of a folder listing, with what the service made of it. */
    public record Entry(DriveApi.DriveFile file, OutputName recording) {}

    public record Contents(List<Entry> entries, String nextPageToken) {}

    /** An import: the recording it made (or the earlier one of the same take) and whether new. */
    public record Imported(Uploads.Uploaded uploaded, boolean fresh) {}

    /**
     * Connects a folder (its id, or its {@code drive.google.com} address) to the profile with the
     * caller's Drive grant; the folder must be one the caller's Drive can read.
     */
    public Connected connect(Principal principal, String profileName, String folderInput) {
        Profile profile = visible(principal, profileName);
        String folderId = folderId(folderInput);
        Optional<DriveFolder> current = folders.of(profile.id());
        if (current.isPresent()
                && !current.get().connectedBy().equals(principal.id())
                && !principal.admin()) {
            throw new Forbidden(
                    "another member connected this profile's Drive folder: only an admin may"
                            + " replace it");
        }
        DriveApi.DriveFile folder;
        try {
            folder = accounts.withToken(principal.id(), token -> api.file(token, folderId));
        } catch (NotFound e) {
            throw new Invalid(FOLDER_FIELD, "is no folder your Google Drive can read");
        }
        if (!folder.folder() || folder.trashed()) {
            throw new Invalid(FOLDER_FIELD, "is not a folder (or it is in the trash)");
        }
        Instant now = clock.instant();
        folders.connect(new DriveFolder(profile.id(), folderId, principal.id(), now, null));
        return new Connected(folderId, now);
    }

    /** The connected folders of these profiles (those the caller was shown). */
    public Map<ProfileId, DriveFolders.Connection> connections(List<Profile> shown) {
        return folders.connections(shown.stream().map(Profile::id).toList());
    }

    /** Disconnects the profile's folder: its connector or an admin. */
    public void disconnect(Principal principal, String profileName) {
        Profile profile = visible(principal, profileName);
        DriveFolder folder = connected(profile);
        if (!folder.connectedBy().equals(principal.id()) && !principal.admin()) {
            throw new Forbidden(
                    "another member connected this profile's Drive folder: only they or an admin"
                            + " may disconnect it");
        }
        folders.disconnect(profile.id());
    }

    /**
     * One page of the connected folder, or of a folder below it: subfolders and audio files, each
     * file marked with the recording it was imported as.
     */
    public Contents contents(
            Principal principal, String profileName, String folderId, String pageToken) {
        Profile profile = visible(principal, profileName);
        DriveFolder root = connected(profile);
        if (pageToken != null && !pageToken.matches("[\\x21-\\x7e]{1,1000}")) {
            throw new Invalid("page_token", "is not a page token Drive gave");
        }
        String target = folderId == null || folderId.isEmpty() ? root.folderId() : folderId;
        if (!ID.matcher(target).matches()) {
            throw new Invalid("folder_id", "is not a Drive folder id");
        }
        return accounts.withToken(
                root.connectedBy(),
                token -> {
                    if (!target.equals(root.folderId())) {
                        DriveApi.DriveFile folder = below(token, root, target);
                        if (!folder.folder()) {
                            throw new Invalid("folder_id", "is not a folder");
                        }
                    }
                    DriveApi.Listing listing = api.list(token, target, pageToken);
                    List<DriveApi.DriveFile> shown =
                            listing.files().stream()
                                    .filter(f -> !f.trashed())
                                    .filter(f -> f.folder() || audio(f))
                                    .toList();
                    Map<String, OutputName> made =
                            imports.recordings(
                                    profile.id(),
                                    shown.stream().map(DriveApi.DriveFile::id).toList());
                    List<Entry> entries = new ArrayList<>();
                    for (DriveApi.DriveFile f : shown) {
                        entries.add(new Entry(f, made.get(f.id())));
                    }
                    return new Contents(entries, listing.nextPageToken());
                });
    }

    /**
     * Imports a file of the connected folder (or a folder below it) the caller names: Drive's own
     * description of it is what counts (name, size, modified time). Refused as a duplicate when
     * this file, at this modified time, was imported into the profile before or is being imported.
     */
    public Imported importFile(Principal principal, String profileName, String fileId) {
        Profile profile = visible(principal, profileName);
        DriveFolder root = connected(profile);
        if (fileId == null || !ID.matcher(fileId).matches()) {
            throw new Invalid(FILE_FIELD, "is not a Drive file id");
        }
        return accounts.withToken(
                root.connectedBy(),
                token -> {
                    DriveApi.DriveFile file = below(token, root, fileId);
                    if (file.folder()) {
                        throw new Invalid(FILE_FIELD, "is a folder");
                    }
                    return bring(token, profile, file).orElseThrow(() -> duplicate(profile, file));
                });
    }

    /**
     * Imports a file the caller found in the folder (a change Drive reported), once: empty when it
     * was imported or is being imported already. Not audio: refused with {@link Unsupported}.
     */
    Optional<Imported> bring(String token, Profile profile, DriveApi.DriveFile file) {
        if (file.trashed()) {
            throw new NotFound("the file is in Drive's trash");
        }
        if (!audio(file)) {
            throw new Unsupported(
                    "'" + file.name() + "' is not a type of audio this service takes");
        }
        if (file.size() != null && file.size() > maxBytes) {
            throw new TooLarge("an upload may be at most " + maxBytes + " bytes");
        }
        DriveImport claim =
                new DriveImport(profile.id(), file.id(), file.modifiedTime(), name(file));
        if (!imports.claim(claim, clock.instant(), STALE_CLAIM)) {
            return Optional.empty();
        }
        try {
            Uploads.Uploaded uploaded;
            try (InputStream content =
                    new Checked(api.download(token, file.id(), 0), token, file)) {
                uploaded = uploads.upload(profile, claim.name(), content);
            } catch (IOException e) {
                throw new Conflict("Drive stopped sending the file: " + e.getMessage());
            }
            imports.finish(
                    claim,
                    uploaded.fresh() ? DriveImport.Outcome.IMPORTED : DriveImport.Outcome.DUPLICATE,
                    uploaded.recording().id(),
                    null);
            return Optional.of(new Imported(uploaded, uploaded.fresh()));
        } catch (RuntimeException e) {
            imports.finish(claim, DriveImport.Outcome.FAILED, null, e.getMessage());
            throw e;
        }
    }

    private Conflict duplicate(Profile profile, DriveApi.DriveFile file) {
        return imports.imported(profile.id(), file.id(), file.modifiedTime())
                .map(
                        i ->
                                new Conflict(
                                        "this Drive file was imported already, as '"
                                                + i.outputName().value()
                                                + "'"))
                .orElseGet(() -> new Conflict("this Drive file is being imported now"));
    }

    /**
     * The file or folder, when it is the connected folder or lies below it; {@link NotFound}
     * otherwise (a folder elsewhere in the connector's Drive answers as a missing one).
     */
    DriveApi.DriveFile below(String token, DriveFolder root, String id) {
        DriveApi.DriveFile file = api.file(token, id);
        if (id.equals(root.folderId())) {
            return file;
        }
        Set<String> seen = new HashSet<>();
        List<String> parents = file.parents();
        for (int depth = 0; depth < MOST_DEPTH && !parents.isEmpty(); depth++) {
            if (parents.contains(root.folderId())) {
                return file;
            }
            String parent = parents.get(0);
            if (!seen.add(parent)) {
                break;
            }
            try {
                parents = api.file(token, parent).parents();
            } catch (NotFound e) {
                break; // a parent the connector cannot see: above the connected folder
            }
        }
        throw new NotFound("no such file or folder in the profile's Drive folder");
    }

    private Profile visible(Principal principal, String profileName) {
        return catalogue
                .profile(principal.viewer(), Names.profile(profileName))
                .orElseThrow(Names::noProfile);
    }

    private DriveFolder connected(Profile profile) {
        return folders.of(profile.id())
                .orElseThrow(
                        () -> new NotFound("no Google Drive folder is connected to this profile"));
    }

    static boolean audio(DriveApi.DriveFile file) {
        return Uploads.takes(file.name());
    }

    private static String name(DriveApi.DriveFile file) {
        String name = file.name().strip();
        return name.length() > 255 ? name.substring(0, 255) : name;
    }

    /** The folder id in a raw id or a Drive folder address. */
    static String folderId(String input) {
        if (input == null || input.isBlank()) {
            throw new Invalid(FOLDER_FIELD, "is missing");
        }
        String value = input.strip();
        if (ID.matcher(value).matches()) {
            return value;
        }
        Matcher m = URL_ID.matcher(value);
        if (m.matches()) {
            return m.group(1);
        }
        throw new Invalid(
                FOLDER_FIELD,
                "is neither a Drive folder id nor a https://drive.google.com/drive/folders/… address");
    }

    /** An ISO-8601 instant the client sent, or {@link Invalid} naming its field. */
    public static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new Invalid(field, "is not an ISO-8601 time");
        }
    }

    /**
     * The download, checked when it ends: as many bytes as Drive said, and the file unchanged since
     * (its modified time): a file deleted or changed mid-import fails that import, and the upload
     * it fed is removed with it.
     */
    private final class Checked extends FilterInputStream {
        private final String token;
        private final DriveApi.DriveFile file;
        private long count;

        Checked(InputStream in, String token, DriveApi.DriveFile file) {
            super(in);
            this.token = token;
            this.file = file;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n;
            try {
                n = super.read(buffer, offset, length);
            } catch (IOException e) {
                IOException failed = new IOException(changed());
                failed.addSuppressed(e);
                throw failed;
            }
            if (n > 0) {
                count += n;
            } else if (n < 0) {
                ended();
            }
            return n;
        }

        private void ended() throws IOException {
            if (file.size() != null && count != file.size()) {
                throw new IOException(changed());
            }
            DriveApi.DriveFile now;
            try {
                now = api.file(token, file.id());
            } catch (Refusal e) {
                throw new IOException(changed());
            }
            if (now.trashed() || !now.modifiedTime().equals(file.modifiedTime())) {
                throw new IOException(changed());
            }
        }

        private Conflict changed() {
            return new Conflict(
                    "'" + file.name() + "' was changed or deleted in Drive while it was imported");
        }
    }
}
