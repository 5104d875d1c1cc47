package org.stemvault.application.mix;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.stemvault.application.Names;
import org.stemvault.application.Principal;
import org.stemvault.application.Transactions;
import org.stemvault.domain.Conflict;
import org.stemvault.domain.Forbidden;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.clip.Clip;
import org.stemvault.domain.clip.ClipId;
import org.stemvault.domain.clip.Clips;
import org.stemvault.domain.job.Job;
import org.stemvault.domain.job.JobStatus;
import org.stemvault.domain.job.Jobs;
import org.stemvault.domain.library.Catalogue;
import org.stemvault.domain.media.MediaKey;
import org.stemvault.domain.media.MediaStore;
import org.stemvault.domain.media.StoredMedia;
import org.stemvault.domain.mix.Mix;
import org.stemvault.domain.mix.MixFormat;
import org.stemvault.domain.mix.MixId;
import org.stemvault.domain.mix.MixSpec;
import org.stemvault.domain.mix.Mixes;
import org.stemvault.domain.mix.SavedLevels;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.RecordingId;
import org.stemvault.domain.recording.RecordingStatus;
import org.stemvault.domain.recording.Stem;

/**
 * A member's take-away mixes: ask for one (answered at once, rendered by a {@code render} job, or
 * at once when the same mix was made before), read it, fetch its file, delete it (its maker or an
 * admin). Every step goes through the one membership rule: a mix of a profile the member cannot see
 * is answered exactly as a missing one.
 */
public final class MixRequests {

    /** A stem's level as asked: a gain in dB, or muted; absent parts keep the default. */
    public record Level(Double gainDb, Boolean muted) {}

    /**
     * What a member asks for; every part optional but the format (default {@code mp3}). {@code
     * stems} maps stem names to levels (stems not named keep their default: the member's saved
     * level, else the stored gain); the section is a clip's id, or {@code start}/{@code end} in
     * seconds; {@code tempo} 0.5–1.5 (pitch kept), {@code semitones} −12…12 (tempo kept), {@code
     * loudness} a target in LUFS.
     */
    public record Request(
            Map<String, Level> stems,
            String clipId,
            Double start,
            Double end,
            Double tempo,
            Integer semitones,
            String format,
            Double loudness) {}

    /** A mix and whether this request queued its rendering (false: made or queued before). */
    public record Asked(Mix mix, boolean queued) {}

    /** How stale a mix's last fetch may be before a fetch is written down again. */
    static final Duration FETCH_NOTED_EVERY = Duration.ofHours(1);

    private final Catalogue catalogue;
    private final Clips clips;
    private final SavedLevels saved;
    private final Mixes mixes;
    private final Jobs jobs;
    private final MediaStore media;
    private final Transactions transactions;
    private final Clock clock;
    private final int maxAttempts;

    public MixRequests(
            Catalogue catalogue,
            Clips clips,
            SavedLevels saved,
            Mixes mixes,
            Jobs jobs,
            MediaStore media,
            Transactions transactions,
            Clock clock,
            int maxAttempts) {
        this.catalogue = catalogue;
        this.clips = clips;
        this.saved = saved;
        this.mixes = mixes;
        this.jobs = jobs;
        this.media = media;
        this.transactions = transactions;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
    }

    /**
     * The mix of this recording with these parameters: the one made or queued before when there is
     * one (a finished job that failed or was cancelled is queued again), else a new mix queued for
     * rendering in the same transaction as its job.
     */
    public Asked request(Principal principal, String recordingId, Request request) {
        return ask(principal, recordingId, request, false);
    }

    /**
     * A bundle of this recording's stems with these parameters: each heard stem rendered to a file
     * of its own (gain, section, tempo and transposition applied) in one zip, by the same job kind
     * and rules as a mix.
     */
    public Asked bundle(Principal principal, String recordingId, Request request) {
        return ask(principal, recordingId, request, true);
    }

    private Asked ask(Principal principal, String recordingId, Request request, boolean bundle) {
        Catalogue.Located located =
                catalogue
                        .recording(principal.viewer(), recording(recordingId))
                        .orElseThrow(
                                () -> Names.missing(catalogue, principal.viewer(), noRecording()));
        Recording r = located.recording();
        if (r.details().status() != RecordingStatus.COMPLETE || r.stems().isEmpty()) {
            throw new Conflict("the recording has no stems yet");
        }
        MixSpec spec = spec(principal, r, request, bundle);
        String key = contentKey(r.id(), spec);
        return transactions.inTransaction(
                () -> {
                    var known = mixes.byContentKey(key);
                    if (known.isPresent()) {
                        Mix mix = known.get();
                        if (mix.status() == JobStatus.ERROR
                                || mix.status() == JobStatus.CANCELLED) {
                            jobs.retry(mix.job(), clock.instant());
                            return new Asked(mixes.byId(mix.id()).orElseThrow(), true);
                        }
                        return new Asked(mix, false);
                    }
                    Instant now = clock.instant();
                    MixId id = MixId.random();
                    String fileName = fileName(r, spec);
                    MediaKey at =
                            new MediaKey(
                                    located.profile().value()
                                            + "/"
                                            + r.outputName().value()
                                            + "/mixes/"
                                            + id
                                            + (spec.bundle() ? "/stems." : "/mix.")
                                            + spec.extension());
                    Job job =
                            Job.render(
                                    r.profile(),
                                    located.profile(),
                                    id,
                                    r.outputName(),
                                    fileName,
                                    maxAttempts,
                                    now);
                    Mix mix =
                            new Mix(
                                    id,
                                    r.profile(),
                                    r.id(),
                                    principal.id(),
                                    key,
                                    spec,
                                    fileName,
                                    at,
                                    job.id(),
                                    JobStatus.QUEUED,
                                    Mix.Rendered.NONE,
                                    now,
                                    now);
                    mixes.create(mix);
                    jobs.create(job);
                    return new Asked(mix, true);
                });
    }

    /**
     * Deletes every mix nobody fetched for {@code unfetched} (a mix being rendered stays), its file
     * through the pending deletions; how many.
     */
    public int expire(Duration unfetched) {
        Instant now = clock.instant();
        return mixes.expire(now.minus(unfetched), now);
    }

    /** The mix, when the member may see its recording's profile. */
    public Mix get(Principal principal, String mixId) {
        return mixes.visible(principal.viewer(), mixId(mixId))
                .orElseThrow(() -> Names.missing(catalogue, principal.viewer(), noMix()));
    }

    /** The mix's rendered file; a mix still rendering (or failed) has none to serve. */
    public Fetched file(Principal principal, String mixId) {
        Mix mix = get(principal, mixId);
        if (!mix.ready()) {
            throw new Conflict("the mix is not rendered yet (" + mix.status().code() + ")");
        }
        StoredMedia file =
                media.find(mix.mediaKey())
                        .orElseThrow(() -> new NotFound("the mix's file is missing"));
        Instant now = clock.instant();
        // The TTL counts in days: note a fetch at most hourly, not on every range a player asks
        // for.
        if (mix.fetchedAt().isBefore(now.minus(FETCH_NOTED_EVERY))) {
            mixes.fetched(mix.id(), now);
        }
        return new Fetched(mix, file);
    }

    /** A mix with its file. */
    public record Fetched(Mix mix, StoredMedia file) {}

    /** Deletes a mix (and its file, through the pending deletions): its maker or an admin. */
    public void delete(Principal principal, String mixId) {
        Mix mix = get(principal, mixId);
        if (!principal.admin() && !principal.id().equals(mix.madeBy())) {
            throw new Forbidden("only the member who asked for a mix, or an admin, may delete it");
        }
        mixes.delete(mix.id(), clock.instant());
    }

    private MixSpec spec(Principal principal, Recording r, Request request, boolean bundle) {
        Double start = request.start();
        Double end = request.end();
        if (request.clipId() != null) {
            if (start != null || end != null) {
                throw new Invalid("clip_id", "give a clip or start and end, not both");
            }
            Clip clip =
                    clips.visible(principal.viewer(), clipId(request.clipId()))
                            .filter(c -> c.recording().equals(r.id()))
                            .orElseThrow(
                                    () ->
                                            new Invalid(
                                                    "clip_id", "is not a clip of this recording"));
            start = clip.start();
            end = clip.end();
        }
        if (start != null && end != null && end > r.durationSeconds() + 0.001) {
            throw new Invalid(
                    "end", "must be within the recording (" + r.durationSeconds() + " s)");
        }
        Map<String, Level> asked = request.stems() == null ? Map.of() : request.stems();
        for (String name : asked.keySet()) {
            if (r.stems().stream().noneMatch(s -> s.type().value().equals(name))) {
                throw new Invalid("stems." + name, "is not a stem of this recording");
            }
        }
        Map<String, SavedLevels.Level> mine = saved.of(principal.id(), r.id());
        boolean anySoloed = mine.values().stream().anyMatch(SavedLevels.Level::soloed);
        List<MixSpec.Part> parts = new ArrayList<>();
        for (Stem stem : r.stems()) {
            String name = stem.type().value();
            Level level = asked.get(name);
            SavedLevels.Level kept = mine.get(name);
            boolean muted;
            double gainDb;
            if (level != null && (level.muted() != null || level.gainDb() != null)) {
                muted = Boolean.TRUE.equals(level.muted());
                gainDb =
                        level.gainDb() != null
                                ? MixSpec.gain(name, level.gainDb())
                                : defaultGain(stem, kept);
            } else {
                muted =
                        kept != null && (kept.muted() || (anySoloed && !kept.soloed()))
                                || (kept == null && anySoloed);
                gainDb = defaultGain(stem, kept);
            }
            if (!muted) {
                parts.add(
                        new MixSpec.Part(name, stem.audio().value(), stem.fileSizeBytes(), gainDb));
            }
        }
        MixFormat format =
                MixFormat.fromCode(
                        request.format() == null
                                ? "mp3"
                                : request.format().toLowerCase(Locale.ROOT));
        return new MixSpec(
                parts,
                start,
                end,
                request.tempo() == null ? 1.0 : request.tempo(),
                request.semitones() == null ? 0 : request.semitones(),
                format,
                request.loudness(),
                bundle);
    }

    /** The member's saved gain (linear, as the player keeps it) in dB, else the stored gain. */
    private static double defaultGain(Stem stem, SavedLevels.Level kept) {
        if (kept != null && kept.gain() != null && kept.gain() > 0) {
            return Math.max(
                    MixSpec.LOWEST_GAIN_DB,
                    Math.min(MixSpec.HIGHEST_GAIN_DB, 20 * Math.log10(kept.gain())));
        }
        if (kept != null && kept.gain() != null) {
            return MixSpec.LOWEST_GAIN_DB;
        }
        return Math.max(
                MixSpec.LOWEST_GAIN_DB, Math.min(MixSpec.HIGHEST_GAIN_DB, stem.gainAdjustmentDb()));
    }

    /** SHA-256 over the recording and the spec's canonical form. */
    static String contentKey(RecordingId recording, MixSpec spec) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of()
                    .formatHex(
                            sha.digest(
                                    ("recording " + recording.value() + "\n" + spec.canonical())
                                            .getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A readable file name: the recording's name, the section, the tempo and the key change, the
     * extension (e.g. {@code Take 3 - 1m05s-1m40s - 80% - +2st.mp3}).
     */
    static String fileName(Recording r, MixSpec spec) {
        StringBuilder name = new StringBuilder(safe(r.displayName()));
        if (spec.start() != null) {
            name.append(" - ").append(clock(spec.start())).append('-').append(clock(spec.end()));
        }
        if (spec.tempo() != 1.0) {
            name.append(" - ").append(Math.round(spec.tempo() * 100)).append('%');
        }
        if (spec.semitones() != 0) {
            name.append(" - ")
                    .append(spec.semitones() > 0 ? "+" : "")
                    .append(spec.semitones())
                    .append("st");
        }
        if (spec.bundle()) {
            name.append(" - stems");
        }
        String base = name.length() > 200 ? name.substring(0, 200) : name.toString();
        return base + "." + spec.extension();
    }

    private static String safe(String text) {
        String cleaned = text.replaceAll("[\\p{Cntrl}/\\\\\"]", " ").trim();
        return cleaned.isEmpty() ? "mix" : cleaned;
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
    }

    private static RecordingId recording(String id) {
        try {
            return new RecordingId(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            throw noRecording();
        }
    }

    private static MixId mixId(String id) {
        try {
            return new MixId(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            throw noMix();
        }
    }

    private static ClipId clipId(String id) {
        try {
            return new ClipId(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            throw new Invalid("clip_id", "is not a clip id");
        }
    }

    private static NotFound noRecording() {
        return Names.noRecording();
    }

    static NotFound noMix() {
        return new NotFound("no such mix");
    }
}
