#!/usr/bin/env bash
# The GNU parallel recipe (scripts/sweep-parallel) on a tiny sweep: 5 shards, then merge; the
# result must be the unsharded result byte for byte. A second run with --resume runs nothing new
# and merges the same bytes. Exits 77 (skipped) without GNU parallel.
#   parallel-recipe.sh ARCHSIM_CLI SOURCE_DIR
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cli="$1"; source="$2"
command -v parallel >/dev/null || { echo "skipped: GNU parallel is not installed (Debian: apt-get install parallel)"; exit 77; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$source"/tests/data/sweeps/*.json "$work/"
"$cli" sweep "$work/tiny.json" --out "$work/whole.json" --csv "$work/whole.csv"
ARCHSIM_CLI="$cli" "$source/scripts/sweep-parallel" "$work/tiny.json" 5 "$work/out" 2
cmp "$work/whole.json" "$work/out/result.json"
cmp "$work/whole.csv" "$work/out/result.csv"
[ "$(tail -n +2 "$work/out/joblog" | wc -l)" -eq 5 ] || { echo "expected 5 jobs in the log"; exit 1; }
# Resume after a lost shard: only that one runs again.
rm "$work/out/shard-3.json" "$work/out/result.json"
sed -i '/\t3\/5 /d; /--shard 3\/5/d' "$work/out/joblog"
ARCHSIM_CLI="$cli" "$source/scripts/sweep-parallel" "$work/tiny.json" 5 "$work/out" 2
cmp "$work/whole.json" "$work/out/result.json"
[ "$(tail -n +2 "$work/out/joblog" | wc -l)" -eq 5 ] || { echo "resume ran more than the lost shard"; exit 1; }
echo "GNU parallel recipe: 5 shards merged to the unsharded bytes"
