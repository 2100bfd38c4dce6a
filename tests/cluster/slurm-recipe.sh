#!/usr/bin/env bash
# The Slurm recipe (scripts/sweep-slurm: a job array of shards and a merge job with
# --dependency=afterok) on a single-node Slurm started for the test (scripts/slurm-local) and
# stopped at the end; the result must be the unsharded result byte for byte. Exits 77 (skipped),
# saying why, where the Slurm daemons cannot run (not installed, not root, no node).
#   slurm-recipe.sh ARCHSIM_CLI SOURCE_DIR
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cli="$1"; source="$2"
work="$(mktemp -d)"
cleanup() {
  "$source/scripts/slurm-local" stop "$work/slurm" || true
  rm -rf "$work"
}
trap cleanup EXIT
status=0
env="$("$source/scripts/slurm-local" start "$work/slurm")" || status=$?
if [ "$status" -eq 77 ]; then echo "skipped: see the reason above"; exit 77; fi
[ "$status" -eq 0 ] || exit "$status"
eval "$env"
cp "$source"/tests/data/sweeps/*.json "$work/"
"$cli" sweep "$work/tiny.json" --out "$work/whole.json"
ids="$(ARCHSIM_CLI="$cli" "$source/scripts/sweep-slurm" "$work/tiny.json" 4 "$work/out")"
merge="${ids##* }"
# Wait for the merge job to leave the queue (it runs after the array), at most two minutes.
for _ in $(seq 600); do
  [ -z "$(squeue -h -j "$merge" 2>/dev/null)" ] && break
  sleep 0.2
done
if [ ! -f "$work/out/result.json" ]; then
  echo "the merge job produced no result; job outputs:"
  cat "$work/out"/slurm-*.out 2>/dev/null || true
  exit 1
fi
cmp "$work/whole.json" "$work/out/result.json"
echo "Slurm recipe: array of 4 shards and a dependent merge gave the unsharded bytes"
