#!/usr/bin/env bash
# Benchmark of take-away mixes. (1) The worker's render of a 5-minute, 4-stem mix (Opus stems, as workers
# leave them) in each format, against one hand-written ffmpeg command making the same mix (the limit); the
# worker also measures the mix's loudness (ebur128, beside the encoder) and reads the file's duration (ffprobe). (2) A
# practice mix (drums muted, 0.8x tempo with rubberband, -16 LUFS) against the same steps by hand. (3) The
# latency of a request answered from the content key (the same mix asked again) against the service.
# Medians of N runs after one to warm up, in one run. Writes docs/benchmarks.md (section "Take-away mixes").
#   bash bench/mixes.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

runs="${1:-3}"
BENCH_OUT=$(mktemp -d)
trap 'bench_cleanup; rm -rf "$BENCH_OUT"' EXIT

bash scripts/ensure-ffmpeg.sh
bench_need python3 python3 bc bc
bench_fresh_database stemvault_bench_mixes
./mvnw -B -q -ntp -pl worker -am install -DskipTests -Dspotless.check.skip=true

stems="$BENCH_OUT/stems"
mkdir -p "$stems"
bench_log "four 5-minute stereo stems, Opus 192k"
i=0
for s in vocals:440 drums:1760 bass:110 other:880; do
  name=${s%%:*}; hz=${s##*:}
  ffmpeg -hide_banner -loglevel error -nostdin -y \
    -f lavfi -i "anoisesrc=color=pink:amplitude=0.1:duration=300:sample_rate=48000:seed=$((i+1))" \
    -f lavfi -i "sine=frequency=$hz:duration=300:sample_rate=48000" \
    -filter_complex "[0:a][1:a]amix=inputs=2" -ac 2 -c:a libopus -b:a 192k "$stems/$name.opus"
  i=$((i+1))
done

now_ms() { date +%s%N | awk '{printf "%.1f", $1/1e6}'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
enc() {
  case "$1" in
    mp3) echo "-c:a libmp3lame -b:a 192k" ;;
    m4a) echo "-c:a aac -b:a 192k -movflags +faststart" ;;
    opus) echo "-c:a libopus -b:a 192k" ;;
    flac) echo "-c:a flac" ;;
    wav) echo "-c:a pcm_s16le" ;;
  esac
}
graph="[0:a]aformat=sample_fmts=fltp,volume=-3dB[s0];[1:a]aformat=sample_fmts=fltp,volume=0dB[s1];[2:a]aformat=sample_fmts=fltp,volume=0dB[s2];[3:a]aformat=sample_fmts=fltp,volume=-6dB[s3];[s0][s1][s2][s3]amix=inputs=4:duration=longest:normalize=0[out]"
cp="worker/target/stemvault-worker.jar:worker/target/test-classes"
rows=""
for f in mp3 m4a opus flac wav; do
  bench_log "$f: one command by hand ($runs runs)"
  hand=()
  for r in $(seq 0 "$runs"); do # run 0 warms up, uncounted
    t0=$(now_ms)
    # shellcheck disable=SC2046
    ffmpeg -hide_banner -loglevel error -nostdin -y -i "$stems/vocals.opus" -i "$stems/drums.opus" \
      -i "$stems/bass.opus" -i "$stems/other.opus" -filter_complex "$graph" -map "[out]" -vn $(enc $f) "$BENCH_OUT/h.$f"
    t1=$(now_ms)
    [ "$r" = 0 ] || hand+=("$(echo "$t1 - $t0" | bc)")
  done
  h=$(printf '%s\n' "${hand[@]}" | median)
  bench_log "$f: the worker's render ($runs runs)"
  java -cp "$cp" org.stemvault.worker.MixRenderBench "$stems" "$f" plain "$runs" | tee "$BENCH_OUT/w-$f.txt" >&2
  w=$(awk '/^median/ {print $2}' "$BENCH_OUT/w-$f.txt")
  size=$(stat -c %s "$BENCH_OUT/h.$f")
  rows="$rows| $f | **$w ms** | $h ms | $(python3 -c "print(f'{$h/$w:.2f}')") | $((size / 1024)) KiB |
"
done

bench_log "practice mix by hand: premix to float WAV with rubberband, ebur128, encode with the gain ($runs runs)"
pgraph="[0:a]aformat=sample_fmts=fltp,volume=-3dB[s0];[1:a]aformat=sample_fmts=fltp,volume=0dB[s1];[2:a]aformat=sample_fmts=fltp,volume=-6dB[s2];[s0][s1][s2]amix=inputs=3:duration=longest:normalize=0,rubberband=tempo=0.8:pitch=1:pitchq=quality[out]"
hand=()
for r in $(seq 0 "$runs"); do # run 0 warms up, uncounted
  t0=$(now_ms)
  ffmpeg -hide_banner -loglevel error -nostdin -y -i "$stems/vocals.opus" -i "$stems/bass.opus" -i "$stems/other.opus" \
    -filter_complex "$pgraph" -map "[out]" -vn -c:a pcm_f32le "$BENCH_OUT/p.wav"
  lufs=$(ffmpeg -hide_banner -nostats -nostdin -i "$BENCH_OUT/p.wav" -af ebur128 -f null - 2>&1 | awk '/I:/ {v=$2} END {print v}')
  ffmpeg -hide_banner -loglevel error -nostdin -y -i "$BENCH_OUT/p.wav" -af "volume=$(echo "-16 - ($lufs)" | bc -l)dB" \
    -c:a libmp3lame -b:a 192k "$BENCH_OUT/p.mp3"
  t1=$(now_ms)
  [ "$r" = 0 ] || hand+=("$(echo "$t1 - $t0" | bc)")
done
ph=$(printf '%s\n' "${hand[@]}" | median)
java -cp "$cp" org.stemvault.worker.MixRenderBench "$stems" mp3 practice "$runs" | tee "$BENCH_OUT/w-practice.txt" >&2
pw=$(awk '/^median/ {print $2}' "$BENCH_OUT/w-practice.txt")
plufs=$(awk '/^run/ {v=$0} END {print v}' "$BENCH_OUT/w-practice.txt" | sed -E 's/.*, (-?[0-9.]+) LUFS.*/\1/')

bench_log "the cache hit: the same mix asked again, against the service"
bench_start_oidc
bench_start_app 18097 stemvault_bench_mixes
token=$(bench_sign_in 18097 bench@example.com)
bench_psql -d stemvault_bench_mixes <<'SQL'
INSERT INTO profiles (id, name, source_folder, created_at) VALUES (gen_random_uuid(), 'bench', '/src/bench', now());
INSERT INTO user_profiles SELECT u.id, p.id, now() FROM users u, profiles p;
INSERT INTO recordings (id, profile_id, output_name, display_name, description, created_at, updated_at)
SELECT gen_random_uuid(), id, 'take-1', 'Take', '', now(), now() FROM profiles;
INSERT INTO stems (id, recording_id, stem_type, measured_lufs, peak_amplitude, stem_gain_adjustment_db, audio_url,
                   waveform_url, file_size_bytes, duration_seconds, position)
SELECT gen_random_uuid(), r.id, s, -18, 0.9, 0, s || '.opus', s || '_waveform.png', 7200000, 300, n
FROM recordings r, unnest(ARRAY['vocals', 'drums', 'bass', 'other']) WITH ORDINALITY AS t(s, n);
VACUUM ANALYZE;
SQL
rec=$(bench_psql -d stemvault_bench_mixes -tA -c "SELECT id FROM recordings LIMIT 1")
body='{"stems":{"drums":{"muted":true}},"tempo":0.8,"format":"mp3","loudness":-16}'
ask() { curl -s -o /dev/null -w "%{http_code} %{time_total}\n" -X POST -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/json' -d "$body" "localhost:18097/api/recordings/$rec/mixes"; }
first=$(ask | awk '{print $1}')
[ "$first" = 202 ] || { bench_log "the first request answered $first"; exit 1; }
n=2000
bench_log "warm-up, then $n requests one after another"
for _ in $(seq 1 500); do ask > /dev/null; done
for _ in $(seq 1 "$n"); do ask; done > "$BENCH_OUT/hits.txt"
codes=$(awk '{print $1}' "$BENCH_OUT/hits.txt" | sort -u | tr '\n' ' ')
[ "$codes" = "200 " ] || { bench_log "answers: $codes"; exit 1; }
jobs=$(bench_psql -d stemvault_bench_mixes -tA -c "SELECT count(*) FROM jobs")
hit50=$(awk '{print $2 * 1000}' "$BENCH_OUT/hits.txt" | sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int(NR*0.5)]}')
hit99=$(awk '{print $2 * 1000}' "$BENCH_OUT/hits.txt" | sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int(NR*0.99)]}')
get50=$(for _ in $(seq 1 "$n"); do curl -s -o /dev/null -w "%{time_total}\n" -H "Authorization: Bearer $token" \
  "localhost:18097/api/recordings/$rec"; done | awk '{print $1 * 1000}' | sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int(NR*0.5)]}')
bench_stop_app

ffv=$(ffmpeg -version | head -1 | awk '{print $3}')
bench_write_section "## Take-away mixes" "$(cat <<MD
## Take-away mixes: rendering a 5-minute, 4-stem mix, and the answer from the content key

\`bash bench/mixes.sh $runs\`, $(date -u +%F), this 2-core machine, ffmpeg $ffv (Debian), JDK
$(java -version 2>&1 | head -1 | awk -F'"' '{print $2}'). Four 5-minute stereo stems in Opus 192k (pink noise and
a tone each), at -3, 0, 0 and -6 dB. Medians of $runs runs after one to warm up, all in this one run.

| format | the worker (\`Render\`: the mix pass with the EBU R128 meter beside the encoder, then ffprobe's duration) | the limit: one ffmpeg command (the same mix pass, no measurement) | limit / worker | file |
|---|---|---|---|---|
$rows
**Practice mix** (drums muted, tempo 0.8 with the pitch kept by \`rubberband\`, -16 LUFS, MP3): the worker
**$pw ms** (the file measured $plufs LUFS), by hand $ph ms for the same three steps (premix to a float WAV,
\`ebur128\`, encode with the gain): $(python3 -c "print(f'{$ph/$pw:.2f}')") of the worker's speed.

**The cache hit**: the same practice mix asked again (\`POST /api/recordings/{id}/mixes\`, answered 200 from
the content key: the visibility check, the member's saved levels and the key's lookup) — p50 **$hit50 ms**,
p99 $hit99 ms over $n requests one after another (curl's total time), after 500 to warm up; $jobs job in the
queue afterwards (rendered once). For scale, \`GET /api/recordings/{id}\` p50 $get50 ms in the same run.

The worker's pass is the limit's command with a loudness meter fed from the same decode (\`asplit\`), plus
ffprobe's read of the duration (both are in the mix's answer); the practice mix costs its rubberband pass
and a second encode, as by hand, where the worker measures in the passes it makes anyway and by hand the
loudness takes a third decode.
MD
)"
bench_log "written to docs/benchmarks.md"
