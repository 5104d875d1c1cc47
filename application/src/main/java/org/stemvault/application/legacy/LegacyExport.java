package org.stemvault.application.legacy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stemvault.application.Names;
import org.stemvault.domain.audio.AudioFile;
import org.stemvault.domain.audio.AudioFiles;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.Recordings;

/**
 * The way back: writes the library (or one profile) in the JSON-on-disk layout that {@link
 * LegacyImport} reads, so that import, export and import again end in the same database. Profiles
 * keep the order they were created in (the order of the config an import read), recordings the
 * order of their creation. What the layout has no place for stays behind and is not claimed: clips,
 * songs, places, dates, descriptions, player settings, embeddings; a take never separated (no
 * stems) is reported and skipped, as an import would refuse it.
 */
public final class LegacyExport {

    private final Profiles profiles;
    private final Recordings recordings;
    private final AudioFiles audioFiles;

    public LegacyExport(Profiles profiles, Recordings recordings, AudioFiles audioFiles) {
        this.profiles = profiles;
        this.recordings = recordings;
        this.audioFiles = audioFiles;
    }

    /** Per profile: recordings written, and those left out with the reason. */
    public record ProfileReport(String profile, int exported, List<String> skipped) {}

    /**
     * Writes the profile named (every profile when {@code profile} is null; a name that is not a
     * profile is {@link org.stemvault.domain.NotFound}), and each recording's media when {@code
     * withMedia}.
     */
    public List<ProfileReport> run(LegacyTreeWriter out, String profile, boolean withMedia)
            throws IOException {
        List<Profile> chosen;
        if (profile != null) {
            chosen = List.of(profiles.byName(Names.profile(profile)).orElseThrow(Names::noProfile));
        } else {
            chosen =
                    profiles.all().stream()
                            .sorted(
                                    Comparator.comparing(Profile::createdAt)
                                            .thenComparing(p -> p.name().value()))
                            .toList();
        }
        out.config(
                chosen.stream()
                        .map(
                                p ->
                                        new LegacyTree.Profile(
                                                p.name().value(),
                                                p.sourceFolder(),
                                                p.strategyName()))
                        .toList());
        List<ProfileReport> reports = new ArrayList<>();
        for (Profile p : chosen) {
            String name = p.name().value();
            List<Recording> takes = new ArrayList<>(recordings.allOf(p.id()));
            takes.sort(
                    Comparator.comparing(Recording::createdAt)
                            .thenComparing(r -> r.outputName().value()));
            Map<String, String> hashes = new LinkedHashMap<>();
            List<String> skipped = new ArrayList<>();
            int exported = 0;
            for (Recording r : takes) {
                String path = name + "/" + r.outputName().value();
                if (r.stems().isEmpty()) {
                    skipped.add(path + ": not separated yet (no stems)");
                    continue;
                }
                out.recording(name, r, withMedia);
                exported++;
                if (r.audioFile() != null) {
                    audioFiles
                            .byId(r.audioFile())
                            .map(AudioFile::sha256)
                            .ifPresent(
                                    sha -> {
                                        if (hashes.putIfAbsent(sha.value(), r.outputName().value())
                                                != null) {
                                            skipped.add(
                                                    path
                                                            + ": exported without its source link"
                                                            + " (the layout links a source to one"
                                                            + " recording, "
                                                            + hashes.get(sha.value())
                                                            + ")");
                                        }
                                    });
                }
            }
            if (!hashes.isEmpty()) {
                out.processedHashes(name, hashes);
            }
            reports.add(new ProfileReport(name, exported, skipped));
        }
        return reports;
    }
}
