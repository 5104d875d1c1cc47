package org.stemvault.application.job;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.stemvault.application.Names;
import org.stemvault.application.Principal;
import org.stemvault.application.Transactions;
import org.stemvault.domain.Conflict;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.Refusal;
import org.stemvault.domain.TooLarge;
import org.stemvault.domain.Unsupported;
import org.stemvault.domain.audio.AudioFile;
import org.stemvault.domain.audio.AudioFileId;
import org.stemvault.domain.audio.AudioFiles;
import org.stemvault.domain.audio.Sha256;
import org.stemvault.domain.job.Job;
import org.stemvault.domain.job.Jobs;
import org.stemvault.domain.library.Catalogue;
import org.stemvault.domain.media.MediaDeletions;
import org.stemvault.domain.media.MediaKey;
import org.stemvault.domain.media.MediaStore;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.RecordingStatus;
import org.stemvault.domain.recording.Recordings;

/**
 * A member uploads a take: its bytes go to the media store as they arrive, hashed on the way (never
 * held whole in memory), then one transaction registers the source, queues its job and lists its
 * recording, {@code processing} and without stems until the job ends. The same take uploaded again
 * to the profile answers the job and recording it has already.
 */
public final class Uploads {

    /** What a refusal of the uploaded file names: the file (the web edge names its part). */
    public static final String FILE = "file";

    /** How much may be uploaded at once, and how often a job is tried before it ends in error. */
    public record Settings(long maxBytes, int maxAttempts) {
        public Settings {
            if (maxBytes < 1 || maxAttempts < 1) {
                throw new IllegalArgumentException(
                        "an upload limit and at least one attempt are needed");
            }
        }
    }

    private final Catalogue catalogue;
    private final MediaDeletions deletions;
    private final AudioFiles audioFiles;
    private final Recordings recordings;
    private final Jobs jobs;
    private final MediaStore media;
    private final Transactions transactions;
    private final Clock clock;
    private final Settings settings;

    public Uploads(
            Catalogue catalogue,
            AudioFiles audioFiles,
            Recordings recordings,
            Jobs jobs,
            MediaStore media,
            Transactions transactions,
            Clock clock,
            Settings settings,
            MediaDeletions deletions) {
        this.catalogue = catalogue;
        this.deletions = deletions;
        this.audioFiles = audioFiles;
        this.recordings = recordings;
        this.jobs = jobs;
        this.media = media;
        this.transactions = transactions;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * An upload's job and the recording it makes (listed at once, {@code processing}); not {@code
     * fresh} when the take was uploaded to the profile before and both are the earlier ones.
     */
    public record Uploaded(Job job, Recording recording, boolean fresh) {}

    /**
     * Stores the take and queues its separation; answers the job and its recording (the existing
     * ones for a take uploaded before). {@link TooLarge} past the limit, {@link Unsupported} for
     * anything but audio; a read of {@code content} failing with an {@link Invalid} or {@link
     * TooLarge} as its cause is refused with that.
     */
    public Uploaded upload(
            Principal principal, String profileName, String filename, InputStream content) {
        Profile profile =
                catalogue
                        .profile(principal.viewer(), Names.profile(profileName))
                        .orElseThrow(Names::noProfile);
        return upload(profile, filename, content);
    }

    /**
     * As {@link #upload(Principal, String, String, InputStream)}, into a profile the caller was
     * allowed into (a Drive import). A read of {@code content} failing with a {@link Refusal} as
     * its cause is refused with that.
     */
    public Uploaded upload(Profile profile, String filename, InputStream content) {
        String name = baseName(filename);
        AudioType type = type(name);
        MediaKey partial =
                MediaKey.source(profile.name(), MediaKey.PARTIAL_UPLOAD + UUID.randomUUID());
        Stored stored;
        try {
            stored = store(partial, type, content);
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
        OutputName outputName = outputName(name, stored.sha256());
        MediaKey key = MediaKey.source(profile.name(), outputName.value() + extension(name));
        // The take is moved into place inside the transaction that registers it, and only when
        // the job is to read it from there: a refusal (another profile has it) or any failure
        // leaves neither the partial nor a new file behind.
        boolean[] placed = {false};
        try {
            Uploaded uploaded =
                    transactions.inTransaction(
                            () -> {
                                Uploaded registered =
                                        register(profile, name, key, outputName, stored);
                                if (registered.job().inputKey().equals(key.value())) {
                                    placed[0] = media.find(key).isEmpty();
                                    move(partial, key);
                                }
                                return registered;
                            });
            if (!uploaded.job().inputKey().equals(key.value())) {
                // the take was uploaded before under another name: its first copy is the one kept
                deleteQuietly(partial);
            }
            return uploaded;
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            if (placed[0]) {
                deleteQuietly(key);
            }
            throw e;
        }
    }

    private void move(MediaKey from, MediaKey to) {
        try {
            media.move(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Uploaded register(
            Profile profile, String name, MediaKey key, OutputName outputName, Stored stored) {
        Job job = queue(profile, name, key, outputName, stored);
        Optional<Recording> listed = recordings.byOutputName(profile.id(), job.outputName());
        if (listed.isPresent()) {
            return new Uploaded(job, listed.get(), false);
        }
        // A source removed with its recording may wait in the pending deletions: it is back.
        deletions.withdraw(job.inputKey());
        Recording made =
                recordings.save(
                        Recording.create(
                                profile.id(),
                                job.outputName(),
                                null,
                                null,
                                job.audioFile(),
                                List.of(),
                                clock.instant()));
        recordings.setStatus(made.id(), RecordingStatus.PROCESSING);
        return new Uploaded(
                job, made.withDetails(made.details().withStatus(RecordingStatus.PROCESSING)), true);
    }

    private Job queue(
            Profile profile, String name, MediaKey key, OutputName outputName, Stored stored) {
        AudioFile source =
                audioFiles.registerIfAbsent(
                        new AudioFile(
                                AudioFileId.random(),
                                profile.id(),
                                stored.sha256(),
                                name,
                                key.value(),
                                stored.size(),
                                null,
                                clock.instant()));
        if (!source.profile().equals(profile.id())) {
            throw new Conflict("this take was uploaded to another profile already");
        }
        Optional<Job> existing = jobs.ofAudioFile(source.id());
        if (existing.isPresent()) {
            Job job = existing.get();
            boolean gone =
                    job.status().finished()
                            && recordings.byOutputName(profile.id(), job.outputName()).isEmpty();
            if (gone && jobs.retry(job.id(), clock.instant())) {
                return jobs.byId(job.id()).orElseThrow();
            }
            return job;
        }
        Job job =
                Job.queue(
                        profile.id(),
                        profile.name(),
                        source.id(),
                        outputName,
                        name,
                        key.value(),
                        settings.maxAttempts(),
                        clock.instant());
        jobs.create(job);
        return job;
    }

    private record Stored(Sha256 sha256, long size) {}

    /** Writes the content checked, limited and hashed as it passes. */
    private Stored store(MediaKey key, AudioType type, InputStream content) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try {
            BufferedInputStream in = new BufferedInputStream(content, 64 * 1024);
            in.mark(AudioType.SNIFF_BYTES);
            byte[] head = in.readNBytes(AudioType.SNIFF_BYTES);
            in.reset();
            if (!type.matches(head, head.length)) {
                throw new Unsupported(
                        "the content is not " + type.label() + " audio, as its name says");
            }
            long size =
                    media.write(
                            key,
                            new DigestInputStream(new Limited(in, settings.maxBytes()), sha256));
            if (size == 0) {
                throw new Invalid(FILE, "is empty");
            }
            return new Stored(new Sha256(HexFormat.of().formatHex(sha256.digest())), size);
        } catch (IOException e) {
            // the content's own refusals (past the limit; cut short, as the web adapter sees it)
            if (e.getCause() instanceof Refusal refusal) {
                throw refusal;
            }
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Refuses to read past its limit: the writer sees an IOException that carries {@link TooLarge}.
     */
    private static final class Limited extends FilterInputStream {
        private final long limit;
        private long count;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) throws IOException {
            count += n;
            if (count > limit) {
                throw new IOException(new TooLarge("an upload may be at most " + limit + " bytes"));
            }
        }
    }

    /** Whether a file of this name is of a type of audio an upload may be (by its extension). */
    public static boolean takes(String filename) {
        if (filename == null) {
            return false;
        }
        String extension = extension(filename);
        return !extension.isEmpty() && AudioType.ofExtension(extension.substring(1)).isPresent();
    }

    /** The refusal of an upload that came without a file name. */
    public static Invalid noFileName() {
        return new Invalid(FILE, "needs a file name");
    }

    private static String baseName(String filename) {
        if (filename == null || filename.isBlank()) {
            throw noFileName();
        }
        String name =
                filename.substring(
                                Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1)
                        .strip();
        if (name.isEmpty()
                || name.length() > 255
                || name.chars().anyMatch(Character::isISOControl)
                || name.equals(".")
                || name.equals("..")) {
            throw new Invalid(FILE, "needs a file name of 1 to 255 printable characters");
        }
        return name;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
    }

    private static AudioType type(String name) {
        String extension = extension(name);
        return AudioType.ofExtension(extension.isEmpty() ? "" : extension.substring(1))
                .orElseThrow(
                        () ->
                                new Unsupported(
                                        "'"
                                                + (extension.isEmpty() ? name : extension)
                                                + "' is not a type of audio this service takes ("
                                                + AudioType.accepted()
                                                + ")"));
    }

    /**
     * The recording's name: the file's base name made safe (letters, digits, '-' and '_'; accents
     * dropped) and the first 8 hex digits of the take's SHA-256: {@code tuesday-jam_1a2b3c4d}.
     */
    static OutputName outputName(String name, Sha256 sha256) {
        int dot = name.lastIndexOf('.');
        String base =
                Normalizer.normalize(dot <= 0 ? name : name.substring(0, dot), Normalizer.Form.NFKD)
                        .replaceAll("\\p{M}", "")
                        .replaceAll("[^A-Za-z0-9_-]+", "-")
                        .replaceAll("^-+|-+$", "");
        if (base.length() > 150) {
            base = base.substring(0, 150);
        }
        return new OutputName(
                (base.isEmpty() ? "take" : base) + "_" + sha256.value().substring(0, 8));
    }

    private void deleteQuietly(MediaKey key) {
        try {
            media.delete(key);
        } catch (IOException | RuntimeException e) {
            // a partial upload left behind is harmless: nothing refers to it
        }
    }
}
