"""The address of an out-of-bounds access, found after the fact.

Neither engine reports the address a trapping load or store used, only
where the instruction is. `farc run` knows that instruction (its module
offset, `runtime.request.describe_trap`), so it runs the calls again in a
copy of the module in which that one instruction first saves its address
operand into a new exported global (`ADDRESS_EXPORT`, i64, -1 until set),
and reads the global after the trap. Execution is deterministic up to the
host functions, which behave the same, so the second run traps at the same
access. Nothing else in the module changes: no function, global or type
index moves (the global is appended after the existing ones and locals are
appended to the one function).
"""
from __future__ import annotations

import re

from .binary import KIND_GLOBAL, Export, Global, decode_bodies, encode_module, parse_module
from .instructions import MEMARG, Instr

ADDRESS_EXPORT = "farc:trap_address"
_PLAIN = re.compile(r"^(i32|i64|f32|f64|v128)\.(load|store)(8|16|32)?(_[su])?$")
_VALTYPES = {"i32": b"\x7f", "i64": b"\x7e", "f32": b"\x7d", "f64": b"\x7c", "v128": b"\x7b"}


def address_probe(wasm: bytes, offset: int) -> bytes | None:
    """`wasm` with the plain load or store at module offset `offset` recording its
    address operand in the exported i64 global `ADDRESS_EXPORT`; None when no such
    instruction starts there (lane, atomic and bulk accesses are not probed)."""
    module = decode_bodies(parse_module(wasm))
    for number, body in enumerate(module.code):
        for k, instr in enumerate(body.instrs or []):
            if instr.offset != offset:
                continue
            match = _PLAIN.match(instr.name)
            memarg = next((v for kind, v in zip(instr.op.imms, instr.imm) if kind == MEMARG), None)
            if match is None or memarg is None:
                return None
            memory64 = module.memory_types()[memarg.mem].memory64
            params = len(module.func_type(module.num_imported_funcs + number).params)
            next_local = params + sum(count for count, _ in body.locals)
            address_local, value_local = next_local, next_local + 1
            global_index = len(module.imports_of(KIND_GLOBAL)) + len(module.globals)
            module.globals.append(Global(b"\x7e\x01", [Instr.make("i64.const", -1), Instr.make("end")]))
            module.exports.append(Export(ADDRESS_EXPORT, KIND_GLOBAL, global_index))
            body.locals.append((1, b"\x7e" if memory64 else b"\x7f"))
            store = match[2] == "store"
            probe: list[Instr] = []
            if store:  # the value is above the address on the stack: keep it aside
                body.locals.append((1, _VALTYPES[match[1]]))
                probe.append(Instr.make("local.set", value_local))
            probe.append(Instr.make("local.tee", address_local))
            if not memory64:
                probe.append(Instr.make("i64.extend_i32_u"))
            probe += [Instr.make("global.set", global_index), Instr.make("local.get", address_local)]
            if store:
                probe.append(Instr.make("local.get", value_local))
            body.instrs[k:k] = probe
            return encode_module(module)
    return None
