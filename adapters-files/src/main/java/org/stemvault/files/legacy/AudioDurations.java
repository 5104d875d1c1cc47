package org.stemvault.files.legacy;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gagravarr.opus.OpusFile;
import org.gagravarr.opus.OpusStatistics;
import org.jaudiotagger.audio.AudioFileIO;

/**
 * The duration of an audio file, read by maintained metadata libraries: vorbis-java for Ogg Opus
 * (which jaudiotagger does not read), jaudiotagger for WAV, FLAC, MP3, M4A and Ogg Vorbis.
 */
final class AudioDurations {

    static {
        Logger.getLogger("org.jaudiotagger").setLevel(Level.OFF);
    }

    private AudioDurations() {}

    /** Seconds, above zero; throws with a reason when the file cannot be read as audio. */
    static double seconds(Path path) throws Exception {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        double seconds;
        if (name.endsWith(".opus")) {
            try (OpusFile opus = new OpusFile(path.toFile())) {
                OpusStatistics statistics = new OpusStatistics(opus);
                statistics.calculate();
                seconds = statistics.getDurationSeconds();
            }
        } else {
            File file = path.toFile();
            seconds = AudioFileIO.read(file).getAudioHeader().getPreciseTrackLength();
        }
        if (!(seconds > 0) || !Double.isFinite(seconds)) {
            throw new IllegalArgumentException("no positive duration in its headers");
        }
        return seconds;
    }
}
