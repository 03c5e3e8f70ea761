#!/usr/bin/env bash
# VNN-COMP tool script: prepare one instance. Arguments: "v1", the benchmark category, the .onnx file,
# the .vnnlib file. relucert needs no per-instance set-up; this checks that the tool is installed and the
# files exist, and exits non-zero (so the instance is skipped) otherwise.
set -uo pipefail
VERSION_STRING=v1
if [ "${1:-}" != "$VERSION_STRING" ]; then
  echo "prepare_instance.sh: expected the version string '$VERSION_STRING' as first argument, got '${1:-}'" >&2
  exit 1
fi
if [ $# -ne 4 ]; then
  echo "prepare_instance.sh: usage: prepare_instance.sh v1 CATEGORY ONNX VNNLIB (got $# arguments)" >&2
  exit 1
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for f in "$3" "$4"; do
  [ -r "$f" ] || { echo "prepare_instance.sh: cannot read $f" >&2; exit 1; }
done
if [ -z "${RELUCERT_CMD:-}" ] && [ ! -f "$here/target/relucert.jar" ]; then
  echo "prepare_instance.sh: $here/target/relucert.jar is missing; run install_tool.sh v1 first" >&2
  exit 1
fi
exit 0
