#!/usr/bin/env bash
# VNN-COMP tool script: decide one instance. Arguments: "v1", the benchmark category, the .onnx file, the
# .vnnlib file, the results file, the time limit in seconds. Writes the results file as the competition
# reads it: a first line sat, unsat, timeout or unknown; after sat, the counterexample as
# ((X_0 v) ... (Y_0 v) ...) in decimal notation. The verifier gets the time limit minus a start-up margin
# (5%, at least 1 s); a run still alive at the limit plus 5 s is killed and "timeout" written.
# RELUCERT_CMD (optional) replaces "java -Xss16m -jar <repo>/target/relucert.jar", e.g. for tests.
set -uo pipefail
VERSION_STRING=v1
if [ "${1:-}" != "$VERSION_STRING" ]; then
  echo "run_instance.sh: expected the version string '$VERSION_STRING' as first argument, got '${1:-}'" >&2
  exit 1
fi
if [ $# -ne 6 ]; then
  echo "run_instance.sh: usage: run_instance.sh v1 CATEGORY ONNX VNNLIB RESULTS TIMEOUT (got $# arguments)" >&2
  exit 1
fi
category=$2 onnx=$3 vnnlib=$4 results=$5 limit=$6
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cmd=${RELUCERT_CMD:-"java -Xss16m -jar $here/target/relucert.jar"}
budget=$(awk -v t="$limit" 'BEGIN { m = t * 0.05; if (m < 1) m = 1; b = t - m; if (b < 0.5 * t) b = 0.5 * t; printf "%.3f", b }')
kill_at=$(awk -v t="$limit" 'BEGIN { printf "%.3f", t + 5 }')
rm -f "$results"
echo "relucert: category '$category', $onnx, $vnnlib, time limit $limit s (verifier budget $budget s)" >&2
# shellcheck disable=SC2086
timeout --kill-after=2 "$kill_at" $cmd verify --net "$onnx" --spec "$vnnlib" --timeout "$budget" \
  --result "$results" --quiet
status=$?
if [ ! -s "$results" ]; then
  case $status in
    124|137) echo "timeout" > "$results" ;;
    *) echo "unknown" > "$results" ;;
  esac
fi
# verify's exit codes (0 unsat, 10 sat, 11 unknown, 12 timeout) are results, not failures of this script
case $status in
  0|10|11|12|124|137) exit 0 ;;
  *) echo "run_instance.sh: relucert exited with status $status; wrote $(head -1 "$results")" >&2; exit 0 ;;
esac
