#!/usr/bin/env bash
# Benchmark of media ranges from the local store (issues 18 and 33), in one run: random ranges of K KiB (default
# 1024) of one stem of M MiB (default 32) at 32 connections for N seconds each, served by
#   1. nginx (Debian's nginx-light, started by this script: sendfile on, 2 workers, no access log) straight
#      from the same folder, with no check at all (the limit);
#   2. the service: GET /media/... with a bearer session token (the grant remembered after the first range's
#      statement: session, user, membership, recording; then the range as a file region, zero-copy);
#   3. the service with STEMVAULT_MEDIA_ACCESS_CACHE=0 (that statement on every range), for its gain;
#   4. the service with STEMVAULT_MEDIA_ZERO_COPY=false (the range streamed through the heap), for the gain.
# Every answer must be 206. Writes docs/benchmarks.md ("Media ranges"). Needs root the first time (apt).
# Writes the section "Media ranges" for 1 MiB ranges and "Media ranges of K KiB" for any other size.
#   bash bench/media-ranges.sh [seconds] [range KiB] [stem MiB]     e.g. bash bench/media-ranges.sh 20 256 20
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

seconds="${1:-20}"
chunk_kib="${2:-1024}"
stem_mib="${3:-32}"
chunk=$((chunk_kib * 1024))
db=stemvault_bench_media
port=18092
nginx_port=18093
BENCH_OUT=$(mktemp -d)
size=$((stem_mib * 1048576))

bench_need wrk wrk nginx nginx-light
bench_fresh_database "$db"
bench_start_oidc

mkdir -p "$BENCH_OUT/media/bench/take-1"
head -c "$size" /dev/urandom > "$BENCH_OUT/media/bench/take-1/vocals.opus"
cat > "$BENCH_OUT/nginx.conf" <<CONF
user root;
worker_processes 2;
pid $BENCH_OUT/nginx.pid;
error_log $BENCH_OUT/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $BENCH_OUT/nginx-body;
  server {
    listen 127.0.0.1:$nginx_port;
    root $BENCH_OUT/media;
  }
}
CONF
nginx -c "$BENCH_OUT/nginx.conf" -g 'daemon off;' &
bench_nginx=$!
bench_on_exit="kill $bench_nginx 2>/dev/null || true"
for _ in $(seq 1 50); do curl -sf -o /dev/null "http://127.0.0.1:$nginx_port/bench/take-1/vocals.opus" -r 0-0 && break; sleep 0.1; done

bench_start_app "$port" "$db" STEMVAULT_MEDIA_ROOT="$BENCH_OUT/media" STEMVAULT_METRICS_TOKEN=bench-metrics
token=$(bench_sign_in "$port" bench@example.com)
bench_seed_take "$db" "$size"
path=/media/bench/take-1/vocals.opus
for u in "http://127.0.0.1:$port$path" "http://127.0.0.1:$nginx_port/bench/take-1/vocals.opus"; do
  curl -sf -H "Authorization: Bearer $token" -r 1000-1999 "$u" | cmp -s - <(tail -c +1001 "$BENCH_OUT/media/bench/take-1/vocals.opus" | head -c 1000) \
    || { bench_log "$u does not serve the stem's bytes"; exit 1; }
done

run() { # name url token
  bench_log "wrk: $1 (32 connections, ${seconds}s)"
  CHUNK=$chunk SIZE=$size TOKEN="$3" wrk -t 2 -c 32 -d "${seconds}s" --latency -s bench/ranges.lua "$2" | grep '^RESULT'
}
warm() { CHUNK=$chunk SIZE=$size TOKEN="$2" wrk -t 2 -c 32 -d 5s -s bench/ranges.lua "$1" > /dev/null; }
warm "http://127.0.0.1:$nginx_port/bench/take-1/vocals.opus" ""
warm "http://127.0.0.1:$port$path" "$token"
nginx_r=$(run nginx "http://127.0.0.1:$nginx_port/bench/take-1/vocals.opus" "")
service_r=$(run "service, zero-copy" "http://127.0.0.1:$port$path" "$token")
sent=$(curl -s -H "Authorization: Bearer bench-metrics" "localhost:$port/prometheus" | awk '/^stemvault_media_sendfile_bytes_total/ {print $2}')
bench_stop_app
bench_start_app "$port" "$db" STEMVAULT_MEDIA_ROOT="$BENCH_OUT/media" STEMVAULT_MEDIA_ACCESS_CACHE=0
warm "http://127.0.0.1:$port$path" "$token"
checked_r=$(run "service, zero-copy, every range checked" "http://127.0.0.1:$port$path" "$token")
bench_stop_app
bench_start_app "$port" "$db" STEMVAULT_MEDIA_ROOT="$BENCH_OUT/media" STEMVAULT_MEDIA_ZERO_COPY=false
warm "http://127.0.0.1:$port$path" "$token"
heap_r=$(run "service, through the heap" "http://127.0.0.1:$port$path" "$token")
for r in "$nginx_r" "$service_r" "$checked_r" "$heap_r"; do
  [ "$(echo "$r" | awk '{print $6}')" = 0 ] || { bench_log "unexpected answers: $r"; exit 1; }
done

read -r _ nn n50 n99 nrps _ <<<"$nginx_r"
read -r _ sn s50 s99 srps _ <<<"$service_r"
read -r _ hn h50 h99 hrps _ <<<"$heap_r"
read -r _ cn c50 c99 crps _ <<<"$checked_r"
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
mbs() { python3 -c "print(f'{$1 * $chunk / 1e6:.0f}')"; }
if [ "$chunk_kib" = 1024 ]; then heading="## Media ranges: "; what="1 MiB"; else heading="## Media ranges of $chunk_kib KiB: "; what="$chunk_kib KiB"; fi
section="${heading}GET /media/... from the local store, against nginx

\`bash bench/media-ranges.sh $seconds $chunk_kib $stem_mib\` ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(nginx -v 2>&1 | sed 's/.*: //')): random
$what ranges of one $stem_mib MiB stem, wrk at 32 connections for ${seconds} s each, all in this one run on one machine
(nginx, the service, PostgreSQL and wrk share the 2 cores). nginx serves the same folder with \`sendfile on\` and
checks nothing; the service checks the bearer token on every range and its one statement (session, user,
membership, recording) once per stem while it remembers the grant (\`STEMVAULT_MEDIA_ACCESS_CACHE\`, default 10 s;
forgotten when the database announces a change that can take it away), or on every range with it at 0.

| server | requests | req/s | MB/s | p50 ms | p99 ms | throughput vs nginx | p99 vs nginx |
|---|---|---|---|---|---|---|---|
| nginx-light, sendfile (the limit) | $nn | $nrps | $(mbs "$nrps") | $n50 | $n99 | 1 | 1 |
| the service, zero-copy file regions | $sn | $srps | $(mbs "$srps") | $s50 | $s99 | **$(ratio "$srps" "$nrps")** (target >= 0.3) | **$(ratio "$s99" "$n99")** (target <= 3) |
| the service, zero-copy, the statement on every range (\`STEMVAULT_MEDIA_ACCESS_CACHE=0\`) | $cn | $crps | $(mbs "$crps") | $c50 | $c99 | $(ratio "$crps" "$nrps") | $(ratio "$c99" "$n99") |
| the service, zero-copy off (through the heap) | $hn | $hrps | $(mbs "$hrps") | $h50 | $h99 | $(ratio "$hrps" "$nrps") | $(ratio "$h99" "$n99") |

Zero-copy against the heap path in the same run: $(ratio "$srps" "$hrps")x the throughput; the remembered grant
against a statement on every range: $(ratio "$srps" "$crps")x. The zero-copy run
handed ${sent:-?} bytes to the kernel as file regions (\`stemvault_media_sendfile_bytes_total\`)."
bench_write_section "$heading" "$section"
bench_log "written to docs/benchmarks.md: nginx $nrps req/s, service $srps (zero-copy), $hrps (heap)"
