"""Which far accesses legalization fuses with their neighbours, and why that is safe.

Why: for memory 0, LLVM's instruction selection folds a constant address
offset into the access (`i32.load offset=8`), a scalar load that fills one
vector lane into `v128.load32_lane`, a load broadcast to every lane into
`v128.load32_splat`, and a sign-extended byte load into `i32.load8_s`. A far
access is a call until after linking, and calls fold with nothing, so
legalization has to do these folds itself or far code is slower than near
code. This module finds them, on the typed model of one function
(`ir_model.Function`), in one pass each:

* `foldable_offsets`: `getelementptr nuw i8, BASE, K` with a constant K. wasm
  adds a memarg offset without wrapping (and traps past the end); `nuw`
  promises that BASE + K does not wrap, so the two agree on every defined
  execution. Without `nuw` nothing is folded: BASE + K might wrap, and then
  the memarg offset would trap where the program does not.
* `sign_extended_loads`: a narrow far load whose only use is a `sext`.
* `extending_loads`: a far `<8 x i8>` (`<4 x i16>`, `<2 x i32>`) load whose
  only use is a lane-wise `zext`/`sext` to 128 bits: wasm's extending loads.
* `lane_loads`: a far scalar load whose only use is an `insertelement` into a
  16-byte vector, or, through that, a splat `shufflevector`. Fusing moves the
  load down to the insertelement (or the shuffle), so it is done only when
  every instruction in between is one it may cross (`ir_model.load_may_cross`:
  pure, or another plain load; never a store, a call of any form, an atomic,
  a volatile access or anything the model does not know) and in the same
  block. Sign extension and offsets move nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .ir_model import (
    Cast, Function, Gep, Generic, Load, Operand, far_space, load_may_cross, mentions_far_space, normalize_name,
)

#: lanes of a 16-byte vector by element type
LANE_COUNTS = {"i8": 16, "i16": 8, "i32": 4, "float": 4, "i64": 2, "double": 2}
#: offsets from here on are not folded (they would not fit a 32-bit index)
OFFSET_LIMIT = 2**31
_CONSTANT_INDEX = re.compile(r"i(?:32|64) (\d+)")


@dataclass(frozen=True)
class LaneLoad:
    """A far scalar load fused into the instruction at `at`: a lane load into
    `vector` (`v128.loadN_lane`, or `v128.loadN_zero` into an empty vector),
    or a splat load (`v128.loadN_splat`) that replaces an insertelement and
    the splat shufflevector after it. `dropped` are the instructions it
    replaces besides the one at `at`."""

    at: int
    dropped: tuple[int, ...]
    vector_type: str   # e.g. <4 x i32>
    count: int
    elem: str          # i8 i16 i32 i64 float double
    vector: str        # the vector operand (poison, zeroinitializer, %v)
    index: int         # the lane
    pointer: Operand
    align: int
    splat: bool = False


def foldable_offsets(function: Function) -> dict[str, tuple[str, int]]:
    """Far pointer name -> (base value, byte offset) for every constant `nuw`
    i8 GEP, with chains (`%b = gep nuw %a, 4` of `%a = gep nuw %p, 8`)
    resolved to their first base (each name once: linear)."""
    direct: dict[str, tuple[str, int]] = {}
    for ins in function.instructions:
        if ins.opcode != "getelementptr" or not mentions_far_space(ins.line):
            continue
        gep = ins.form
        assert isinstance(gep, Gep)
        if "nuw" not in gep.flags or gep.source_type != "i8" or len(gep.indices) != 1:
            continue
        index = _CONSTANT_INDEX.fullmatch(str(gep.indices[0]))
        if index is None or far_space(gep.base.type) is None or int(index.group(1)) >= OFFSET_LIMIT:
            continue
        direct[ins.name] = (gep.base.value, int(index.group(1)))
    resolved: dict[str, tuple[str, int]] = {}
    for name in direct:
        chain = []
        while name in direct and name not in resolved:
            chain.append(name)
            name = normalize_name(direct[name][0])
        base, offset = resolved.get(name, (None, 0))
        for link in reversed(chain):  # from the innermost base outwards
            value, k = direct[link]
            if base is None:
                base, offset = value, 0
            offset += k
            resolved[link] = (base, offset)
    return {name: pair for name, pair in resolved.items() if pair[1] < OFFSET_LIMIT}


def sign_extended_loads(function: Function) -> set[str]:
    """Names of far `i8`/`i16` loads whose only use is a `sext`."""
    narrow = {ins.name for ins in function.instructions
              if ins.opcode == "load" and mentions_far_space(ins.line) and _far_load(ins.form)
              and ins.form.type in ("i8", "i16")}
    found = set()
    for ins in function.instructions:
        if ins.opcode == "sext" and narrow:
            cast = ins.form
            assert isinstance(cast, Cast)
            name = normalize_name(cast.value.value)
            if name in narrow and function.use_count(cast.value.value) == 1:
                found.add(name)
    return found


#: (loaded vector, extended vector) -> the shape of wasm's extending load (`v128.load8x8_u` ...)
EXTENSIONS = {("<8 x i8>", "<8 x i16>"): "8x8", ("<4 x i16>", "<4 x i32>"): "16x4", ("<2 x i32>", "<2 x i64>"): "32x2"}


@dataclass(frozen=True)
class ExtendingLoad:
    """A far half-vector load whose only use is a lane-wise `zext`/`sext` at
    `extend_at`: one `v128.load8x8_u` (`_s`, `16x4`, `32x2`) where the load
    was, and the extension's result `result` a `freeze` of it where the
    extension was (no name moves: see `Legalizer.rewrite_extending_load`).
    Only the extension's work moves (up to its own operand, the load): it is
    pure, so nothing it crosses can tell."""

    extend_at: int
    result: str
    opcode: str       # e.g. v128.load8x8_u
    vector_type: str  # the extended type, e.g. <8 x i16>


def extending_loads(function: Function) -> dict[int, ExtendingLoad]:
    """Load index -> the extension fused into it (see ExtendingLoad)."""
    narrow_types = {loaded for loaded, _ in EXTENSIONS}
    loads = {ins.name: i for i, ins in enumerate(function.instructions)
             if ins.opcode == "load" and mentions_far_space(ins.line) and _far_load(ins.form)
             and not ins.form.volatile and ins.form.type in narrow_types and function.use_count(ins.result) == 1}
    found: dict[int, ExtendingLoad] = {}
    if not loads:
        return found
    for i, ins in enumerate(function.instructions):
        if ins.opcode not in ("zext", "sext"):
            continue
        cast = ins.form
        assert isinstance(cast, Cast)
        at = loads.get(normalize_name(cast.value.value))
        shape = EXTENSIONS.get((cast.value.type, cast.to))
        if at is None or shape is None or cast.trailing and any(not p.startswith("!") for p in cast.trailing):
            continue
        sign = "u" if ins.opcode == "zext" else "s"
        found[at] = ExtendingLoad(i, ins.result, f"v128.load{shape}_{sign}", cast.to)
    return found


def _far_load(form) -> bool:
    return isinstance(form, Load) and not form.atomic and far_space(form.pointer.type) is not None


def barriers_before(function: Function) -> list[int]:
    """For each instruction i, the index of the nearest instruction before it
    that a load may not move across (see `load_may_cross`; the end of the
    previous block counts as one), so a load at L can move down to i exactly
    when that index is below L (which also puts L in i's block)."""
    result, last, block = [], -1, -1
    for i, ins in enumerate(function.instructions):
        if ins.block != block:
            block, last = ins.block, i - 1
        result.append(last)
        if not load_may_cross(ins):
            last = i
    return result


def lane_loads(function: Function) -> dict[int, LaneLoad]:
    """Instruction index -> the far load fused there (see LaneLoad)."""
    loads: dict[str, int] = {}
    for i, ins in enumerate(function.instructions):
        form = ins.form if ins.opcode == "load" and mentions_far_space(ins.line) else None
        if _far_load(form) and not form.volatile and form.type in LANE_COUNTS \
                and function.use_count(ins.result) == 1:
            loads[ins.name] = i
    if not loads:
        return {}
    barrier = barriers_before(function)
    found: dict[int, LaneLoad] = {}
    splat_candidates: dict[str, LaneLoad] = {}  # insertelement result -> its lane load
    for i, ins in enumerate(function.instructions):
        if ins.opcode == "insertelement":
            lane = _lane_load_at(function, i, loads, barrier)
            if lane is None:
                continue
            found[i] = lane
            if lane.index == 0 and lane.vector in ("poison", "undef") and function.use_count(ins.result) == 1:
                splat_candidates[ins.name] = lane
        elif ins.opcode == "shufflevector" and splat_candidates:
            shuffle = ins.form
            assert isinstance(shuffle, Generic)
            first, second, mask = shuffle.typed
            lane = splat_candidates.pop(normalize_name(first.value), None)
            if lane is None:
                continue
            load_at = lane.dropped[0]
            if (first.type == lane.vector_type and second.value in ("poison", "undef")
                    and str(mask) == f"<{lane.count} x i32> zeroinitializer" and barrier[i] < load_at):
                del found[lane.at]
                found[i] = LaneLoad(i, (load_at, lane.at), lane.vector_type, lane.count, lane.elem,
                                    lane.vector, lane.index, lane.pointer, lane.align, splat=True)
    return found


def _lane_load_at(function: Function, at: int, loads: dict[str, int], barrier: list[int]) -> LaneLoad | None:
    insert = function.instructions[at].form
    assert isinstance(insert, Generic)
    vector, element, lane = insert.typed
    load_at = loads.get(normalize_name(element.value))
    if load_at is None or load_at > at or barrier[at] >= load_at:
        return None  # not a lane-sized far load, or it cannot move down to here
    load = function.instructions[load_at].form
    assert isinstance(load, Load)
    shape = re.fullmatch(r"<(\d+) x (.+)>", vector.type)
    index = _CONSTANT_INDEX.fullmatch(str(lane))
    if shape is None or index is None or shape.group(2) != element.type or load.type != element.type \
            or int(shape.group(1)) != LANE_COUNTS[element.type] or vector.value == element.value:
        return None
    return LaneLoad(at, (load_at,), vector.type, int(shape.group(1)), element.type, vector.value,
                    int(index.group(1)), load.pointer, load.align)


__all__ = ["EXTENSIONS", "ExtendingLoad", "LANE_COUNTS", "LaneLoad", "barriers_before", "extending_loads",
           "foldable_offsets", "lane_loads", "sign_extended_loads"]
