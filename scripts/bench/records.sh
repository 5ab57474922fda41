#!/usr/bin/env bash
# The JSON records of the samples (every format) and of corpus/real, written to one folder, to
# compare the records before and after a change that must not alter them (issue 14's speed work):
#   bash scripts/bench/records.sh /tmp/before      # on the old code
#   bash scripts/bench/records.sh /tmp/after       # on the new code
#   diff -r /tmp/before /tmp/after                 # nothing: byte-identical
# Optionally a third argument: a folder of extra documents (e.g. the bench's text mix) ingested
# into <out>/extra.
set -euo pipefail
out=${1:?usage: records.sh OUTDIR [EXTRA_DIR]}
root=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$out" && mkdir -p "$out"
cd "$root"
run() { # name, paths...
  local name=$1; shift
  node bin/congvan.js ingest "$@" --db "$out/$name.db" --records "$out/$name" --no-register --quiet >"$out/$name.log" 2>&1 \
    || { echo "ingest of $name failed: see $out/$name.log" >&2; exit 1; }
  rm -f "$out/$name.db" "$out/$name.db-wal" "$out/$name.db-shm"
}
run samples corpus/*.txt corpus/docx corpus/pdf corpus/scan
run real corpus/real
if [ -n "${2:-}" ]; then run extra "$2"; fi
echo "records in $out: $(find "$out" -name '*.json' | wc -l) files"
