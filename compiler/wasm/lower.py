"""Lowering a multi-memory module to one memory, each former memory kept in its own region.

For engines without multi-memory (Node 20, older browsers): `farc build
--lower-multi-memory`. The memories become regions of one linear memory, and
every access is kept inside its own region, so a far access out of bounds
traps instead of reading the neighbour (isolation survives the lowering):

    [ region of memory a | region of memory b | ... | home region (wasm memory 0) ... grows -> ]

* The home memory (wasm memory 0, where farc puts memory 0 unless told
  otherwise) is the last region, at base B. Its loads and stores only get
  `B` added to their static offset: wasm adds the offset to the address
  without wrapping, and nothing lies beyond the home region, so an
  out-of-bounds home access is out of bounds of the physical memory and
  traps, with no instruction added. `memory.grow` on it grows the physical
  memory.
* Every other memory gets a fixed region of its maximum size (its `max`, or
  its `min` when it has none: such a memory cannot grow once lowered) and a
  bounds check before each access: an address with `address + offset +
  width > size` is replaced by 0xFFFFFFFF (a `select`, no branch), and the
  access runs at `offset + base`, so an out-of-region address lies past
  4 GiB and traps as any out-of-bounds access does. The size is a
  constant when the module never grows the memory, else a global that a
  generated `memory.grow` helper keeps (growing only within the region).
* Bulk operations (`memory.fill`, `memory.copy`, `memory.init`) check each
  range against its region's current size (64-bit arithmetic, no overflow)
  and add the bases; a range out of its memory traps with an out-of-bounds
  load (the trap the engine reports for the multi-memory module too).
* Data segments move by their region's base; one that does not fit its
  memory's initial size is an error (it would spill into the next region).

Binaryen's `--multi-memory-lowering` does the same layout without any bounds
check (an out-of-bounds access reads the next memory: isolation is lost),
and `--multi-memory-lowering-with-bounds-checks` compares a byte address with
a size in pages, so it traps on accesses that are in bounds (measured with
Binaryen 132; docs/design.md, "Engines without multi-memory").

Not lowered (an error, `LowerError`): imported memories (the host provides
separate memories), 64-bit and shared memories, atomic accesses, and a far
memory that is exported (the host would see the whole physical memory). The
home memory's export, if any, is kept: it names the physical memory, and an
exported immutable global `<name>.base` says where the home region starts.
"""
from __future__ import annotations

from dataclasses import dataclass

from .binary import KIND_GLOBAL, KIND_MEMORY, DataSegment, Export, FuncBody, FuncType, Global, MemType, Module
from .instructions import MEM, MEMARG, Instr, Memarg, natural_alignment_log2

PAGE = 65536
I32, I64, F32, F64, V128 = b"\x7f", b"\x7e", b"\x7d", b"\x7c", b"\x7b"
MAX_PAGES = 65536


def _trap() -> list[Instr]:
    """An out-of-bounds trap, as the engine reports it for any access past the end: a byte
    load at address 2^32, which no 32-bit memory holds (so a lowered far access traps with the
    same kind of trap as the multi-memory one)."""
    return [Instr.make("i32.const", -1), Instr.make("i32.load8_u", Memarg(0, 0, 1)), Instr.make("drop")]


class LowerError(Exception):
    """The module uses something the lowering cannot keep isolated."""


@dataclass
class _Region:
    memory: int  # wasm index in the multi-memory module
    base: int  # byte offset in the single memory
    cap_pages: int | None  # None for the home region (grows the physical memory)
    min_pages: int
    grows: bool  # the module grows this memory: its size lives in a global
    size_global: int | None = None  # pages, when `grows`
    grow_helper: int | None = None  # function index of its memory.grow

    @property
    def home(self) -> bool:
        return self.cap_pages is None


def lower(module: Module) -> Module:
    """`module` (bodies decoded) with one memory; raises LowerError."""
    memories = module.memory_types()
    if len(memories) <= 1:
        return module
    if module.imports_of(KIND_MEMORY):
        raise LowerError("the module imports a memory: the host provides it separately, so it cannot "
                         "become part of one linear memory")
    for index, mtype in enumerate(memories):
        if mtype.memory64 or mtype.shared:
            raise LowerError(f"memory {_name(module, index)} is {'a 64-bit' if mtype.memory64 else 'a shared'} "
                             "memory, which the lowering does not support")
    for exp in module.exports:
        if exp.kind == KIND_MEMORY and exp.index != 0:
            raise LowerError(f"memory {_name(module, exp.index)} is exported as `{exp.name}`: a lowered module "
                             "has one memory, and exporting it would expose every region")
    grown = _grown_memories(module)
    regions = _layout(module, memories, grown)
    _add_size_globals(module, regions)
    _add_grow_helpers(module, regions)
    by_memory = {r.memory: r for r in regions}
    nimported = module.num_imported_funcs
    helpers = {r.grow_helper for r in regions if r.grow_helper is not None}
    for i, body in enumerate(module.code):
        if nimported + i in helpers:
            continue
        params = len(module.types[module.functions[i]].params)
        _lower_body(body, _Scratch(body, params), by_memory, module.function_name(nimported + i))
    _move_data(module, by_memory)
    home = by_memory[0]
    phys_min = home.base // PAGE + home.min_pages
    phys_max = None if memories[0].max is None else home.base // PAGE + memories[0].max
    if phys_min > MAX_PAGES or (phys_max is not None and phys_max > MAX_PAGES):
        raise LowerError(f"the regions need {phys_max or phys_min} pages, more than a 32-bit memory has")
    module.memories = [MemType(phys_min, phys_max)]
    _home_export(module, home)
    if module.names is not None:
        module.names.maps[6] = {0: "lowered"}
    return module


def _name(module: Module, index: int) -> str:
    names = module.names.maps.get(6, {}) if module.names is not None else {}
    return f"`{names[index]}`" if index in names else str(index)


def _grown_memories(module: Module) -> set[int]:
    return {i.imm[0] for body in module.code for i in body.instrs or [] if i.name == "memory.grow"}


def _layout(module: Module, memories: list[MemType], grown: set[int]) -> list[_Region]:
    regions = []
    base = 0
    for index, mtype in enumerate(memories):
        if index == 0:
            continue
        cap = mtype.max if mtype.max is not None else mtype.min
        regions.append(_Region(index, base, cap, mtype.min, index in grown))
        base += cap * PAGE
    regions.append(_Region(0, base, None, memories[0].min, 0 in grown))
    return regions


def _add_size_globals(module: Module, regions: list[_Region]) -> None:
    base = len(module.imports_of(KIND_GLOBAL))
    for region in regions:
        if region.grows and not region.home:
            region.size_global = base + len(module.globals)
            module.globals.append(Global(I32 + b"\x01", [Instr.make("i32.const", region.min_pages), Instr.make("end")]))


def _type_index(module: Module, ftype: FuncType) -> int:
    if ftype not in module.types:
        module.types.append(ftype)
    return module.types.index(ftype)


def _add_grow_helpers(module: Module, regions: list[_Region]) -> None:
    """`(delta) -> old size or -1`: growing within the region only."""
    type_index = _type_index(module, FuncType((I32,), (I32,)))
    for region in regions:
        if region.size_global is None:
            continue
        g, cap = region.size_global, region.cap_pages
        body = [
            # delta > cap - size -> -1 (unsigned: a negative delta is a huge one, as memory.grow treats it)
            Instr.make("local.get", 0), Instr.make("i32.const", cap), Instr.make("global.get", g), Instr.make("i32.sub"),
            Instr.make("i32.gt_u"), Instr.make("if", b"\x40"), Instr.make("i32.const", -1), Instr.make("return"),
            Instr.make("end"),
            Instr.make("global.get", g),
            Instr.make("global.get", g), Instr.make("local.get", 0), Instr.make("i32.add"), Instr.make("global.set", g),
            Instr.make("end"),
        ]
        region.grow_helper = module.num_imported_funcs + len(module.functions)
        module.functions.append(type_index)
        module.code.append(FuncBody([], b"", -1, body))
        if module.names is not None:
            module.names.functions[region.grow_helper] = f"farc.grow.{_name(module, region.memory).strip('`')}"


# ---------------------------------------------------------------------------
# Code


class _Scratch:
    """Extra locals of one function, added on first use: `which` tells apart
    several of one value type (the three operands of a bulk operation)."""

    def __init__(self, body: FuncBody, params: int) -> None:
        self.body = body
        self.first = params + sum(n for n, _ in body.locals)
        self.slots: dict[tuple[bytes, int], int] = {}

    def get(self, valtype: bytes, which: int = 0) -> int:
        key = (valtype, which)
        if key not in self.slots:
            self.slots[key] = self.first + len(self.slots)
            self.body.locals.append((1, valtype))
        return self.slots[key]


_STORE_VALUE = {"i32": I32, "i64": I64, "f32": F32, "f64": F64, "v128": V128}


def _value_type(name: str) -> bytes:
    return _STORE_VALUE[name.split(".")[0]]


def _width(instr: Instr) -> int:
    """Bytes an access touches, from its opcode (`v128.load8x8_s` reads 8)."""
    name = instr.name
    if name.startswith("v128.load") and "x" in name.split(".")[1]:
        return 8
    try:
        return 1 << natural_alignment_log2(name)
    except ValueError:
        raise LowerError(f"`{name}` is not an access the lowering knows the width of") from None


def _lower_body(body: FuncBody, scratch: _Scratch, regions: dict[int, _Region], fname: str) -> None:
    assert body.instrs is not None, "decode_bodies first"
    out: list[Instr] = []
    for instr in body.instrs:
        kinds = instr.op.imms
        if MEMARG not in kinds and MEM not in kinds:
            out.append(instr)
            continue
        if "atomic" in instr.name:
            raise LowerError(f"`{fname}` uses `{instr.name}`: atomic accesses are not lowered")
        out.extend(_lower_instr(instr, regions, scratch, fname))
    body.instrs = out


def _lower_instr(instr: Instr, regions: dict[int, _Region], s: _Scratch, fname: str) -> list[Instr]:
    name = instr.name
    if name == "memory.size":
        return _size(regions[instr.imm[0]], pages=True)
    if name == "memory.grow":
        region = regions[instr.imm[0]]
        if region.home:  # the physical memory grows; its old size counts from the home region's base
            old = s.get(I32)
            return [Instr.make("memory.grow", 0), Instr.make("local.set", old),
                    Instr.make("local.get", old), Instr.make("i32.const", region.base // PAGE), Instr.make("i32.sub"),
                    Instr.make("local.get", old),
                    Instr.make("local.get", old), Instr.make("i32.const", -1), Instr.make("i32.ne"),
                    Instr.make("select")]
        if region.grow_helper is None:  # cannot happen: a grown memory has a helper
            raise LowerError(f"memory.grow in `{fname}` without a helper")
        return [Instr.make("call", region.grow_helper)]
    if name == "memory.fill":
        return _bulk(regions, [(instr.imm[0], 0)], s, [Instr.make("memory.fill", 0)], fill=True)
    if name == "memory.copy":
        return _bulk(regions, [(instr.imm[0], 0), (instr.imm[1], 1)], s, [Instr.make("memory.copy", 0, 0)])
    if name == "memory.init":
        return _bulk(regions, [(instr.imm[1], 0)], s, [Instr.make("memory.init", instr.imm[0], 0)], init=True)
    return _access(instr, regions, s)


def _moved(instr: Instr, base: int) -> Instr:
    """`instr` on memory 0 with `base` added to its memarg offset."""
    imm = tuple(Memarg(v.align, 0, v.offset + base) if isinstance(v, Memarg) else v for v in instr.imm)
    return Instr(instr.op, imm, instr.offset)


def _access(instr: Instr, regions: dict[int, _Region], s: _Scratch) -> list[Instr]:
    memarg = next(v for v in instr.imm if isinstance(v, Memarg))
    region = regions[memarg.mem]
    if memarg.offset + region.base >= 1 << 32:
        return [Instr.make("unreachable")]  # the effective address is past 4 GiB: it always traps
    moved = _moved(instr, region.base)
    if region.home:
        return [moved]
    # a value above the address on the stack (stores, lane operations) is set aside during the check
    name = instr.name
    takes_value = "store" in name or name.endswith("_lane")
    value_type = V128 if name.endswith("_lane") else (_value_type(name) if "store" in name else None)
    addr = s.get(I32)
    value = s.get(value_type, 1) if takes_value else None  # type: ignore[arg-type]
    out: list[Instr] = []
    if value is not None:
        out.append(Instr.make("local.set", value))
    extent = memarg.offset + _width(instr)
    if region.base + memarg.offset > 0:
        # branch-free: an address out of the region becomes 0xFFFFFFFF, and with the region's base
        # in the offset the access lies past 4 GiB: the engine's own out-of-bounds trap
        out += [Instr.make("local.set", addr), Instr.make("i32.const", -1), Instr.make("local.get", addr),
                Instr.make("local.get", addr), *_out_of_region(region, extent), Instr.make("select")]
    else:
        out += [Instr.make("local.tee", addr), *_out_of_region(region, extent),
                Instr.make("if", b"\x40"), *_trap(), Instr.make("end"), Instr.make("local.get", addr)]
    if value is not None:
        out.append(Instr.make("local.get", value))
    out.append(moved)
    return out


def _out_of_region(region: _Region, extent: int) -> list[Instr]:
    """With an address on the stack: consume it, leave 1 if address + extent passes the region's size."""
    if not region.grows:
        limit = region.min_pages * PAGE - extent
        if limit < 0:
            return [Instr.make("drop"), Instr.make("i32.const", 1)]
        return [Instr.make("i32.const", _s32(limit)), Instr.make("i32.gt_u")]
    return [Instr.make("i64.extend_i32_u"), Instr.make("i64.const", extent), Instr.make("i64.add"),
            *_size(region, pages=False), Instr.make("i64.gt_u")]


def _size(region: _Region, pages: bool) -> list[Instr]:
    """The region's current size: an i32 in pages (`memory.size`), or an i64 in bytes."""
    if region.home:
        code = [Instr.make("memory.size", 0), Instr.make("i32.const", region.base // PAGE), Instr.make("i32.sub")]
    elif region.size_global is not None:
        code = [Instr.make("global.get", region.size_global)]
    else:
        code = [Instr.make("i32.const", region.min_pages)]
    if pages:
        return code
    return code + [Instr.make("i64.extend_i32_u"), Instr.make("i64.const", PAGE), Instr.make("i64.mul")]


def _bulk(regions: dict[int, _Region], ranges: list[tuple[int, int]], s: _Scratch, op: list[Instr],
          fill: bool = False, init: bool = False) -> list[Instr]:
    """fill [d, v, n], copy [d, s, n], init [d, s, n]: check every (address, n) against its region,
    then run the operation on the addresses moved by the bases. `ranges`: (memory, operand)."""
    n, second, first = s.get(I32, 0), s.get(I32, 1), s.get(I32, 2)
    out = [Instr.make("local.set", n), Instr.make("local.set", second), Instr.make("local.set", first)]
    operand_local = {0: first, 1: second}
    for memory, operand in ranges:
        region = regions[memory]
        out += [Instr.make("local.get", operand_local[operand]), Instr.make("i64.extend_i32_u"),
                Instr.make("local.get", n), Instr.make("i64.extend_i32_u"), Instr.make("i64.add"),
                *_size(region, pages=False), Instr.make("i64.gt_u"),
                Instr.make("if", b"\x40"), *_trap(), Instr.make("end")]
    bases = {operand: regions[memory].base for memory, operand in ranges}
    for operand, local in ((0, first), (1, second)):
        out.append(Instr.make("local.get", local))
        if bases.get(operand):
            out += [Instr.make("i32.const", _s32(bases[operand])), Instr.make("i32.add")]
    out.append(Instr.make("local.get", n))
    return out + op


def _s32(value: int) -> int:
    return value - (1 << 32) if value >= 1 << 31 else value


# ---------------------------------------------------------------------------
# Data and exports


def _move_data(module: Module, regions: dict[int, _Region]) -> None:
    for seg in module.data:
        if seg.offset is None:
            continue
        region = regions[seg.memory]
        expr = seg.offset
        if len(expr) != 2 or expr[0].name != "i32.const":
            raise LowerError("a data segment's offset is not a constant: it cannot be moved to its region")
        start = expr[0].imm[0] & 0xFFFFFFFF
        if start + len(seg.data) > region.min_pages * PAGE:
            raise LowerError(f"a data segment of memory {seg.memory} ends past the memory's initial size")
        module.data[module.data.index(seg)] = DataSegment(
            seg.data, 0, [Instr.make("i32.const", _s32(start + region.base)), Instr.make("end")])


def _home_export(module: Module, home: _Region) -> None:
    exports = [e for e in module.exports if e.kind == KIND_MEMORY]
    for exp in exports:
        global_index = len(module.imports_of(KIND_GLOBAL)) + len(module.globals)
        module.globals.append(Global(I32 + b"\x00", [Instr.make("i32.const", _s32(home.base)), Instr.make("end")]))
        module.exports.append(Export(f"{exp.name}.base", KIND_GLOBAL, global_index))
