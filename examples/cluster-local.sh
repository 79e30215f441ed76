#!/usr/bin/env bash
# A clustered run on this machine: two `actortrain node` workers and an `actortrain train` driver on 127.0.0.1.
# The driver places stage 0 of mlp6 on one worker and stage 1 on the other; activations and gradients cross between
# the worker processes over Gloo, positions and control go over Akka. One epoch on a slice of Fashion-MNIST, profiled:
# one trace.json for the driver and both workers.
# Usage: examples/cluster-local.sh [train-limit]   (after ./build.sh build)
set -euo pipefail
cd "$(dirname "$0")/.."
limit=${1:-8192}
out=${TMPDIR:-/tmp}/actortrain-cluster-local
mkdir -p "$out"
sets=(--set data.train-limit="$limit" --set data.test-limit=256 --set run.epochs=1 --set run.output-dir="$out/runs")
bin=artifacts/bin/actortrain

workers=()
stop_workers() {
  for pid in "${workers[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${workers[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_workers EXIT

for i in 0 1; do
  "$bin" node --config hocon/cluster.conf "${sets[@]}" > "$out/worker-$i.log" 2>&1 &
  workers+=($!)
done
echo "workers started (pids ${workers[*]}; logs in $out/worker-*.log)"

code=0
profile="$out/profile-$(date +%Y%m%d-%H%M%S)"
"$bin" train --config hocon/cluster.conf "${sets[@]}" --profile "$profile" || code=$?
# The workers leave by themselves once the driver is gone; SIGTERM (in the trap) makes any that stayed leave now.
stop_workers
trap - EXIT
run=$(ls -d "$out"/runs/cluster-* 2>/dev/null | tail -n 1)
echo "driver exit code: $code"
echo "run directory: ${run:-none} (train.log.jsonl: the driver's log; config.conf: the resolved configuration)"
[ -n "$run" ] && ls "$run"/checkpoints/*/ 2>/dev/null | sed 's/^/  /'
echo "profile: $profile (trace.json for https://ui.perfetto.dev, summary.json, report.html)"
exit "$code"
