#!/usr/bin/env bash
# A short profiled run of the default 2-stage pipeline on a slice of Fashion-MNIST, then where to look.
# Usage: examples/local-pipeline.sh   (after ./build.sh build)
set -euo pipefail
cd "$(dirname "$0")/.."
# A fresh directory each time: --profile never overwrites an earlier profile.
out=$(mktemp -d "${TMPDIR:-/tmp}/actortrain-example.XXXXXX")
artifacts/bin/actortrain train --config hocon/local-sync.conf \
  --set actortrain.run.epochs=1 --set actortrain.data.train-limit=10000 --set actortrain.data.test-limit=2000 \
  --set actortrain.run.output-dir="$out/runs" --profile "$out/profile"
echo
echo "Open $out/profile/report.html in a browser (no network needed),"
echo "load $out/profile/trace.json in Perfetto, or read $out/profile/summary.json."
