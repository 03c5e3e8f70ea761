#!/usr/bin/env bash
# VNN-COMP tool script: install relucert. Argument: the version string "v1".
# Needs Java 17 and Maven 3.8 (Maven fetches every other dependency); builds target/relucert.jar once.
set -euo pipefail
VERSION_STRING=v1
if [ "${1:-}" != "$VERSION_STRING" ]; then
  echo "install_tool.sh: expected the version string '$VERSION_STRING' as first argument, got '${1:-}'" >&2
  exit 1
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v java >/dev/null || { echo "install_tool.sh: java (17 or later) is not installed" >&2; exit 1; }
command -v mvn >/dev/null || { echo "install_tool.sh: mvn (Maven 3.8 or later) is not installed" >&2; exit 1; }
(cd "$here" && mvn -B -q -DskipTests package)
test -f "$here/target/relucert.jar" || { echo "install_tool.sh: the build did not produce target/relucert.jar" >&2; exit 1; }
echo "relucert installed: $here/target/relucert.jar"
