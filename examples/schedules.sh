#!/usr/bin/env bash
# GPipe against 1F1B on the same model and data: throughput and the measured bubble next to (p-1)/(m+p-1).
# Usage: examples/schedules.sh [micro-batches]   (after ./build.sh build)
set -euo pipefail
cd "$(dirname "$0")/.."
m=${1:-4}
# A fresh directory each time: --profile never overwrites an earlier profile.
out=$(mktemp -d "${TMPDIR:-/tmp}/actortrain-schedules.XXXXXX")
for schedule in gpipe 1f1b; do
  artifacts/bin/actortrain train --config hocon/local-sync.conf \
    --set actortrain.run.epochs=1 --set actortrain.data.train-limit=6400 --set actortrain.data.test-limit=1000 \
    --set actortrain.pipeline.schedule=$schedule --set actortrain.pipeline.micro-batches="$m" \
    --set actortrain.run.output-dir="$out/runs" --profile "$out/$schedule" > "$out-$schedule.log" 2>&1
  python3 - "$out/$schedule/summary.json" "$schedule" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
b = s["bubble"]
print(f'{sys.argv[2]:>6}: {s["samples-per-s"]:8.0f} samples/s, bubble measured {b["measured-share"]:.3f}, theory {b["theoretical-share"]:.3f}')
PY
done
