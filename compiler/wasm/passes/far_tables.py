"""Pass: import the function tables that far function pointers index.

Why: a far function pointer (`#[far(lib)] fn(u32) -> u32`) is an index into
lib's table, and a call through it is `call_indirect` on that table. LLVM
cannot name a second table, so codegen calls the `farc:mem` import
`call_far.<lib>.<n>` (`compiler.memory.far_call_import`) instead; the
`intrinsics` pass turns each call into `call_indirect`. This pass, which runs
first, gives the module the tables those instructions need: one table import
`lib.__indirect_function_table` per module named, added after the imports
already there. Imported tables come first in the table index space, so the
module's own tables move up by the number of tables added: every table
immediate, element segment, table export and table name is renumbered.
"""
from __future__ import annotations

from ...memory import FAR_CALL_PREFIX, FUNCTION_TABLE, INTRINSIC_MODULE, far_call_module
from ..binary import KIND_FUNC, KIND_TABLE, Import, Module
from ..errors import internal
from ..instructions import TABLE, Instr

#: funcref, limits without a maximum, minimum 0: any table of functions fits
FUNCREF_TABLE = b"\x70\x00\x00"
#: element segment encodings whose table is implicitly 0: their explicit twins, with the kind byte
_IMPLICIT_TABLE = {0: (2, b"\x00"), 4: (6, b"\x70")}


def run(module: Module) -> Module:
    wanted = []
    for imp in module.imports_of(KIND_FUNC):
        if imp.module == INTRINSIC_MODULE and imp.name.startswith(FAR_CALL_PREFIX):
            lib = far_call_module(imp.name)
            if lib is None:
                raise internal(f"malformed far call intrinsic `{imp.name}`")
            if lib not in wanted:
                wanted.append(lib)
    present = {imp.module for imp in module.imports_of(KIND_TABLE) if imp.name == FUNCTION_TABLE}
    added = [lib for lib in wanted if lib not in present]
    if not added:
        return module
    first_defined = len(module.imports_of(KIND_TABLE))
    shift = len(added)
    module.imports += [Import(lib, FUNCTION_TABLE, KIND_TABLE, FUNCREF_TABLE) for lib in added]

    def moved(index: int) -> int:
        return index + shift if index >= first_defined else index

    for body in module.code:
        assert body.instrs is not None, "decode_bodies must run before far_tables"
        body.instrs = [_renumbered(i, moved) for i in body.instrs]
    for seg in module.elements:
        if seg.offset is not None:  # active: it names its table, explicitly from now on
            seg.table = moved(seg.table)
            if seg.table != 0 and seg.flags in _IMPLICIT_TABLE:
                seg.flags, seg.kind = _IMPLICIT_TABLE[seg.flags]
    for exp in module.exports:
        if exp.kind == KIND_TABLE:
            exp.index = moved(exp.index)
    if module.names is not None and 5 in module.names.maps:
        module.names.maps[5] = {moved(i): n for i, n in module.names.maps[5].items()}
    return module


def table_index(module: Module, lib: str) -> int:
    """The index of the table imported from `lib` (this pass must have run)."""
    tables = module.imports_of(KIND_TABLE)
    for index, imp in enumerate(tables):
        if imp.module == lib and imp.name == FUNCTION_TABLE:
            return index
    raise internal(f"no table is imported from `{lib}` for its far function pointers")


def _renumbered(instr: Instr, moved) -> Instr:
    if TABLE not in instr.op.imms:
        return instr
    imm = tuple(moved(v) if k == TABLE else v for k, v in zip(instr.op.imms, instr.imm))
    return Instr(instr.op, imm, instr.offset)
