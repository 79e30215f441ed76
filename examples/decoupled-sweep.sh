#!/usr/bin/env bash
# What does the sync recovery after decoupled training need to end level with end-to-end training? Every row trains
# mlp6 on all of Fashion-MNIST for the same number of epochs (default 3): the reference is sync 1F1B for all of them;
# the others spend all but the recovery epochs decoupled (hocon/decoupled.conf) and change one setting from the
# plain setting (lr 0.02 throughout, 1 recovery epoch) at a time. Each row runs once per seed; the table gives the mean
# final test accuracy and its difference with the sync reference (paired by seed). About 2 minutes a run on a quiet
# 2-core machine.
# Usage: examples/decoupled-sweep.sh [epochs] [seeds] [row ...]   (after ./build.sh build; rows by name, default all)
set -euo pipefail
cd "$(dirname "$0")/.."
epochs=${1:-3}
seeds=${2:-2}
shift $(( $# > 2 ? 2 : $# ))
out=$(mktemp -d "${TMPDIR:-/tmp}/actortrain-decoupled-sweep.XXXXXX")

# name | settings separated by ';' (each becomes one --set). Every row names its whole mode plan, so the rows mean the
# same whatever hocon/decoupled.conf says; the rest of hocon/decoupled.conf (codes, noise, loss) is the common ground.
plan() { # decoupled-epochs recovery-epochs [decoupled-entry keys] [recovery-entry keys]
  echo "mode-plan=[{mode=decoupled, epochs=$1${3:+, $3}}, {mode=sync, epochs=$2, ${4:-optimizer-state=reset}}]"
}
d=$((epochs - 1))
rows=(
  "sync-only|run.mode=sync;mode-plan=[];run.epochs=$epochs"
  "lr-0.02-throughout|$(plan $d 1)"
  "recovery-lr-0.01|$(plan $d 1 '' 'optimizer-state=reset, lr=0.01')"
  "recovery-lr-0.05|$(plan $d 1 '' 'optimizer-state=reset, lr=0.05')"
  "recovery-keeps-momentum|$(plan $d 1 '' 'optimizer-state=keep')"
  "two-recovery-epochs|$(plan $((epochs - 2)) 2)"
  "noise-0|$(plan $d 1);decoupled.noise-sigma=0"
  "decoupled-lr-0.1|$(plan $d 1 lr=0.1)"
  "decoupled-lr-0.3|$(plan $d 1 lr=0.3)"
  "decoupled-lr-0.1-model-end|$(plan $d 1 lr=0.1);decoupled.stage-end=model;decoupled.codes=uniform;decoupled.code-scale=4"
  "decoupled-lr-0.1-sequential|$(plan $d 1 lr=0.1);decoupled.variant=sequential"
)
wanted=("$@")

# FIRST_SEED=K starts at seed K; ACTORTRAIN=PATH runs another build.
# SWEEP_RESULTS=FILE appends to (and tabulates) an earlier sweep's results, e.g. to add a seed.
results=${SWEEP_RESULTS:-$out/results.tsv}
for seed in $(seq "${FIRST_SEED:-1}" "$seeds"); do
  for row in "${rows[@]}"; do
    name=${row%%|*}
    if (( ${#wanted[@]} > 0 )) && [[ ! " ${wanted[*]} " == *" $name "* ]]; then continue; fi
    sets=(--set "run.seed=$seed" --set "logging.file=off" --set "run.output-dir=$out/runs")
    IFS=';' read -r -a extra <<< "${row#*|}"
    for s in "${extra[@]}"; do sets+=(--set "$s"); done
    log="$out/$name-seed$seed.log"
    start=$(date +%s)
    "${ACTORTRAIN:-artifacts/bin/actortrain}" train --config hocon/decoupled.conf "${sets[@]}" > "$log" 2>&1 || { echo "$name seed $seed failed: $log" >&2; exit 1; }
    acc=$(grep -o 'final test accuracy [0-9.]*' "$log" | tail -1 | awk '{print $4}')
    printf '%s\t%s\t%s\t%s\n' "$name" "$seed" "$acc" "$(( $(date +%s) - start ))" | tee -a "$results"
  done
done

python3 - "$results" "$epochs" <<'PY'
import statistics as st, sys
rows = {}
for line in open(sys.argv[1]):
    name, seed, acc, secs = line.rstrip("\n").split("\t")
    rows.setdefault(name, {})[int(seed)] = (float(acc), int(secs))
ref = rows.get("sync-only", {})
print(f"\n{sys.argv[2]} epochs in total, mean over seeds (difference with sync-only paired by seed):")
print(f"{'row':<30}{'seeds':>6}{'final acc %':>12}{'sd':>7}{'vs sync':>9}{'wall s':>8}")
for name, by_seed in rows.items():
    accs = [a for a, _ in by_seed.values()]
    diffs = [by_seed[s][0] - ref[s][0] for s in by_seed if s in ref]
    sd = st.stdev(accs) if len(accs) > 1 else 0.0
    vs = f"{st.mean(diffs):+.2f}" if diffs and name != "sync-only" else ""
    print(f"{name:<30}{len(accs):>6}{st.mean(accs):>12.2f}{sd:>7.2f}{vs:>9}{st.mean(s for _, s in by_seed.values()):>8.0f}")
PY
echo "logs: $out"
