#!/usr/bin/env bash
# Benchmark of the legacy import: a generated tree of N recordings (default 2,000) x 4 stems (real WAV files,
# half the recordings with a hash in .processed_hashes.json, a quarter with a source.wav to hash), imported
# into a fresh database with `import-legacy`. Writes recordings/s to docs/benchmarks.md ("Legacy import").
#   bash bench/legacy-import.sh [recordings]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

n="${1:-2000}"
db=stemvault_bench_import
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT

bench_fresh_database "$db"

echo "[bench] generating $n recordings x 4 stems in $tree" >&2
python3 - "$tree" "$n" <<'PY'
import hashlib, json, math, os, struct, sys, wave
root, n = sys.argv[1], int(sys.argv[2])
def wav(seconds=0.5, rate=8000):
    frames = b''.join(struct.pack('<h', int(6000 * math.sin(2 * math.pi * 330 * i / rate))) for i in range(int(seconds * rate)))
    import io
    buf = io.BytesIO()
    with wave.open(buf, 'wb') as w:
        w.setnchannels(1); w.setsampwidth(2); w.setframerate(rate); w.writeframes(frames)
    return buf.getvalue()
stem = wav()
with open(os.path.join(root, 'config.yaml'), 'w') as f:
    f.write('profiles:\n' + ''.join(f'  - name: band-{p}\n    source_folder: /sources/{p}\n    strategy: htdemucs\n' for p in range(4)))
hashes = {p: {} for p in range(4)}
for i in range(n):
    p = i % 4
    folder = os.path.join(root, 'media', f'band-{p}', f'take-{i:05d}')
    os.makedirs(folder)
    stems = {}
    for t in ('vocals', 'drums', 'bass', 'other'):
        with open(os.path.join(folder, f'{t}.wav'), 'wb') as f:
            f.write(stem)
        stems[t] = {'stem_type': t, 'measured_lufs': -18.0, 'peak_amplitude': 0.8, 'stem_gain_adjustment_db': 1.5,
                    'stem_url': f'{t}.wav', 'waveform_url': f'{t}_waveform.png'}
    with open(os.path.join(folder, 'metadata.json'), 'w') as f:
        json.dump({'display_name': f'Take {i}', 'stems': stems}, f)
    if i % 2 == 0:
        hashes[p][hashlib.sha256(f'source-{i}'.encode()).hexdigest()] = f'take-{i:05d}'
    elif i % 4 == 1:
        with open(os.path.join(folder, 'source.wav'), 'wb') as f:
            f.write(wav(1.0) + i.to_bytes(4, 'little'))
for p in range(4):
    with open(os.path.join(root, 'media', f'band-{p}', '.processed_hashes.json'), 'w') as f:
        json.dump(hashes[p], f)
PY

echo "[bench] importing" >&2
start=$(date +%s.%N)
DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$db?user=postgres" STEMVAULT_JWT_SECRET=bench-only-signing-key-0123456789abcdef \
  java -jar bootstrap/target/stemvault.jar import-legacy --config "$tree/config.yaml" --media "$tree/media" \
  > "$tree/report.txt" 2>&1 || { cat "$tree/report.txt"; exit 1; }
end=$(date +%s.%N)
tail -n 6 "$tree/report.txt"
inside=$(awk '/recordings looked at in/ {print $(NF-1)}' "$tree/report.txt" | tr -d '(')
wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
wallrate=$(awk -v n="$n" -v s="$wall" 'BEGIN { printf "%.0f", n / s }')
again_start=$(date +%s.%N)
DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$db?user=postgres" STEMVAULT_JWT_SECRET=bench-only-signing-key-0123456789abcdef \
  java -jar bootstrap/target/stemvault.jar import-legacy --config "$tree/config.yaml" --media "$tree/media" > "$tree/again.txt" 2>&1
again=$(awk -v a="$again_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
grep -q "0 new" "$tree/again.txt"

section=$(cat <<MD
## Legacy import: import-legacy

Measured $(date -u +%Y-%m-%dT%H:%MZ) on this machine ($(nproc) cores): $n recordings x 4 stems (WAV, each stem's
duration read from its headers), half with a hash from .processed_hashes.json, a quarter with a source.wav
hashed on the fly, into a fresh database, one transaction per recording.

| what | figure |
|---|---|
| import, as the command reports it (reading the tree and writing) | **${inside} recordings/s** (target >= 200) |
| whole command, JVM start and migrations included | ${wall} s, ${wallrate} recordings/s |
| the same command again (everything already present, 0 new) | ${again} s |

Command: \`bash bench/legacy-import.sh $n\`
MD
)
bench_write_section "## Legacy import: " "$section"
echo "[bench] ${inside} recordings/s inside the command; ${wall} s in all" >&2
