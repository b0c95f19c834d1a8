#!/usr/bin/env bash
# Refresh requirements/test.txt, the pinned test environment that .ci/run installs:
# the newest releases that pyproject.toml allows, for every Python from 3.10 on, with
# their hashes. Run `bash .ci/run --latest` first to see that those releases pass.
#
#   bash scripts/lock.sh                  newest releases of everything
#   bash scripts/lock.sh -P pyyaml        only move PyYAML (any `uv pip compile` option)
set -euo pipefail
cd "$(dirname "$0")/.."

# uv itself, pinned, in a throwaway environment: nothing to install beforehand.
UV_VERSION=0.13.9
tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
python3 -m venv "$tools"
"$tools/bin/pip" install --quiet "uv==$UV_VERSION"

upgrade=(--upgrade)
if [ $# -gt 0 ]; then
    upgrade=("$@")
fi
"$tools/bin/uv" --quiet pip compile pyproject.toml --extra test \
    --universal --python-version 3.10 --generate-hashes --no-emit-package orientation \
    --custom-compile-command "bash scripts/lock.sh" \
    "${upgrade[@]}" -o requirements/test.txt
git --no-pager diff --stat -- requirements/test.txt || true
