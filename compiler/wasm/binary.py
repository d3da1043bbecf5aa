"""A wasm module as Python data: read a binary, change it, write it back.

The post-link passes need more than a byte walker: they remove imports (so
function indices shift everywhere), replace the memory section, add data
segments and keep the name section in step. This module parses every
section the linker can produce into dataclasses (`Module`) and writes them
back in the canonical section order. Function bodies are kept as raw bytes
until `decode_bodies` is called, so a pass that does not look at code pays
nothing and a body that cannot be decoded can be reported with its
function's name (which is only known once the name section is read).

Custom sections other than `name` are kept verbatim at their position;
`name` is parsed into its subsections so indices can be renumbered.
Unknown non-custom sections are an error rather than being dropped.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .encoding import DecodeError, Reader, name_bytes, uleb, vec
from .instructions import Instr, UndecodableInstruction, decode_instructions, encode_instructions, read_const_expr
from .instructions import read_valtype

MAGIC = b"\x00asm\x01\x00\x00\x00"

# Section ids
CUSTOM, TYPE, IMPORT, FUNCTION, TABLE, MEMORY, GLOBAL, EXPORT, START, ELEMENT, CODE, DATA, DATACOUNT, TAG = (
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
)
#: Canonical order of the non-custom sections (tag sits between memory and global).
SECTION_ORDER = (TYPE, IMPORT, FUNCTION, TABLE, MEMORY, TAG, GLOBAL, EXPORT, START, ELEMENT, DATACOUNT, CODE, DATA)

# External kinds (imports and exports)
KIND_FUNC, KIND_TABLE, KIND_MEMORY, KIND_GLOBAL, KIND_TAG = 0, 1, 2, 3, 4
KIND_NAMES = {KIND_FUNC: "func", KIND_TABLE: "table", KIND_MEMORY: "memory", KIND_GLOBAL: "global", KIND_TAG: "tag"}


@dataclass(frozen=True)
class FuncType:
    """A function signature; value types as their raw encodings (b"\\x7f" is i32)."""

    params: tuple[bytes, ...]
    results: tuple[bytes, ...]


@dataclass(frozen=True)
class MemType:
    """Limits of a linear memory, in 64 KiB pages."""

    min: int
    max: int | None = None
    shared: bool = False
    memory64: bool = False

    def encode(self) -> bytes:
        flags = (1 if self.max is not None else 0) | (2 if self.shared else 0) | (4 if self.memory64 else 0)
        out = bytes([flags]) + uleb(self.min)
        return out + uleb(self.max) if self.max is not None else out


@dataclass
class Import:
    module: str
    name: str
    kind: int
    # KIND_FUNC: type index (int); KIND_MEMORY: MemType; others: raw descriptor bytes
    desc: int | MemType | bytes


@dataclass
class Export:
    name: str
    kind: int
    index: int


@dataclass
class Global:
    type: bytes  # value type + mutability byte
    init: list[Instr]


@dataclass
class Element:
    """An element segment in any of the 8 encodings; `flags` keeps the encoding."""

    flags: int
    table: int = 0
    offset: list[Instr] | None = None  # active segments only
    kind: bytes = b"\x00"  # elemkind byte (flags 1-3) or reftype (flags 5-7)
    funcs: list[int] | None = None  # flags 0-3: function indices
    exprs: list[list[Instr]] | None = None  # flags 4-7: one init expression per element


@dataclass
class DataSegment:
    """mode 'active' (memory + offset) or 'passive'."""

    data: bytes
    memory: int = 0
    offset: list[Instr] | None = None

    @property
    def passive(self) -> bool:
        return self.offset is None


@dataclass
class FuncBody:
    """One entry of the code section; `instrs` is filled by `decode_bodies`."""

    locals: list[tuple[int, bytes]]
    raw: bytes  # the expression bytes (after the locals)
    offset: int  # absolute offset of `raw` in the original module (-1 if built)
    instrs: list[Instr] | None = None

    def encode(self) -> bytes:
        code = encode_instructions(self.instrs) if self.instrs is not None else self.raw
        body = vec([uleb(n) + t for n, t in self.locals]) + code
        return uleb(len(body)) + body


@dataclass
class CustomSection:
    """A custom section kept verbatim; for "name" only a placeholder (see Module.names)."""

    name: str
    payload: bytes
    after: int  # id of the last non-custom section before it (0: before all)


#: Name-section subsections that are a plain name map (index -> name).
NAMEMAP_SUBSECTIONS = {1: "function", 4: "type", 5: "table", 6: "memory", 7: "global", 8: "elem", 9: "data", 11: "tag"}
#: Subsections that are an indirect name map (index -> index -> name).
INDIRECT_SUBSECTIONS = {2: "local", 3: "label", 10: "field"}


@dataclass
class NameSection:
    """The `name` custom section: module name, name maps and indirect name maps by subsection id."""

    module: str | None = None
    maps: dict[int, dict[int, str]] = field(default_factory=dict)
    indirect: dict[int, dict[int, dict[int, str]]] = field(default_factory=dict)

    @property
    def functions(self) -> dict[int, str]:
        return self.maps.setdefault(1, {})

    def encode(self) -> bytes:
        parts = []
        if self.module is not None:
            parts.append((0, name_bytes(self.module)))
        for sid, names in self.maps.items():
            if names:
                parts.append((sid, _encode_namemap(names)))
        for sid, outer in self.indirect.items():
            if outer:
                body = uleb(len(outer)) + b"".join(uleb(i) + _encode_namemap(m) for i, m in sorted(outer.items()))
                parts.append((sid, body))
        parts.sort(key=lambda p: p[0])
        return b"".join(bytes([sid]) + uleb(len(body)) + body for sid, body in parts)


def _encode_namemap(names: dict[int, str]) -> bytes:
    return uleb(len(names)) + b"".join(uleb(i) + name_bytes(n) for i, n in sorted(names.items()))


@dataclass
class Module:
    types: list[FuncType] = field(default_factory=list)
    imports: list[Import] = field(default_factory=list)
    functions: list[int] = field(default_factory=list)  # type index of each defined function
    tables: list[bytes] = field(default_factory=list)  # raw table types
    memories: list[MemType] = field(default_factory=list)
    tags: list[bytes] = field(default_factory=list)  # raw tag types
    globals: list[Global] = field(default_factory=list)
    exports: list[Export] = field(default_factory=list)
    start: int | None = None
    elements: list[Element] = field(default_factory=list)
    datacount: int | None = None
    code: list[FuncBody] = field(default_factory=list)
    data: list[DataSegment] = field(default_factory=list)
    customs: list[CustomSection] = field(default_factory=list)
    names: NameSection | None = None

    # ----- index spaces -----
    def imports_of(self, kind: int) -> list[Import]:
        return [imp for imp in self.imports if imp.kind == kind]

    @property
    def num_imported_funcs(self) -> int:
        return sum(1 for imp in self.imports if imp.kind == KIND_FUNC)

    def func_type(self, func_index: int) -> FuncType:
        """Signature of function `func_index` (imports first, then defined)."""
        imported = self.imports_of(KIND_FUNC)
        if func_index < len(imported):
            return self.types[imported[func_index].desc]  # type: ignore[index]
        return self.types[self.functions[func_index - len(imported)]]

    def memory_types(self) -> list[MemType]:
        """All memories in index order (imported first)."""
        return [imp.desc for imp in self.imports_of(KIND_MEMORY)] + list(self.memories)  # type: ignore[misc]

    def function_name(self, func_index: int) -> str:
        if self.names is not None and func_index in self.names.functions:
            return self.names.functions[func_index]
        imported = self.imports_of(KIND_FUNC)
        if func_index < len(imported):
            return f"{imported[func_index].module}.{imported[func_index].name}"
        for exp in self.exports:
            if exp.kind == KIND_FUNC and exp.index == func_index:
                return exp.name
        return f"function[{func_index}]"


# ---------------------------------------------------------------------------
# Reading


def _read_limits(r: Reader) -> MemType:
    start = r.pos
    flags = r.u8()
    if flags & ~0x07:
        raise DecodeError(f"unsupported limits flags {flags:#x}", start)
    minimum = r.u64()
    maximum = r.u64() if flags & 1 else None
    return MemType(minimum, maximum, bool(flags & 2), bool(flags & 4))


def _read_table_type(r: Reader) -> bytes:
    start = r.pos
    read_valtype(r)
    _read_limits_any(r)
    return bytes(r.data[start : r.pos])


def _read_limits_any(r: Reader) -> None:
    flags = r.u8()
    r.u64()
    if flags & 1:
        r.u64()


def _read_global_type(r: Reader) -> bytes:
    start = r.pos
    read_valtype(r)
    r.u8()
    return bytes(r.data[start : r.pos])


def _read_tag_type(r: Reader) -> bytes:
    start = r.pos
    r.u8()
    r.u32()
    return bytes(r.data[start : r.pos])


def _read_types(r: Reader, m: Module) -> None:
    for _ in range(r.u32()):
        start = r.pos
        form = r.u8()
        if form != 0x60:
            raise DecodeError(f"unsupported type form {form:#04x} (only function types)", start)
        params = tuple(read_valtype(r) for _ in range(r.u32()))
        results = tuple(read_valtype(r) for _ in range(r.u32()))
        m.types.append(FuncType(params, results))


def _read_imports(r: Reader, m: Module) -> None:
    for _ in range(r.u32()):
        module, name = r.name(), r.name()
        start = r.pos
        kind = r.u8()
        desc: int | MemType | bytes
        if kind == KIND_FUNC:
            desc = r.u32()
        elif kind == KIND_TABLE:
            desc = _read_table_type(r)
        elif kind == KIND_MEMORY:
            desc = _read_limits(r)
        elif kind == KIND_GLOBAL:
            desc = _read_global_type(r)
        elif kind == KIND_TAG:
            desc = _read_tag_type(r)
        else:
            raise DecodeError(f"unknown import kind {kind}", start)
        m.imports.append(Import(module, name, kind, desc))


def _read_elements(r: Reader, m: Module) -> None:
    for _ in range(r.u32()):
        start = r.pos
        flags = r.u32()
        if flags > 7:
            raise DecodeError(f"unknown element segment flags {flags}", start)
        seg = Element(flags)
        if flags & 1 == 0:  # active
            if flags & 2:
                seg.table = r.u32()
            seg.offset = read_const_expr(r)
        if flags in (1, 2, 3):
            seg.kind = bytes([r.u8()])
        elif flags in (5, 6, 7):
            seg.kind = read_valtype(r)
        if flags < 4:
            seg.funcs = [r.u32() for _ in range(r.u32())]
        else:
            seg.exprs = [read_const_expr(r) for _ in range(r.u32())]
        m.elements.append(seg)


def _read_code(r: Reader, m: Module) -> None:
    for _ in range(r.u32()):
        size = r.u32()
        body = r.sub(size)
        local_groups = []
        for _ in range(body.u32()):
            count = body.u32()
            local_groups.append((count, read_valtype(body)))
        m.code.append(FuncBody(local_groups, bytes(body.data[body.pos : body.end]), body.pos))


def _read_data(r: Reader, m: Module) -> None:
    for _ in range(r.u32()):
        start = r.pos
        flags = r.u32()
        if flags == 0:
            offset = read_const_expr(r)
            m.data.append(DataSegment(r.take(r.u32()), 0, offset))
        elif flags == 1:
            m.data.append(DataSegment(r.take(r.u32())))
        elif flags == 2:
            mem = r.u32()
            offset = read_const_expr(r)
            m.data.append(DataSegment(r.take(r.u32()), mem, offset))
        else:
            raise DecodeError(f"unknown data segment flags {flags}", start)


def _read_name_section(r: Reader) -> NameSection:
    names = NameSection()
    while not r.at_end:
        sid = r.u8()
        sub = r.sub(r.u32())
        if sid == 0:
            names.module = sub.name()
        elif sid in NAMEMAP_SUBSECTIONS:
            names.maps[sid] = _read_namemap(sub)
        elif sid in INDIRECT_SUBSECTIONS:
            names.indirect[sid] = {sub.u32(): _read_namemap(sub) for _ in range(sub.u32())}
        # unknown subsections are dropped: they are optional debug information
    return names


def _read_namemap(r: Reader) -> dict[int, str]:
    return {r.u32(): r.name() for _ in range(r.u32())}


def parse_module(data: bytes) -> Module:
    """Parse a wasm binary; raises DecodeError on malformed or unsupported input."""
    if data[:8] != MAGIC:
        raise DecodeError("not a wasm module (bad magic or version)", 0)
    m = Module()
    r = Reader(data, 8)
    last = 0
    while not r.at_end:
        start = r.pos
        sid = r.u8()
        sec = r.sub(r.u32())
        if sid == CUSTOM:
            name = sec.name()
            if name == "name":
                try:
                    m.names = _read_name_section(sec)
                except DecodeError:
                    continue  # a malformed name section is only debug info: drop it
                # a placeholder keeps the name section's place among the custom sections
                m.customs.append(CustomSection("name", b"", last))
            else:
                m.customs.append(CustomSection(name, bytes(sec.data[sec.pos : sec.end]), last))
            continue
        if sid not in SECTION_ORDER:
            raise DecodeError(f"unknown section id {sid}", start)
        last = sid
        if sid == TYPE:
            _read_types(sec, m)
        elif sid == IMPORT:
            _read_imports(sec, m)
        elif sid == FUNCTION:
            m.functions = [sec.u32() for _ in range(sec.u32())]
        elif sid == TABLE:
            m.tables = [_read_table_type(sec) for _ in range(sec.u32())]
        elif sid == MEMORY:
            m.memories = [_read_limits(sec) for _ in range(sec.u32())]
        elif sid == TAG:
            m.tags = [_read_tag_type(sec) for _ in range(sec.u32())]
        elif sid == GLOBAL:
            for _ in range(sec.u32()):
                gtype = _read_global_type(sec)
                m.globals.append(Global(gtype, read_const_expr(sec)))
        elif sid == EXPORT:
            for _ in range(sec.u32()):
                name = sec.name()
                m.exports.append(Export(name, sec.u8(), sec.u32()))
        elif sid == START:
            m.start = sec.u32()
        elif sid == ELEMENT:
            _read_elements(sec, m)
        elif sid == DATACOUNT:
            m.datacount = sec.u32()
        elif sid == CODE:
            _read_code(sec, m)
        elif sid == DATA:
            _read_data(sec, m)
        if not sec.at_end:
            raise DecodeError(f"section {sid} has {sec.end - sec.pos} trailing bytes", sec.pos)
    if len(m.code) != len(m.functions):
        raise DecodeError(f"{len(m.functions)} functions declared but {len(m.code)} bodies", len(data))
    return m


@dataclass
class BodyDecodeError(Exception):
    """A function body the instruction walker cannot decode."""

    func_index: int
    func_name: str
    offset: int
    message: str

    def __str__(self) -> str:
        return f"in function `{self.func_name}` at byte offset {self.offset:#x}: {self.message}"


def decode_bodies(m: Module) -> Module:
    """Decode every function body into instructions (idempotent)."""
    base = m.num_imported_funcs
    for i, body in enumerate(m.code):
        if body.instrs is not None:
            continue
        try:
            # decode against the original buffer offsets so errors name module offsets
            instrs = decode_instructions(body.raw)
        except UndecodableInstruction as err:
            offset = err.offset + body.offset if body.offset >= 0 else err.offset
            raise BodyDecodeError(base + i, m.function_name(base + i), offset, err.message) from None
        if body.offset >= 0:
            for instr in instrs:
                instr.offset += body.offset
        body.instrs = instrs
    return m


# ---------------------------------------------------------------------------
# Writing


def _section(sid: int, payload: bytes) -> bytes:
    return bytes([sid]) + uleb(len(payload)) + payload


def _custom(name: str, payload: bytes) -> bytes:
    return _section(CUSTOM, name_bytes(name) + payload)


def _encode_import(imp: Import) -> bytes:
    head = name_bytes(imp.module) + name_bytes(imp.name) + bytes([imp.kind])
    if imp.kind == KIND_FUNC:
        return head + uleb(imp.desc)  # type: ignore[arg-type]
    if imp.kind == KIND_MEMORY:
        return head + imp.desc.encode()  # type: ignore[union-attr]
    return head + imp.desc  # type: ignore[operator]


def _encode_element(seg: Element) -> bytes:
    out = bytearray(uleb(seg.flags))
    if seg.flags & 1 == 0:
        if seg.flags & 2:
            out += uleb(seg.table)
        out += encode_instructions(seg.offset or [])
    if seg.flags in (1, 2, 3, 5, 6, 7):
        out += seg.kind
    if seg.flags < 4:
        out += vec([uleb(f) for f in seg.funcs or []])
    else:
        out += vec([encode_instructions(e) for e in seg.exprs or []])
    return bytes(out)


def _encode_data(seg: DataSegment) -> bytes:
    payload = uleb(len(seg.data)) + seg.data
    if seg.offset is None:
        return b"\x01" + payload
    if seg.memory == 0:
        return b"\x00" + encode_instructions(seg.offset) + payload
    return b"\x02" + uleb(seg.memory) + encode_instructions(seg.offset) + payload


def _section_payloads(m: Module) -> dict[int, bytes]:
    """Encoded payload of each non-empty standard section."""
    out: dict[int, bytes] = {}
    if m.types:
        out[TYPE] = vec([b"\x60" + vec(list(t.params)) + vec(list(t.results)) for t in m.types])
    if m.imports:
        out[IMPORT] = vec([_encode_import(i) for i in m.imports])
    if m.functions:
        out[FUNCTION] = vec([uleb(t) for t in m.functions])
    if m.tables:
        out[TABLE] = vec(list(m.tables))
    if m.memories:
        out[MEMORY] = vec([mem.encode() for mem in m.memories])
    if m.tags:
        out[TAG] = vec(list(m.tags))
    if m.globals:
        out[GLOBAL] = vec([g.type + encode_instructions(g.init) for g in m.globals])
    if m.exports:
        out[EXPORT] = vec([name_bytes(e.name) + bytes([e.kind]) + uleb(e.index) for e in m.exports])
    if m.start is not None:
        out[START] = uleb(m.start)
    if m.elements:
        out[ELEMENT] = vec([_encode_element(e) for e in m.elements])
    if m.datacount is not None:
        out[DATACOUNT] = uleb(m.datacount)
    if m.code:
        out[CODE] = vec([b.encode() for b in m.code])
    if m.data:
        out[DATA] = vec([_encode_data(d) for d in m.data])
    return out


def encode_module(m: Module) -> bytes:
    """Write `m` as a wasm binary, custom sections at their recorded positions."""
    payloads = _section_payloads(m)
    customs: list[tuple[int, bytes]] = []
    for c in m.customs:
        if c.name == "name":
            # names may refer to data segments a pass added after a linker output without a
            # data section: the name section must follow the data section
            if m.names is not None:
                customs.append((DATA, _custom("name", m.names.encode())))
        else:
            customs.append((c.after, _custom(c.name, c.payload)))
    if m.names is not None and not any(c.name == "name" for c in m.customs):
        customs.append((DATA, _custom("name", m.names.encode())))
    # a custom section recorded "after X" goes after X, or after the closest
    # earlier section that still exists
    rank = {sid: i + 1 for i, sid in enumerate(SECTION_ORDER)}
    out = bytearray(MAGIC)
    for after, raw in customs:
        if after == 0:
            out += raw
    for sid in SECTION_ORDER:
        if sid in payloads:
            out += _section(sid, payloads[sid])
        for after, raw in customs:
            if after and rank.get(after, len(rank)) == rank[sid]:
                out += raw
    return bytes(out)
