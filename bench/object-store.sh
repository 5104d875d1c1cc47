#!/usr/bin/env bash
# Benchmark of media in an S3-compatible store (S3Proxy on loopback, filesystem backend), in one run:
#  - Range reads (random 1 MiB ranges) of a 20 MB stem at 32 connections through GET /media/... with
#    STEMVAULT_MEDIA_DELIVERY=proxy (bytes streamed through the service), with =redirect (the service's
#    302 answer to a presigned link), and straight from the store through such a link (the limit);
#  - the upload path: a 50 MB take POSTed to /api/upload (streamed and hashed into the bucket) against the
#    same file PUT straight to the store with curl's SigV4 (the limit).
# Two service instances on one database and one bucket. Writes docs/benchmarks.md ("Object store").
#   bash bench/object-store.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

seconds="${1:-20}"
db=stemvault_bench_s3
BENCH_OUT=$(mktemp -d)
s3_port=19000
bucket=bench
key_id=stemvault-dev
secret=stemvault-dev-secret

bench_need wrk wrk
bench_fresh_database "$db"
bench_start_oidc

DEV_S3_PORT=$s3_port DEV_S3_DIR="$BENCH_OUT/s3" bash scripts/dev-s3.sh > "$BENCH_OUT/s3.log" 2>&1 &
bench_s3=$!
bench_on_exit="kill $bench_s3 2>/dev/null || true; kill \${bench_redirect:-} 2>/dev/null || true"
DEV_S3_PORT=$s3_port bash scripts/dev-s3.sh --wait

s3=(STEMVAULT_MEDIA_STORE=s3 STEMVAULT_S3_ENDPOINT="http://127.0.0.1:$s3_port" STEMVAULT_S3_BUCKET=$bucket
    STEMVAULT_S3_ACCESS_KEY=$key_id STEMVAULT_S3_SECRET_KEY=$secret STEMVAULT_S3_CREATE_BUCKET=true
    STEMVAULT_MEDIA_LINK_EXPIRY=1h STEMVAULT_MAX_UPLOAD_BYTES=209715200)
bench_start_app 18090 "$db" "${s3[@]}" STEMVAULT_MEDIA_DELIVERY=proxy
proxy_app=$bench_app
bench_start_app 18091 "$db" "${s3[@]}" STEMVAULT_MEDIA_DELIVERY=redirect
bench_redirect=$bench_app
bench_app=$proxy_app

token=$(bench_sign_in 18090 bench@example.com)
bench_seed_take "$db" 20971520
size=20971520
head -c "$size" /dev/urandom > "$BENCH_OUT/stem.opus"
s3_put() { curl -sf --aws-sigv4 "aws:amz:us-east-1:s3" --user "$key_id:$secret" -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" -T "$1" "http://127.0.0.1:$s3_port/$bucket/$2"; }
s3_put "$BENCH_OUT/stem.opus" bench/take-1/vocals.opus

path=/media/bench/take-1/vocals.opus
link=$(curl -s -o /dev/null -w '%{redirect_url}' -H "Authorization: Bearer $token" "http://127.0.0.1:18091$path")
[ -n "$link" ] || { bench_log "no redirect"; exit 1; }
check=$(curl -s -H "Range: bytes=0-9" "$link" | cmp -n 10 - "$BENCH_OUT/stem.opus" && echo same)
[ "$check" = same ] || { bench_log "the link does not serve the stem"; exit 1; }

run() { # name url token
  bench_log "wrk: $1 (32 connections, ${seconds}s)"
  SIZE=$size TOKEN="$3" wrk -t 2 -c 32 -d "${seconds}s" --latency -s bench/ranges.lua "$2" | grep '^RESULT'
}
proxy=$(run proxy "http://127.0.0.1:18090$path" "$token")
redirect=$(run redirect "http://127.0.0.1:18091$path" "$token")
direct=$(run "store, straight" "$link" "")
for r in "$proxy" "$redirect" "$direct"; do
  [ "$(echo "$r" | awk '{print $6}')" = 0 ] || { bench_log "unexpected answers: $r"; exit 1; }
done

bench_log "uploads: 50 MB take, 3 times each way"
python3 - "$BENCH_OUT/take.wav" <<'PY'
import os, struct, sys
data = os.urandom(50 * 1024 * 1024)
with open(sys.argv[1], "wb") as f:
    f.write(b"RIFF" + struct.pack("<I", 36 + len(data)) + b"WAVEfmt " + struct.pack("<IHHIIHH", 16, 1, 2, 44100, 176400, 4, 16)
            + b"data" + struct.pack("<I", len(data)) + data)
PY
bytes=$(stat -c %s "$BENCH_OUT/take.wav")
upload_service=(); upload_store=()
for i in 1 2 3; do
  cp "$BENCH_OUT/take.wav" "$BENCH_OUT/take-$i.wav"; printf '%08d' "$i" >> "$BENCH_OUT/take-$i.wav"  # a new hash each time
  t=$(curl -s -o "$BENCH_OUT/upload-$i.json" -w '%{time_total}' -H "Authorization: Bearer $token" \
        -F "data=@$BENCH_OUT/take-$i.wav" "http://127.0.0.1:18090/api/upload/bench")
  grep -q '"job_id"' "$BENCH_OUT/upload-$i.json" || { cat "$BENCH_OUT/upload-$i.json" >&2; exit 1; }
  upload_service+=("$t")
  t=$(curl -sf -o /dev/null -w '%{time_total}' --aws-sigv4 "aws:amz:us-east-1:s3" --user "$key_id:$secret" -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" \
        -T "$BENCH_OUT/take-$i.wav" "http://127.0.0.1:$s3_port/$bucket/direct/take-$i.wav")
  upload_store+=("$t")
done
median() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
mbps() { python3 -c "print(f'{$bytes / 1e6 / $1:.0f}')"; }
us=$(median "${upload_service[@]}"); ss=$(median "${upload_store[@]}")

read -r _ pn p50 p99 prps _ <<<"$proxy"
read -r _ rn r50 r99 rrps _ <<<"$redirect"
read -r _ dn d50 d99 drps _ <<<"$direct"
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
section="## Object store: media in an S3-compatible bucket

\`bash bench/object-store.sh $seconds\` ($(date -u +%Y-%m-%d), $(nproc) cores): S3Proxy $(sed -n 's:.*<s3proxy.version>\(.*\)</s3proxy.version>.*:\1:p' pom.xml) on loopback
(filesystem backend) as the store, two service instances on one database and one bucket. Range reads are random
1 MiB ranges of one 20 MB stem, wrk at 32 connections for ${seconds} s each, all in this one run.

| how the bytes are read | requests | req/s | MB/s | p50 ms | p99 ms | vs the store straight |
|---|---|---|---|---|---|---|
| \`proxy\`: through the service (membership check, ranged GET from the bucket, streamed) | $pn | $prps | $(python3 -c "print(f'{$prps * 1.048576:.0f}')") | $p50 | $p99 | $(ratio "$prps" "$drps") x throughput, $(ratio "$p99" "$d99") x p99 |
| \`redirect\`: the service's 302 to a presigned link (membership check only; the bytes then come from the store) | $rn | $rrps | – | $r50 | $r99 | $(ratio "$rrps" "$drps") x the store's request rate |
| the store straight, through the presigned link (the limit) | $dn | $drps | $(python3 -c "print(f'{$drps * 1.048576:.0f}')") | $d50 | $d99 | 1 |

Uploads of a 50 MB take (median of 3): \`POST /api/upload\` through the service into the bucket (multipart
parse, SHA-256, multipart upload in 8 MiB parts) $(mbps "$us") MB/s, against a SigV4 \`PUT\` of the same file straight
to the store $(mbps "$ss") MB/s: $(ratio "$ss" "$us") of the limit ($(ratio "$us" "$ss")x the time through the service).

With \`redirect\`, a player pays one 302 (p50 ${r50} ms) and then reads from the store at the store's own
speed: the service's share of the work is the membership check. On this 2-core machine the store, the
service and wrk share the same cores, so the proxy figure includes the store's own CPU."
bench_write_section "## Object store: " "$section"
bench_log "written to docs/benchmarks.md"
