package org.stemvault.application.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.media.MediaKey;
import org.stemvault.domain.media.MediaStore;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.MediaFileName;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Stem;

/**
 * One rule for registering stems, on every path that registers them (a job's completion, the
 * worker-ingest route, the legacy import): every file a stem names, its audio and its waveform, is
 * where the recording's media lives, so a recording is never saved with stems that would not play.
 * A refusal names the first missing file's field, {@code stems[i].audio_url} or {@code
 * stems[i].waveform_url}.
 */
public final class StemFiles {

    private StemFiles() {}

    /**
     * What the media store holds for one recording, listed once (before a transaction, so that the
     * transaction holds no connection while the store answers): a file is there when {@code test}
     * says so.
     */
    public static Predicate<MediaFileName> inStore(
            MediaStore media, ProfileName profile, OutputName recording) {
        Set<MediaKey> stored;
        try {
            stored =
                    media.list(profile.value() + "/" + recording.value()).stream()
                            .map(MediaStore.Listed::key)
                            .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file -> stored.contains(MediaKey.output(profile, recording, file));
    }

    /** The media store's wording of a missing file. */
    public static final String IN_THE_STORE = "in the media store: put it first";

    /**
     * Refuses ({@link Invalid}) the first stem file {@code present} does not hold; {@code where}
     * says where it was looked for ("in the media store: put it first").
     */
    public static void require(List<Stem> stems, Predicate<MediaFileName> present, String where) {
        for (int i = 0; i < stems.size(); i++) {
            Stem stem = stems.get(i);
            require(present, "stems[" + i + "].audio_url", stem.audio(), where);
            require(present, "stems[" + i + "].waveform_url", stem.waveform(), where);
        }
    }

    private static void require(
            Predicate<MediaFileName> present, String field, MediaFileName file, String where) {
        if (!present.test(file)) {
            throw new Invalid(field, "names " + file.value() + ", which is not " + where);
        }
    }
}
