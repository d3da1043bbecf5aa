"""Pass: turn calls of `farc:mem` imports into memory-indexed instructions.

Why: LLVM 22 cannot emit a memory index (its assembler and codegen only know
memory 0), so codegen legalizes every far access into a call of an imported
function whose name says what it stands for (`i32.load.m1.a4`,
`memory.copy.m1.m0`, see `compiler.memory.MemOp`) and whose signature is the
real instruction's stack signature. Replacing `call $import` with the
instruction is therefore stack-neutral. The import every trap calls
(`compiler.memory.TRAP_IMPORT`, `() -> ()`) becomes `unreachable`. Afterwards the imports are removed,
which shifts every function index: calls, `return_call`, `ref.func`, element
segments, exports, the start function, global initializers and the name
section are renumbered. Type indices (`call_indirect`) do not change.

wasm-ld pads call indices to 5-byte LEBs; instructions are re-encoded with
shortest LEBs, so bodies only shrink.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from ...memory import (
    INTRINSIC_MODULE, TRAP_IMPORT, MemOp, MemoryMap, far_call_module, memop_signature, parse_import_name,
)
from ..binary import KIND_FUNC, FuncType, Import, Module
from ..errors import internal
from ..instructions import FUNC, Instr, Memarg, natural_alignment_log2
from . import far_tables

VALTYPE = {"i32": b"\x7f", "i64": b"\x7e", "f32": b"\x7d", "f64": b"\x7c", "v128": b"\x7b"}
TYPE_NAME = {v: k for k, v in VALTYPE.items()}


@dataclass(frozen=True)
class Lowering:
    """What one intrinsic import becomes."""

    import_name: str
    memop: MemOp | None  # None for the trap
    instr: Instr


def expected_signature(op: MemOp, memories: MemoryMap) -> FuncType:
    """The wasm signature the import of `op` must have (address types per memory)."""
    params, results = memop_signature(op, memories)
    return FuncType(tuple(VALTYPE[p] for p in params), tuple(VALTYPE[r] for r in results))


def _show(t: FuncType) -> str:
    params = ", ".join(TYPE_NAME.get(p, p.hex()) for p in t.params)
    results = ", ".join(TYPE_NAME.get(r, r.hex()) for r in t.results)
    return f"({params}) -> ({results})"


def lower_import(imp: Import, module: Module, memories: MemoryMap, passive_data: range = range(0)) -> Lowering:
    """Check one `farc:mem` import and build the instruction it stands for;
    `passive_data[k]` is the data index of passive segment k (`memory.init`, `data.drop`)."""
    if imp.name == TRAP_IMPORT:  # what every trap calls: `unreachable`
        if module.types[imp.desc] != FuncType((), ()):  # type: ignore[index]
            raise internal(f"intrinsic `{imp.name}` has signature {_show(module.types[imp.desc])}, expected () -> ()")
        return Lowering(imp.name, None, Instr.make("unreachable"))
    lib = far_call_module(imp.name)
    if lib is not None:  # call_indirect on lib's table (imported by `far_tables`), with the call's own type
        ftype = module.types[imp.desc]  # type: ignore[index]
        if not ftype.params or ftype.params[-1] != VALTYPE["i32"]:
            raise internal(f"far call intrinsic `{imp.name}` has signature {_show(ftype)}: no table index last")
        return Lowering(imp.name, None, Instr.make("call_indirect", _type_index(module, FuncType(
            ftype.params[:-1], ftype.results)), far_tables.table_index(module, lib)))
    op = parse_import_name(imp.name)
    if op is None:
        raise internal(f"unknown intrinsic import `{INTRINSIC_MODULE}.{imp.name}`")
    for mem in (op.mem, op.mem2):
        if mem is not None and mem not in memories:
            raise internal(f"intrinsic `{imp.name}` names memory {mem}, which the program does not declare")
    actual = module.types[imp.desc]  # type: ignore[index]
    expected = expected_signature(op, memories)
    if actual != expected:
        raise internal(
            f"intrinsic `{imp.name}` has signature {_show(actual)}, expected {_show(expected)}",
        )
    index = memories.wasm_index(op.mem)
    if op.op in ("memory.init", "data.drop"):
        if op.segment is None or not 0 <= op.segment < len(passive_data):
            raise internal(f"intrinsic `{imp.name}` names passive segment {op.segment}; "
                           f"the program has {len(passive_data)}")
        data_index = passive_data[op.segment]
        instr = Instr.make("memory.init", data_index, index) if op.op == "memory.init" else \
            Instr.make("data.drop", data_index)
        return Lowering(imp.name, op, instr)
    if op.offset and op.op.startswith("memory."):
        raise internal(f"intrinsic `{imp.name}`: `{op.op}` takes no offset")
    if op.op in ("memory.size", "memory.grow", "memory.fill"):
        instr = Instr.make(op.op, index)
    elif op.op == "memory.copy":
        if op.mem2 is None:
            raise internal(f"intrinsic `{imp.name}` lacks its source memory")
        instr = Instr.make(op.op, index, memories.wasm_index(op.mem2))
    else:
        if op.align < 1 or op.align & (op.align - 1):
            raise internal(f"intrinsic `{imp.name}` has alignment {op.align}, not a power of two")
        # an alignment above the access width is invalid wasm; it is only a hint, so clamp
        align = min(op.natural_alignment_log2, natural_alignment_log2(op.op))
        if "atomic" in op.op and align != natural_alignment_log2(op.op):
            # wasm requires an atomic access's alignment to be its width (unaligned addresses trap)
            raise internal(f"intrinsic `{imp.name}` has alignment {op.align}; an atomic access needs its width")
        limit = 2**64 if memories[op.mem].memory64 else 2**32
        if not 0 <= op.offset < limit:
            raise internal(f"intrinsic `{imp.name}` has offset {op.offset}, out of range for its memory")
        memarg = Memarg(align, index, op.offset)
        if op.op.endswith("_lane"):
            lanes = 128 // (8 * (1 << natural_alignment_log2(op.op)))
            if op.lane is None or not 0 <= op.lane < lanes:
                raise internal(f"intrinsic `{imp.name}` needs a lane index below {lanes}")
            instr = Instr.make(op.op, memarg, op.lane)
        else:
            instr = Instr.make(op.op, memarg)
    return Lowering(imp.name, op, instr)


def _type_index(module: Module, ftype: FuncType) -> int:
    """The index of `ftype` in the type section, added when it is not there."""
    if ftype not in module.types:
        module.types.append(ftype)
    return module.types.index(ftype)


def run(module: Module, memories: MemoryMap, passive_data: range = range(0)) -> Module:
    """Lower every intrinsic call and drop the intrinsic imports (bodies must be decoded);
    `passive_data`: the data indices the passive segments will have (`data.passive_indices`)."""
    func_imports = module.imports_of(KIND_FUNC)
    lowerings: dict[int, Lowering] = {}
    for index, imp in enumerate(func_imports):
        if imp.module == INTRINSIC_MODULE:
            lowerings[index] = lower_import(imp, module, memories, passive_data)
    for imp in module.imports:
        if imp.module == INTRINSIC_MODULE and imp.kind != KIND_FUNC:
            raise internal(f"`{INTRINSIC_MODULE}.{imp.name}` is imported as a non-function")
    if not lowerings:
        return module

    removed = sorted(lowerings)

    def renumber(old: int, where: str) -> int:
        if old in lowerings:
            raise internal(
                f"intrinsic `{lowerings[old].import_name}` is used as a function value ({where})",
                "intrinsics may only be called directly",
            )
        return old - bisect.bisect_left(removed, old)

    base = module.num_imported_funcs
    for i, body in enumerate(module.code):
        assert body.instrs is not None, "decode_bodies must run before intrinsics"
        owner = module.function_name(base + i)
        new: list[Instr] = []
        for instr in body.instrs:
            if instr.op.prefix == 0 and instr.op.code in (0x10, 0x12) and instr.imm[0] in lowerings:
                new.append(Instr(lowerings[instr.imm[0]].instr.op, lowerings[instr.imm[0]].instr.imm, instr.offset))
                if instr.op.code == 0x12:  # return_call: the instruction, then return
                    new.append(Instr.make("return"))
                continue
            if FUNC in instr.op.imms:
                imm = tuple(
                    renumber(v, f"{instr.name} in `{owner}`") if k == FUNC else v
                    for k, v in zip(instr.op.imms, instr.imm)
                )
                instr = Instr(instr.op, imm, instr.offset)
            new.append(instr)
        body.instrs = new

    _renumber_module_items(module, renumber)
    _renumber_names(module, lowerings, renumber)
    module.imports = [
        imp for imp in module.imports if not (imp.kind == KIND_FUNC and imp.module == INTRINSIC_MODULE)
    ]
    return module


def _renumber_expr(expr: list[Instr], renumber, where: str) -> list[Instr]:
    out = []
    for instr in expr:
        if FUNC in instr.op.imms:
            imm = tuple(renumber(v, where) if k == FUNC else v for k, v in zip(instr.op.imms, instr.imm))
            instr = Instr(instr.op, imm, instr.offset)
        out.append(instr)
    return out


def _renumber_module_items(module: Module, renumber) -> None:
    """Function indices outside code: exports, start, elements, global initializers."""
    for exp in module.exports:
        if exp.kind == KIND_FUNC:
            exp.index = renumber(exp.index, f"export `{exp.name}`")
    if module.start is not None:
        module.start = renumber(module.start, "start function")
    for n, seg in enumerate(module.elements):
        if seg.funcs is not None:
            seg.funcs = [renumber(f, f"element segment {n}") for f in seg.funcs]
        if seg.exprs is not None:
            seg.exprs = [_renumber_expr(e, renumber, f"element segment {n}") for e in seg.exprs]
        if seg.offset is not None:
            seg.offset = _renumber_expr(seg.offset, renumber, f"element segment {n}")
    for n, glob in enumerate(module.globals):
        glob.init = _renumber_expr(glob.init, renumber, f"global {n}")


def _renumber_names(module: Module, lowerings: dict[int, Lowering], renumber) -> None:
    """Function names, local names and label names are keyed by function index."""
    if module.names is None:
        return
    names = module.names
    if 1 in names.maps:
        names.maps[1] = {renumber(i, "name section"): n for i, n in names.maps[1].items() if i not in lowerings}
    for sid, outer in names.indirect.items():
        if sid in (2, 3):  # local and label names: per function
            names.indirect[sid] = {renumber(i, "name section"): m for i, m in outer.items() if i not in lowerings}
