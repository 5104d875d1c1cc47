#!/usr/bin/env bash
# Benchmark of the worker's built-in analysis (tempo, beats, key): its accuracy on generated takes whose truth
# is known (60 drum patterns at 60 to 178 BPM, chord progressions in all 24 keys in two voicings, four takes
# that speed up beside a steady one and one that slows down: 114 takes), and its time per minute of audio
# against the kept tools it runs (ffmpeg decoding into bpm-tools' bpm, and aubio onset) run by hand on the
# same files (the limit), in one run after a warm-up. Writes docs/benchmarks.md (section "Tempo, beats and key").
#   bash bench/analysis.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

bash scripts/ensure-ffmpeg.sh
./mvnw -B -q -ntp -pl worker -am install -DskipTests -Dspotless.check.skip=true
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
bench_log "generating and analysing 114 takes (a few minutes)"
java -cp worker/target/stemvault-worker.jar:worker/target/test-classes org.stemvault.worker.AnalysisBench \
  "$out/takes" | tee "$out/result.txt" >&2
v() { awk -v k="$1" '$1 == k {print $2}' "$out/result.txt"; }
rest() { awk -v k="$1" '$1 == k {$1 = ""; sub(/^ /, ""); print}' "$out/result.txt"; }
ours=$(v ours_seconds_per_minute_drums)
hand=$(v hand_seconds_per_minute_drums)
ratio=$(python3 -c "print(f'{$hand/$ours:.2f}')")
bench_write_section "## Tempo, beats and key" "$(cat <<MD
## Tempo, beats and key: the built-in analysis's accuracy and cost

\`bash bench/analysis.sh\`, $(date -u +%F), this 2-core machine, ffmpeg $(ffmpeg -version | head -1 | awk '{print $3}'),
aubio $(dpkg-query -W -f '${Version}' aubio-tools), bpm-tools $(dpkg-query -W -f '${Version}' bpm-tools), JDK
$(java -version 2>&1 | head -1 | awk -F'"' '{print $2}'). $(v takes) takes made with ffmpeg at test time (\`TestAudio\`), whose
truth is known; one run, after one take analysed to warm up.

| what | takes | result |
|---|---|---|
| tempo within ±1 BPM (drum patterns, a kick on each beat, the bar's first louder, a tick; 60 to 178 BPM, 2 BPM apart, 30 s) | 60 | **$(v tempo_exact)** exact; octave errors (half or double) $(v tempo_octave); other $(v tempo_other) |
| key (I–IV–V–I, or i–iv–V–i, two seconds a chord, three harmonics a note and a bass root; all 24 keys, two voicings) | 48 | **$(v key_exact)** exact; the relative key $(v key_relative); a fifth away $(v key_fifth); other $(v key_other) |
| stability within 0.02 of the take's known drift (1 − the mean distance of each 10 s window's true tempo from the take's measured tempo, as a share of it; 40 s: steady 100 BPM, ramps 100→110, 100→120, 100→130, 140→160 and 90→80 BPM, the phase the integral of the tempo) | 6 | **$(v stability_as_known)** ($(rest stabilities)) |

Misses: $(rest misses).

**Cost**, per minute of audio, on the 60 drum takes (the full analysis: decode, bpm-tools, aubio onset, the
beat tracker, the bars, the tempo curve, the chromagram and key): **$ours s**; the kept tools alone by hand
(\`ffmpeg … -f f32le - | bpm\` and \`aubio onset\` on the same files): $hand s — the limit runs at $ratio of the
analysis's time. Over all the takes (keys alone: decode and chromagram): $(v ours_seconds_per_minute_all) s per minute.
An analysis runs once per take, after a separation that takes minutes, or in an \`analyze\` job on a CPU box.
MD
)"
bench_log "written to docs/benchmarks.md"
