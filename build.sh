#!/usr/bin/env bash
# ActorTrain's one entry point: ./build.sh [setup|build|test|run|bench ARGS|clean]
#   setup  install the Debian packages the project needs (only those missing)
#   build  setup + native shim (CMake) + .NET solution; publishes artifacts/bin/actortrain
#   test   build + every test; ends with the line "N passed, N failed[, N skipped]"
#   run    build + the default training job (hocon/local-sync.conf); extra args go to `actortrain train`
#   bench  build + `actortrain bench ARGS` (e.g. ./build.sh bench compute --json)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
CONFIG=${ACTORTRAIN_CONFIGURATION:-Release}
APT_PACKAGES=(libtorch-dev libgloo-dev libopenblas0-pthread dataset-fashion-mnist cmake g++)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

setup() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  command -v dotnet >/dev/null || { echo "error: the .NET SDK (dotnet) is not on PATH; install .NET 10 SDK" >&2; exit 2; }
}

build_native() {
  log "building the native shim (src/native)"
  cmake -S src/native -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/native -j"$(nproc)" >/dev/null
  mkdir -p artifacts/native
  cp build/native/libactortrain_native.so artifacts/native/
  if [ -f build/native/bench/mlp_bench ]; then cp build/native/bench/mlp_bench artifacts/native/; fi
}

build_dotnet() {
  log "building the .NET solution ($CONFIG)"
  dotnet build ActorTrain.sln -c "$CONFIG" -nologo -clp:ErrorsOnly -nodeReuse:false
  log "publishing actortrain to artifacts/bin"
  dotnet publish src/ActorTrain.Cli/ActorTrain.Cli.csproj -c "$CONFIG" --no-build -o artifacts/bin -nologo -clp:ErrorsOnly
  cp artifacts/native/mlp_bench artifacts/bin/ 2>/dev/null || true
}

build() { setup; build_native; build_dotnet; }

run_tests() {
  build
  local results="$ROOT/artifacts/test-results"
  rm -rf "$results"
  log "running tests"
  local rc=0 project name projects=0
  # One project at a time, each with its own TRX file, so no result overwrites another's.
  for project in tests/*/*.Tests.csproj; do
    name=$(basename "$project" .csproj)
    projects=$((projects + 1))
    dotnet test "$project" -c "$CONFIG" --no-build -nologo --results-directory "$results" \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" || rc=$?
  done
  # dotnet test's own output is not what CI reads: sum the TRX counters into one plain line.
  local passed=0 failed=0 skipped=0 files=0
  for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    files=$((files + 1))
    local counters
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    local total executed p f
    total=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
    executed=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
    skipped=$((skipped + ${total:-0} - ${executed:-0}))
  done
  # A test host that crashed wrote no TRX: count each such project as a failure.
  [ "$files" -lt "$projects" ] && failed=$((failed + projects - files))
  if [ "$failed" -eq 0 ] && [ "$rc" -ne 0 ]; then
    # The runner failed without recording a failed test (a build problem, an aborted run): count it.
    failed=1
  fi
  if [ "$skipped" -gt 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
  else
    echo "$passed passed, $failed failed"
  fi
  [ "$failed" -eq 0 ]
}

target=${1:-build}
[ $# -gt 0 ] && shift
case "$target" in
  setup) setup ;;
  build) build ;;
  test) run_tests ;;
  run) build; exec artifacts/bin/actortrain train --config hocon/local-sync.conf "$@" ;;
  bench) build; exec artifacts/bin/actortrain bench "$@" ;;
  clean) rm -rf build artifacts; find src tests -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} + ;;
  *) echo "usage: ./build.sh [setup|build|test|run|bench ARGS|clean]" >&2; exit 2 ;;
esac
