package org.stemvault.application.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stemvault.application.contracts.Fixtures;
import org.stemvault.application.fakes.World;
import org.stemvault.application.recording.RegisterRecording;
import org.stemvault.application.search.TextIndex;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.MediaFileName;
import org.stemvault.domain.recording.OutputName;

class LegacyImportTest {

    final World world = new World();
    final LegacyImport legacyImport =
            new LegacyImport(
                    world.ports.profiles(),
                    world.ports.audioFiles(),
                    world.ports.recordings(),
                    world.ports.transactions(),
                    world.clock,
                    new RegisterRecording(
                            world.ports.recordings(),
                            world.ports.clips(),
                            new TextIndex(
                                    List.of(),
                                    world.ports.embeddingJobs(),
                                    world.ports.recordings(),
                                    world.ports.embeddings(),
                                    () -> null,
                                    world.clock),
                            world.clock));

    /**
     * A legacy tree held in memory: one good take with a source, one without, one unreadable
     * folder.
     */
    final LegacyTree tree =
            new LegacyTree() {
                final Map<String, List<Recording>> recordings =
                        Map.of(
                                "band",
                                List.of(
                                        new Recording(
                                                "band/take-1",
                                                new OutputName("take-1"),
                                                "Take 1",
                                                Fixtures.fourStems(),
                                                new Source(
                                                        Fixtures.hash('a'),
                                                        "take-1.wav",
                                                        1234L,
                                                        184.3),
                                                Fixtures.at(1),
                                                null),
                                        new Recording(
                                                "band/take-2",
                                                new OutputName("take-2"),
                                                "Take 2",
                                                Fixtures.fourStems(),
                                                null,
                                                Fixtures.at(2),
                                                null),
                                        Recording.failed(
                                                "band/broken", "metadata.json is not JSON")));

                @Override
                public List<Profile> profiles() {
                    return List.of(new Profile("band", "/sources/band", "htdemucs"));
                }

                @Override
                public List<Recording> recordings(String profile) {
                    return recordings.get(profile);
                }

                @Override
                public int size(String profile) {
                    return recordings.get(profile).size();
                }

                @Override
                public boolean holds(Recording recording, MediaFileName file) {
                    return !missing.contains(recording.path() + "/" + file.value());
                }
            };

    /** Files the tree's folders lack, as {@code <path>/<file>}. */
    final Set<String> missing = new HashSet<>();

    @Test
    void a_tree_comes_in_once_with_its_failures_reported_and_a_second_run_adds_nothing() {
        List<LegacyImport.Outcome> outcomes = new ArrayList<>();
        LegacyImport.Report first =
                legacyImport.run(tree, false, (p, path, outcome) -> outcomes.add(outcome));
        assertFalse(first.ok());
        assertEquals(2, first.created());
        assertEquals(
                List.of(
                        LegacyImport.Outcome.NEW,
                        LegacyImport.Outcome.NEW,
                        LegacyImport.Outcome.FAILED),
                outcomes);
        assertEquals(List.of("band/take-2"), first.profiles().get(0).withoutSourceHash());
        assertTrue(world.ports.audioFiles().bySha256(Fixtures.hash('a')).isPresent());

        LegacyImport.Report second = legacyImport.run(tree, false, (p, path, outcome) -> {});
        assertEquals(0, second.created());
        assertEquals(2, second.profiles().get(0).present());
        assertEquals(3, legacyImport.count(tree));
    }

    @Test
    void a_folder_without_a_file_a_stem_names_fails_as_a_completion_would_and_writes_nothing() {
        missing.add("band/take-1/drums_waveform.png");
        LegacyImport.Report report = legacyImport.run(tree, false, (p, path, outcome) -> {});
        assertEquals(1, report.created(), "take-2 comes in");
        assertEquals(
                List.of(
                        "band/take-1: stems[1].waveform_url: names drums_waveform.png, which is not"
                                + " in the recording's folder",
                        "band/broken: metadata.json is not JSON"),
                report.profiles().get(0).failures());
        assertTrue(
                world.ports.audioFiles().bySha256(Fixtures.hash('a')).isEmpty(),
                "nothing of the failed recording is written, not even its source");
        LegacyImport.Report dry = legacyImport.run(tree, true, (p, path, outcome) -> {});
        assertEquals(2, dry.profiles().get(0).failures().size(), "a dry run reports it too");
    }

    @Test
    void a_dry_run_writes_nothing() {
        LegacyImport.Report report = legacyImport.run(tree, true, (p, path, outcome) -> {});
        assertEquals(2, report.created());
        assertTrue(world.ports.profiles().byName(new ProfileName("band")).isEmpty());
        assertTrue(LegacyImport.lines(report).get(0).contains("dry run"));
    }
}
