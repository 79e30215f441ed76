#!/usr/bin/env bash
# A node-fault drill on this machine with `actortrain faults`: the command is the driver of a clustered run of mlp6 as a
# 2-stage pipeline on two `actortrain node` workers, plus a third that waits as a spare; the fault plan has the driver
# SIGKILL the worker hosting stage 1 at step 22 and fail the stage-file write of the checkpoint at step 24. With
# recovery.on-node-loss = re-place the run does not stop: the spare takes stage 1, the Gloo group is re-formed under a
# new generation and the run replays from the newest in-memory snapshot (recovery.snapshot-every = 4: the one before
# step 20, stage 1's copy being the replica worker 0 kept) rather than the last committed checkpoint (step 16); the
# failed checkpoint at step 24 is dropped and the one at step 16 stays committed. The command then trains the same configuration without faults in one process (a
# clustered run ends bit-identical to it) and prints a row per fault and whether the final weights are identical.
# Usage: examples/fault-drill.sh [train-limit]   (after ./build.sh build)
set -euo pipefail
cd "$(dirname "$0")/.."
limit=${1:-8192}
out=${TMPDIR:-/tmp}/actortrain-fault-drill
rm -rf "$out" && mkdir -p "$out"
sets=(--set data.train-limit="$limit" --set data.test-limit=256 --set run.epochs=1 --set run.checkpoint-every=8 --set run.output-dir="$out"
      --set recovery.on-node-loss=re-place --set recovery.spare-wait=60s --set recovery.snapshot-every=4
      --set 'faults.plan=[{ kind = kill-node, stage = 1, step = 22 }, { kind = checkpoint-write-fail, step = 24 }]')
bin=artifacts/bin/actortrain

workers=()
stop_workers() {
  for pid in "${workers[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${workers[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_workers EXIT

echo "== actortrain faults on hocon/cluster.conf: the clustered run with the faults, then the baseline in one process"
"$bin" faults --config hocon/cluster.conf "${sets[@]}" &
driver=$!
# Two workers take the stages; the third joins after placement and waits as a spare.
for w in 0 1 2; do
  "$bin" node --config hocon/cluster.conf "${sets[@]}" > "$out/worker-$w.log" 2>&1 &
  workers+=($!)
  echo "worker $w started (pid $!, log $out/worker-$w.log)"
  sleep 1
done
code=0
wait "$driver" || code=$?
stop_workers
trap - EXIT
echo "faults exit code: $code (0: identical weights); runs and logs under $out"
exit "$code"
