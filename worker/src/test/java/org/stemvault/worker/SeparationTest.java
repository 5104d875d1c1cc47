package org.stemvault.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeparationTest {

    @Test
    void stems_are_named_by_file_name_or_the_word_in_brackets_anywhere_under_the_folder(
            @TempDir Path dir) throws Exception {
        Path demucs = Files.createDirectories(dir.resolve("htdemucs/source"));
        for (String s : List.of("vocals", "drums", "bass", "other")) {
            Files.writeString(demucs.resolve(s + ".wav"), "x");
        }
        Files.writeString(demucs.resolve("notes.txt"), "not audio");
        assertEquals(
                List.of("bass", "drums", "other", "vocals"),
                List.copyOf(Separation.stems(dir).keySet()));
        assertEquals(demucs.resolve("vocals.wav"), Separation.stems(dir).get("vocals"));

        Path separator = Files.createDirectories(dir.resolve("x"));
        Files.writeString(separator.resolve("source_(Vocals)_model_bs_roformer.flac"), "x");
        Files.writeString(separator.resolve("source_(Instrumental)_model_bs_roformer.flac"), "x");
        assertEquals(
                List.of("instrumental", "vocals"),
                List.copyOf(Separation.stems(separator).keySet()));
        assertEquals("no_vocals", Separation.stemName("no_vocals"));
        assertEquals("lead_guitar", Separation.stemName("Lead Guitar!"));
    }

    @Test
    void two_files_for_one_stem_or_none_at_all_fail_with_the_reason(@TempDir Path dir)
            throws Exception {
        Failure none = assertThrows(Failure.class, () -> Separation.stems(dir));
        assertTrue(none.getMessage().contains("no audio file"), none.getMessage());
        Files.writeString(dir.resolve("vocals.wav"), "x");
        Files.createDirectories(dir.resolve("again"));
        Files.writeString(dir.resolve("again/vocals.flac"), "x");
        Failure twice = assertThrows(Failure.class, () -> Separation.stems(dir));
        assertTrue(
                twice.getMessage().contains("two files for the stem 'vocals'"), twice.getMessage());
    }

    @Test
    void a_failing_command_reports_its_exit_code_and_last_lines(@TempDir Path dir) {
        Separation failing =
                new Separation(
                        "for i in $(seq 1 30); do echo line $i >&2; done; echo 'CUDA out of memory' >&2; exit 3 # {input} {output_dir}",
                        Duration.ofMinutes(1));
        Failure f =
                assertThrows(
                        Failure.class,
                        () ->
                                failing.run(
                                        dir.resolve("in.wav"),
                                        dir,
                                        dir.resolve("log.txt"),
                                        p -> {}));
        assertTrue(
                f.getMessage().startsWith("the separation command exited with 3"), f.getMessage());
        assertTrue(f.getMessage().endsWith("CUDA out of memory"), f.getMessage());
        assertTrue(
                f.getMessage().contains("line 30") && !f.getMessage().contains("line 11\n"),
                f.getMessage());
    }

    @Test
    void a_command_past_its_timeout_is_ended_with_what_it_started(@TempDir Path dir)
            throws Exception {
        Separation slow =
                new Separation(
                        "echo started >&2; sleep 60 # {input} {output_dir}",
                        Duration.ofMillis(700));
        AtomicReference<Process> started = new AtomicReference<>();
        long t0 = System.nanoTime();
        Failure f =
                assertThrows(
                        Failure.class,
                        () ->
                                slow.run(
                                        dir.resolve("in.wav"),
                                        dir,
                                        dir.resolve("log.txt"),
                                        started::set));
        assertTrue(
                f.getMessage().startsWith("the separation command timed out after 0 s"),
                f.getMessage());
        // what it wrote before the end, whether or not its shell also reported the kill
        // ("Terminated") after it
        assertTrue(f.getMessage().contains("its last output:\nstarted"), f.getMessage());
        assertTrue((System.nanoTime() - t0) / 1e9 < 10, "not the command's own 60 s");
        Thread.sleep(200);
        assertFalse(started.get().isAlive());
        assertTrue(
                started.get().descendants().noneMatch(ProcessHandle::isAlive),
                "its sleep ended too");
    }

    @Test
    void paths_reach_the_command_quoted(@TempDir Path dir) throws Exception {
        Path input = Files.writeString(dir.resolve("it's a take.wav"), "x");
        Path out = Files.createDirectories(dir.resolve("out"));
        new Separation("cp {input} {output_dir}/vocals.wav", Duration.ofMinutes(1))
                .run(input, out, dir.resolve("log.txt"), p -> {});
        assertTrue(Files.exists(out.resolve("vocals.wav")));
        assertThrows(
                IllegalArgumentException.class,
                () -> new Separation("demucs {input}", Duration.ofMinutes(1)));
    }
}
