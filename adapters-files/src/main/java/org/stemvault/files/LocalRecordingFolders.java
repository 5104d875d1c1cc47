package org.stemvault.files;

import java.nio.file.Path;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.media.RecordingFolders;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.files.legacy.LegacyTreeReader;

/** Recording folders under the local media root, read by the legacy import's own reader. */
public final class LocalRecordingFolders implements RecordingFolders {

    private final Path root;

    public LocalRecordingFolders(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public Folder read(ProfileName profile, OutputName recording) {
        Path folder = root.resolve(profile.value()).resolve(recording.value()).normalize();
        return FolderReads.of(
                () -> {
                    if (!folder.startsWith(root)
                            || !folder.toRealPath().startsWith(root.toRealPath())) {
                        throw new Invalid(
                                "metadata.json",
                                "the recording's folder is outside the media root");
                    }
                    return LegacyTreeReader.folder(folder);
                });
    }
}
