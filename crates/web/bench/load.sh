#!/usr/bin/env bash
# Load benchmark of the web server: requests/s and latency percentiles (p50, p95, p99) of the
# casebook page and the search API over a store of N incidents (default 100,000), measured with
# wrk on loopback. Server and load generator share the machine's cores.
#
#   crates/web/bench/load.sh [N] [DURATION] [CONNECTIONS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
cd "$root"
n="${1:-100000}"
dur="${2:-15s}"
conns="${3:-16}"

if ! command -v wrk >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }

target="${CARGO_TARGET_DIR:-$root/target}"
cargo build -q --release -p jikenbo
cargo build -q --release -p jikenbo-web --example bench_store
work="$target/bench-web"
mkdir -p "$work"
db="$work/store-$n.db"
if [ ! -f "$db.complete" ]; then
  "$target/release/examples/bench_store" "$db" "$n"
  touch "$db.complete"
fi

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$target/release/jikenbo" serve --db "$db" --addr "127.0.0.1:$port" >"$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done

lua="$work/report.lua"
cat >"$lua" <<'LUA'
done = function(summary, latency, requests)
  local secs = summary.duration / 1e6
  io.write(string.format("RESULT %.1f %.2f %.2f %.2f %d %d\n",
    summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA

q="$(python3 -c 'import urllib.parse; print(urllib.parse.quote("ランサムウェア"))')"
q2="$(python3 -c 'import urllib.parse; print(urllib.parse.quote("病院 氏名"))')"
printf '%s incidents, wrk -t2 -c%s -d%s, %s cores\n' "$(curl -fs "http://127.0.0.1:$port/api/counts" | python3 -c 'import json,sys; print(json.load(sys.stdin)["incidents"])')" "$conns" "$dur" "$(nproc)"
printf '| %-58s | %9s | %8s | %8s | %8s |\n' "request" "req/s" "p50 ms" "p95 ms" "p99 ms"
printf '|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' $(seq 60))" "-----------" "----------" "----------" "----------"
run() { # label path
  curl -fs -o /dev/null "http://127.0.0.1:$port$2" || { echo "request failed: $2" >&2; exit 1; }
  local line
  line="$(wrk -t2 -c"$conns" -d"$dur" --timeout 10s -s "$lua" "http://127.0.0.1:$port$2" | grep '^RESULT')"
  read -r _ rps p50 p95 p99 total errors <<<"$line"
  printf '| %-58s | %9s | %8s | %8s | %8s |\n' "$1" "$rps" "$p50" "$p95" "$p99"
  if [ "$errors" != 0 ]; then echo "  ($errors errors of $total requests)"; fi
}
run "casebook page / (newest, facets over all)" "/"
run "casebook page /?q=ランサムウェア (text + facets)" "/?q=$q"
run "casebook page /?cause=ransomware&year=2024" "/?cause=ransomware&year=2024"
run "search API /api/incidents?q=ランサムウェア" "/api/incidents?q=$q"
run "search API /api/incidents?q=病院 氏名&limit=20" "/api/incidents?q=$q2&limit=20"
run "search API /api/incidents?cause=ransomware&sort=affected" "/api/incidents?cause=ransomware&sort=affected"
run "search API /api/incidents (newest 50)" "/api/incidents"
