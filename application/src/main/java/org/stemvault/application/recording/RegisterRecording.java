package org.stemvault.application.recording;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.stemvault.application.media.StemFiles;
import org.stemvault.application.search.TextIndex;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.audio.AudioFileId;
import org.stemvault.domain.clip.Clip;
import org.stemvault.domain.clip.Clips;
import org.stemvault.domain.profile.ProfileId;
import org.stemvault.domain.recording.MediaFileName;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.RecordingStatus;
import org.stemvault.domain.recording.Recordings;
import org.stemvault.domain.recording.Stem;

/**
 * The one way a recording with its stems enters the library, whoever brings it: a job's completion
 * (pull or push worker), the worker-ingest route and the legacy import. One set of rules:
 *
 * <ul>
 *   <li><b>stored media</b> — every file a stem names is where the recording's media lives, checked
 *       by {@link #requireFiles} before the transaction ({@link StemFiles});
 *   <li><b>stems</b> — at least one;
 *   <li><b>names</b> — an absent display name or description keeps the stored one; a new recording
 *       without one shows its output name;
 *   <li><b>status</b> — a registered recording is complete (a placeholder an upload left
 *       "processing", or one an earlier attempt left in error, becomes playable);
 *   <li><b>sections</b> — the sections a worker found become clips "Section 1" to "Section N" of a
 *       recording that has no clips yet, bounded by its duration;
 *   <li><b>text index</b> — the recording's text is indexed again when it changed.
 * </ul>
 *
 * {@link #register} runs inside the caller's transaction, so a registration is written whole with
 * the change that caused it (the job's completion, the source link) or not at all.
 */
public final class RegisterRecording {

    /** A section of the take a worker found, in seconds: it becomes a clip of the recording. */
    public record Section(double start, double end) {}

    /**
     * What is registered. {@code displayName} and {@code description} may be null (kept as stored),
     * {@code source} may be null (unknown), {@code createdAt} null means now.
     */
    public record Take(
            ProfileId profile,
            OutputName outputName,
            String displayName,
            String description,
            AudioFileId source,
            List<Stem> stems,
            List<Section> sections,
            Instant createdAt) {

        public Take {
            stems = List.copyOf(stems);
            sections = List.copyOf(sections);
        }

        /** A take of these stems with nothing else said: names kept, no source, no sections. */
        public static Take of(ProfileId profile, OutputName outputName, List<Stem> stems) {
            return new Take(profile, outputName, null, null, null, stems, List.of(), null);
        }

        public Take named(String newDisplayName, String newDescription) {
            return new Take(
                    profile,
                    outputName,
                    newDisplayName,
                    newDescription,
                    source,
                    stems,
                    sections,
                    createdAt);
        }

        public Take from(AudioFileId newSource) {
            return new Take(
                    profile,
                    outputName,
                    displayName,
                    description,
                    newSource,
                    stems,
                    sections,
                    createdAt);
        }

        public Take withSections(List<Section> newSections) {
            return new Take(
                    profile,
                    outputName,
                    displayName,
                    description,
                    source,
                    stems,
                    newSections,
                    createdAt);
        }

        public Take createdAt(Instant at) {
            return new Take(
                    profile, outputName, displayName, description, source, stems, sections, at);
        }
    }

    /** The recording as saved, and the one it replaced, if any. */
    public record Registered(Recording recording, Optional<Recording> before) {

        public boolean created() {
            return before.isEmpty();
        }
    }

    private final Recordings recordings;
    private final Clips clips;
    private final TextIndex textIndex;
    private final Clock clock;

    public RegisterRecording(Recordings recordings, Clips clips, TextIndex textIndex, Clock clock) {
        this.recordings = recordings;
        this.clips = clips;
        this.textIndex = textIndex;
        this.clock = clock;
    }

    /**
     * The stored-media rule, before the transaction: every file the stems name is one {@code
     * present} holds ({@code where} says where it was looked for); at least one stem.
     */
    public static void requireFiles(
            List<Stem> stems, Predicate<MediaFileName> present, String where) {
        requireStems(stems);
        StemFiles.require(stems, present, where);
    }

    /** Creates the recording, or replaces it and all its stems; in the caller's transaction. */
    public Registered register(Take take) {
        requireStems(take.stems());
        Optional<Recording> before = recordings.byOutputName(take.profile(), take.outputName());
        Instant at = take.createdAt() != null ? take.createdAt() : clock.instant();
        Recording saved =
                recordings.save(
                        Recording.create(
                                take.profile(),
                                take.outputName(),
                                take.displayName() != null
                                        ? take.displayName()
                                        : before.map(Recording::displayName).orElse(null),
                                take.description() != null
                                        ? take.description()
                                        : before.map(Recording::description).orElse(null),
                                take.source(),
                                take.stems(),
                                at));
        if (saved.details().status() != RecordingStatus.COMPLETE) {
            recordings.setStatus(saved.id(), RecordingStatus.COMPLETE);
            saved = saved.withDetails(saved.details().withStatus(RecordingStatus.COMPLETE));
        }
        clipsFrom(saved, take.sections());
        textIndex.saved(before.orElse(null), saved);
        return new Registered(saved, before);
    }

    private static void requireStems(List<Stem> stems) {
        if (stems.isEmpty()) {
            throw new Invalid("stems", "must name at least one stem");
        }
    }

    /** The worker's sections as the clips of a recording that has none yet. */
    private void clipsFrom(Recording saved, List<Section> sections) {
        if (sections.isEmpty() || !clips.ofRecording(saved.id()).isEmpty()) {
            return;
        }
        double duration = saved.durationSeconds();
        List<Clip> made = new ArrayList<>();
        for (Section section : sections) {
            double start = Math.max(0, section.start());
            double end = Math.min(duration, section.end());
            if (end > start) {
                made.add(
                        Clip.create(
                                saved.profile(),
                                saved.id(),
                                null,
                                start,
                                end,
                                "Section " + (made.size() + 1),
                                clock.instant()));
            }
        }
        clips.create(made);
    }
}
