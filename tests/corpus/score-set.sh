#!/usr/bin/env bash
# Score a redline binary on one of the independent labelled sets:
#   tests/corpus/score-set.sh target/release/redline tests/corpus/dev-2026-12
# Every damaged and clean article is fixed (user lists off), then the set's own scorer
# (written with the set, by an author who never saw redline's code) reports exact
# restoration, clean articles changed and recall per damage type.
set -euo pipefail
bin=$1
set_dir=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir -p "$out/damaged" "$out/clean"
for kind in damaged clean; do
  for f in "$set_dir/$kind"/*.txt; do
    name=$(basename "$f")
    # A file redline refuses counts as left as it was.
    "$bin" fix --no-user-lists "$f" -o - >"$out/$kind/$name" 2>/dev/null || cp "$f" "$out/$kind/$name"
  done
done
python3 "$set_dir/score.py" "$out"
