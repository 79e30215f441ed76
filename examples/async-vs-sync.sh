#!/usr/bin/env bash
# The pipeline without flush (async) against the synchronous 1F1B pipeline on the same slice of Fashion-MNIST:
# samples/s, test accuracy, and each stage's busy share (async fills the bubble the flush leaves). stale: without
# weight stashing; 2bw: one optimizer step per mini-batch instead of per micro-batch, still without flush.
# Usage: examples/async-vs-sync.sh [epochs]   (after ./build.sh build)
set -euo pipefail
cd "$(dirname "$0")/.."
epochs=${1:-1}
# A fresh directory each time: --profile never overwrites an earlier profile.
out=$(mktemp -d "${TMPDIR:-/tmp}/actortrain-async-vs-sync.XXXXXX")
for mode in sync async stale 2bw; do
  extra=(--set actortrain.run.mode=async)
  case $mode in
    sync) extra=(--set actortrain.run.mode=sync) ;;
    stale) extra=(--set actortrain.run.mode=async --set actortrain.async.weight-stashing=off) ;;
    2bw) extra=(--set actortrain.run.mode=async --set actortrain.async.update=mini-batch) ;;
  esac
  artifacts/bin/actortrain train --config hocon/async.conf "${extra[@]}" \
    --set actortrain.run.epochs="$epochs" --set actortrain.data.train-limit=25600 --set actortrain.logging.file=off \
    --set actortrain.run.output-dir="$out/runs" --profile "$out/$mode" > "$out/$mode.log" 2>&1
  python3 - "$out/$mode/summary.json" "$mode" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
busy = ", ".join(f'stage {t["stage"]} busy {t["busy-share"]:.2f}' for t in s["stages"])
acc = s.get("final-accuracy")
acc = f"{acc:.2%}" if acc is not None else "n/a"
print(f'{sys.argv[2]:>6}: {s["samples-per-s"]:6.0f} samples/s, test accuracy {acc}, {busy}')
PY
done
