#!/usr/bin/env bash
# Crash test with the `jikenbo` binary (the Rust test tests/crash.rs does the same through the
# library): kill -9 during a large ingest, then check that the store opens, is intact, holds
# every document committed before the kill (one audit row each), and that a re-run ingests the
# rest and nothing twice.
#
# Usage (from anywhere): crates/store/tests/crash.sh [path/to/jikenbo]
# Default binary: target/release/jikenbo (built when missing). Needs only bash and coreutils;
# uses sqlite3 for PRAGMA integrity_check when it is installed.
set -euo pipefail
cd "$(dirname "$0")/../../.."
bin=${1:-target/release/jikenbo}
if [ ! -x "$bin" ]; then
  cargo build --release -p jikenbo
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A corpus of distinct UTF-8 notices: the repository's fictional examples (those in UTF-8; a
# line appended to a Shift_JIS file would break it), each copy made distinct by a
# reference-number line.
mkdir -p "$work/corpus"
sources=()
for f in examples/notices/*; do
  if command -v iconv > /dev/null; then
    iconv -f UTF-8 -t UTF-8 "$f" > /dev/null 2>&1 || continue
  else
    case "$f" in *eucjp* | *skimming*) continue ;; esac
  fi
  sources+=("$f")
done
n=0
for round in $(seq 1 400); do
  for f in "${sources[@]}"; do
    n=$((n + 1))
    { cat "$f"; printf '\n整理番号 %06d\n' "$n"; } > "$work/corpus/$(printf %06d "$n")_$(basename "$f")"
  done
done
total=$n
db="$work/crash.db"

committed() {
  "$bin" audit --db "$db" --limit 100000000 --format csv 2>/dev/null | grep -c ',ingest,' || true
}

# Documents committed so far, read without writing (sqlite3 when installed).
peek() {
  if command -v sqlite3 > /dev/null; then
    sqlite3 -readonly "$db" 'SELECT count(*) FROM documents' 2>/dev/null || echo 0
  else
    echo unknown
  fi
}

"$bin" ingest --db "$db" "$work/corpus" --json > /dev/null 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  sleep 0.05
  kill -0 "$pid" 2>/dev/null || { echo "FAIL: the ingest ended before it could be killed" >&2; exit 1; }
  [ -f "$db" ] || continue
  c=$(peek)
  if [ "$c" = unknown ]; then
    sleep 1 # no way to look: let it run a while
    break
  fi
  [ "$c" -ge $((total / 4)) ] && break
done
kill -9 "$pid" 2>/dev/null || { echo "FAIL: the ingest ended before it could be killed" >&2; exit 1; }
wait "$pid" 2>/dev/null || true

before=$(committed)
echo "killed the ingest after $before of $total documents"
if command -v sqlite3 > /dev/null; then
  for f in "$db" "$db-search"; do
    check=$(sqlite3 "$f" 'PRAGMA integrity_check')
    [ "$check" = ok ] || { echo "FAIL: integrity_check of $f: $check" >&2; exit 1; }
  done
fi
if [ "$before" -lt 1 ] || [ "$before" -ge "$total" ]; then
  echo "FAIL: the kill did not land in the middle ($before of $total)" >&2
  exit 1
fi

# Re-run: the rest is added, the committed documents are skipped.
"$bin" ingest --db "$db" "$work/corpus" --json > "$work/rerun.json"
field() { grep -o "\"$1\": [0-9]*" "$work/rerun.json" | grep -o '[0-9]*$'; }
added=$(field documents_added)
skipped=$(field skipped_same_bytes)
after=$(committed)
echo "re-run: $added added, $skipped skipped; $after documents in the store"
[ "$skipped" -eq "$before" ] || { echo "FAIL: $skipped skipped, $before were committed" >&2; exit 1; }
[ $((added + skipped)) -eq "$total" ] || { echo "FAIL: $added + $skipped != $total" >&2; exit 1; }
[ "$after" -eq "$total" ] || { echo "FAIL: $after documents stored, $total expected" >&2; exit 1; }
if command -v sqlite3 > /dev/null; then
  live=$(sqlite3 "$db" 'SELECT count(*) FROM incidents WHERE live = 1')
  indexed=$(sqlite3 "$db-search" 'SELECT count(*) FROM incident_fts')  # the index's own file
  [ "$live" = "$indexed" ] || { echo "FAIL: $live live incidents, $indexed indexed" >&2; exit 1; }
fi
echo "OK"
