#!/usr/bin/env bash
# A node-fault drill on this machine: a driver and two `actortrain node` workers train mlp6 as a 2-stage pipeline; the
# fault plan has the driver SIGKILL the worker hosting stage 1 at step 22. With recovery.on-node-loss = re-place the run
# does not stop: when the kill happens this script starts a fresh worker, the driver places stage 1 on it, re-forms the
# Gloo group under a new generation and replays from the newest in-memory snapshot (recovery.snapshot-every = 4: the
# one before step 20, stage 1's copy being the replica worker 0 kept) rather than the last committed checkpoint (step
# 16). The final weights are then compared (SHA-256 over every tensor) with the same configuration trained without the
# fault in one process.
# Usage: examples/fault-drill.sh [train-limit]   (after ./build.sh build)
set -euo pipefail
cd "$(dirname "$0")/.."
limit=${1:-8192}
out=${TMPDIR:-/tmp}/actortrain-fault-drill
rm -rf "$out" && mkdir -p "$out"
sets=(--set data.train-limit="$limit" --set data.test-limit=256 --set run.epochs=1 --set run.checkpoint-every=8)
faulted=("${sets[@]}" --set run.output-dir="$out/cluster" --set recovery.on-node-loss=re-place --set recovery.spare-wait=60s
         --set recovery.snapshot-every=4 --set 'faults.plan=[{ kind = kill-node, stage = 1, step = 22 }]')
bin=artifacts/bin/actortrain

echo "== baseline: the same configuration without the fault, in one process"
"$bin" train --config hocon/cluster.conf "${sets[@]}" --set run.output-dir="$out/baseline" --set cluster.enabled=off > "$out/baseline.log" 2>&1
grep -E "^[0-9]+ steps" "$out/baseline.log" || { cat "$out/baseline.log"; exit 1; }

workers=()
stop_workers() {
  for pid in "${workers[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${workers[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_workers EXIT
start_worker() {
  "$bin" node --config hocon/cluster.conf "${faulted[@]}" > "$out/worker-$1.log" 2>&1 &
  workers+=($!)
  echo "worker $1 started (pid $!, log $out/worker-$1.log)"
}

echo "== clustered run with a kill-node fault"
start_worker 0
start_worker 1
"$bin" train --config hocon/cluster.conf "${faulted[@]}" > "$out/driver.log" 2>&1 &
driver=$!
until grep -q "Injecting kill-node" "$out/driver.log" 2>/dev/null; do
  kill -0 "$driver" 2>/dev/null || break
  sleep 0.5
done
grep -o "Injecting kill-node.*" "$out/driver.log" || true
start_worker 2
code=0
wait "$driver" || code=$?
stop_workers
trap - EXIT
grep -E "of every stage held|joined as a spare|takes the lost|Rolling back|Re-placing|Recovered from" "$out/driver.log" | tail -n 8 | sed 's/^/  /' || true
grep -E "^[0-9]+ steps|^Node fault recovery" "$out/driver.log" || true
echo "driver exit code: $code"

echo "== final weights (actortrain faults --digest: SHA-256 over every tensor of the final checkpoint)"
base_run=$(ls -d "$out"/baseline/cluster-* | tail -n 1)
run=$(ls -d "$out"/cluster/cluster-* 2>/dev/null | tail -n 1)
base=$("$bin" faults --digest "$base_run" | cut -d' ' -f1)
clus=$([ -n "$run" ] && "$bin" faults --digest "$run" | cut -d' ' -f1 || echo none)
echo "one process (no fault): $base"
echo "clustered (kill-node):  $clus"
[ "$base" = "$clus" ] && identical=yes || identical=no
echo "identical weights: $identical"
echo "run directory: ${run:-none} (driver log: $out/driver.log, workers: $out/worker-*.log)"
[ "$code" = 0 ] && [ "$identical" = yes ]
