#!/usr/bin/env bash
# Browser tests of the web UI: installs what they need (Debian's chromium and CJK fonts, the
# playwright-core npm package; no browser download), builds `jikenbo`, starts
# `jikenbo serve --demo` on a fresh store and a free loopback port, runs e2e.mjs in headless
# Chromium, stops the server. Screenshots go to target/screenshots/. Exit status: non-zero when
# a test failed. The last line is "N passed, M failed".
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
cd "$root"

if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
  fi
fi
command -v chromium >/dev/null || { echo "chromium is not installed (apt-get install chromium)" >&2; exit 2; }
command -v node >/dev/null || { echo "node is not installed" >&2; exit 2; }

(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

cargo build -q -p jikenbo
bin="${CARGO_TARGET_DIR:-$root/target}/debug/jikenbo"

tmp="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$bin" serve --demo --db "$tmp/e2e.db" --addr "127.0.0.1:$port" >"$tmp/server.log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

for _ in $(seq 1 100); do
  if curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then echo "the server stopped:" >&2; cat "$tmp/server.log" >&2; exit 2; fi
  sleep 0.2
done

shots="${SCREENSHOTS:-$root/target/screenshots}"
rm -rf "$shots" && mkdir -p "$shots"
status=0
node "$here/e2e.mjs" "http://127.0.0.1:$port" "$shots" || status=$?
if [ "$status" != 0 ]; then
  echo "--- server log (last 40 lines)" >&2
  tail -n 40 "$tmp/server.log" >&2
fi
exit "$status"
