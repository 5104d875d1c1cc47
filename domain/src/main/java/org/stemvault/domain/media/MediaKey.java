package org.stemvault.domain.media;

import org.stemvault.domain.Checks;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.MediaFileName;
import org.stemvault.domain.recording.OutputName;

/**
 * Where a file is in the media store, relative to its root, in the legacy layout: a recording's
 * files at {@code <profile>/<output_name>/<file>}, uploaded sources at {@code
 * inputs/<profile>/<file>}. Never absolute, never a {@code .} or {@code ..} segment, never a
 * backslash or a control character.
 */
public record MediaKey(String value) {

    /** The folder uploaded sources are kept under. */
    public static final String INPUTS = "inputs";

    /** How the file name of an upload still being stored begins, under its profile's inputs. */
    public static final String PARTIAL_UPLOAD = ".upload-";

    public MediaKey {
        Checks.text("key", value, 2000);
        if (value.startsWith("/") || value.indexOf('\\') >= 0) {
            throw new Invalid("key", "must be a relative path with '/' separators");
        }
        for (String segment : value.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new Invalid("key", "must not contain empty, '.' or '..' segments");
            }
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new Invalid("key", "must not contain control characters");
        }
    }

    /** An uploaded source of a profile; {@code file} is one segment. */
    public static MediaKey source(ProfileName profile, String file) {
        if (file.indexOf('/') >= 0) {
            throw new Invalid("filename", "must not contain a path separator");
        }
        return new MediaKey(INPUTS + "/" + profile.value() + "/" + file);
    }

    /** A file of a recording. */
    public static MediaKey output(ProfileName profile, OutputName recording, MediaFileName file) {
        return new MediaKey(profile.value() + "/" + recording.value() + "/" + file.value());
    }

    /** The key without its last segment, or null at the top. */
    public String folder() {
        int slash = value.lastIndexOf('/');
        return slash < 0 ? null : value.substring(0, slash);
    }

    @Override
    public String toString() {
        return value;
    }
}
