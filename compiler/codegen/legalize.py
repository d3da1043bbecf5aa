"""Legalization: every far memory access becomes a call of a per-memory intrinsic import.

Why: LLVM 22's wasm backend has no memory index on loads and stores. An
access through `ptr addrspace(1000+m)` that reached instruction selection
would be compiled as an access to memory 0 - silently wrong. So after the
optimizer has done its work on the address-spaced IR (vectorized, unrolled,
turned loops into memcpy/memset), each far access is rewritten into a call
of an import from module `farc:mem` whose name says what it does
(`compiler.memory.MemOp`): `i32.load.m1.a4`, `v128.store.m2.a16.v4i32`,
`memory.copy.m1.m0`, `memory.fill.m1`. The address passes as an i32 (i64 for
a memory64 memory). After linking, the wasm rewriter replaces each such call
with the real memory-indexed instruction.

How: llvmlite's binding cannot mutate IR, so this pass rewrites the printed
IR text (LLVM prints one instruction per line in a regular syntax), then the
caller re-parses and verifies it. Inserted values are named `%far$N` (`$`
cannot come from a source identifier); unnamed values keep their numbers, so
LLVM's sequential numbering stays valid.

Checked: `find_far_accesses` scans a parsed module (independently of the
rewriting) for any load, store, atomic or memory intrinsic still touching an
address space >= 1000; the caller turns findings into an ICE naming the
function. This pass works on optimized and unoptimized IR alike.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..memory import ADDRSPACE_BASE, INTRINSIC_MODULE, MemOp


class LegalizeError(Exception):
    """An instruction on a far address space this pass cannot rewrite."""


# ---------------------------------------------------------------------------
# Tokenizing LLVM IR operands

_FAR_SPACE = re.compile(r"addrspace\((\d+)\)")
_VALUE_NAME = r'%(?:[-a-zA-Z$._0-9]+|"[^"]*")'
_LOAD = re.compile(rf"^(?P<indent>\s*)(?P<res>{_VALUE_NAME}) = load (?P<rest>.*)$")
_STORE = re.compile(r"^(?P<indent>\s*)store (?P<rest>.*)$")
_MEM_CALL = re.compile(
    rf"^(?P<indent>\s*)(?:(?P<res>{_VALUE_NAME}) = )?(?:(?:tail|notail|musttail) )?call "
    r"(?P<ret>\S+) @(?P<name>llvm\.(?:memcpy|memmove|memset)(?:\.inline)?\.[\w.]+)\((?P<rest>.*)$"
)
_PARAM_ATTRS = frozenset({
    "noundef", "nonnull", "writeonly", "readonly", "readnone", "nocapture", "noalias", "immarg",
    "zeroext", "signext", "nofree", "captures", "dereferenceable", "dereferenceable_or_null",
    "initializes", "range", "align", "inreg", "writable", "dead_on_unwind", "dead_on_return",
    "nofpclass", "returned", "nest", "noundef",
})
_OPEN = {"(": ")", "[": "]", "{": "}", "<": ">"}


def _matching(text: str, start: int) -> int:
    """Index just past the bracket group opening at text[start]."""
    stack = []
    i = start
    while i < len(text):
        ch = text[i]
        if ch == '"':
            i = text.index('"', i + 1)
        elif ch in _OPEN:
            stack.append(_OPEN[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
            if not stack:
                return i + 1
        i += 1
    raise LegalizeError(f"unbalanced brackets in `{text}`")


def split_top_level(text: str, sep: str = ",") -> list[str]:
    """Split at `sep` outside brackets and quotes; parts are stripped."""
    parts, depth, current, i = [], [], [], 0
    while i < len(text):
        ch = text[i]
        if ch == '"':
            end = text.index('"', i + 1)
            current.append(text[i:end + 1])
            i = end + 1
            continue
        if ch in _OPEN:
            # `<` opens only a vector type/constant; `->` never occurs in operands
            depth.append(_OPEN[ch])
        elif depth and ch == depth[-1]:
            depth.pop()
        elif ch == sep and not depth:
            parts.append("".join(current).strip())
            current = []
            i += 1
            continue
        current.append(ch)
        i += 1
    parts.append("".join(current).strip())
    return parts


def split_type(text: str) -> tuple[str, str]:
    """(`type`, rest) for text starting with an LLVM type."""
    text = text.strip()
    if not text:
        raise LegalizeError("missing type")
    if text[0] in "<[{":
        end = _matching(text, 0)
        return text[:end], text[end:].strip()
    match = re.match(r"ptr(?: addrspace\(\d+\))?", text)
    if match:
        return match.group(0), text[match.end():].strip()
    match = re.match(rf"{_VALUE_NAME}|[a-z][a-z0-9_]*", text)
    if match:
        return match.group(0), text[match.end():].strip()
    raise LegalizeError(f"cannot read a type from `{text}`")


def strip_param_attrs(text: str) -> str:
    """Drop parameter attributes (`noundef align 4 ...`) in front of a value."""
    while True:
        match = re.match(r"([a-z_]+)", text)
        if not match or match.group(1) not in _PARAM_ATTRS:
            return text
        end = match.end()
        if end < len(text) and text[end] == "(":
            end = _matching(text, end)
        elif match.group(1) == "align":
            number = re.match(r"\s+\d+", text[end:])
            end += number.end() if number else 0
        text = text[end:].strip()


def far_space(type_text: str) -> int | None:
    """The far address space (>= 1000) a pointer type names, else None."""
    match = _FAR_SPACE.fullmatch(type_text[4:]) if type_text.startswith("ptr ") else None
    if match is None:
        return None
    space = int(match.group(1))
    return space if space >= ADDRSPACE_BASE else None


def pointer_space(type_text: str) -> int:
    if type_text == "ptr":
        return 0
    match = re.fullmatch(r"ptr addrspace\((\d+)\)", type_text)
    if match is None:
        raise LegalizeError(f"`{type_text}` is not a pointer type")
    return int(match.group(1))


# ---------------------------------------------------------------------------
# The rewriting


@dataclass
class _Access:
    """One scalar access the intrinsic set supports directly."""

    op: str          # e.g. "i32.load8_u"
    wasm_type: str   # LLVM type of the value as the import sees it
    size: int        # bytes accessed


_SCALAR_LOADS = {
    "i1": _Access("i32.load8_u", "i32", 1), "i8": _Access("i32.load8_u", "i32", 1),
    "i16": _Access("i32.load16_u", "i32", 2), "i32": _Access("i32.load", "i32", 4),
    "i64": _Access("i64.load", "i64", 8), "float": _Access("f32.load", "float", 4),
    "double": _Access("f64.load", "double", 8),
}
_SCALAR_STORES = {
    "i1": _Access("i32.store8", "i32", 1), "i8": _Access("i32.store8", "i32", 1),
    "i16": _Access("i32.store16", "i32", 2), "i32": _Access("i32.store", "i32", 4),
    "i64": _Access("i64.store", "i64", 8), "float": _Access("f32.store", "float", 4),
    "double": _Access("f64.store", "double", 8),
}
_ELEMENT_TAGS = {"i8": "i8", "i16": "i16", "i32": "i32", "i64": "i64", "float": "f32", "double": "f64"}
_VECTOR = re.compile(r"<(\d+) x (.+)>")


@dataclass
class Legalizer:
    """Rewrites one module's text; `wide_spaces` are address spaces with 64-bit pointers."""

    wide_spaces: set[int]
    counter: int = 0
    declarations: dict[str, str] = field(default_factory=dict)  # import name -> declare line
    function: str = "?"
    rewritten: int = 0
    #: (function, value) -> (base operand, byte offset) of constant `nuw` GEPs, see `fold_offset`
    geps: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)
    #: (function, value) of narrow loads whose only use is a `sext`, see `sign_extended_loads`
    sign_extended: set[tuple[str, str]] = field(default_factory=set)
    folded: int = 0

    # ----- small emitters
    def fresh(self) -> str:
        self.counter += 1
        return f"%far${self.counter}"

    def ptr_bytes(self, space: int) -> int:
        return 8 if space in self.wide_spaces else 4

    def addr_type(self, space: int) -> str:
        return f"i{8 * self.ptr_bytes(space)}"

    def declare(self, op: MemOp, ret: str, params: list[str]) -> str:
        name = op.import_name()
        if name not in self.declarations:
            self.declarations[name] = (
                f'declare {ret} @"{name}"({", ".join(params)}) nounwind '
                f'"wasm-import-module"="{INTRINSIC_MODULE}" "wasm-import-name"="{name}"'
            )
        return f'@"{name}"'

    def type_bytes(self, ty: str) -> int | None:
        """Size in bytes of a first-class scalar or vector type, if known."""
        if ty in ("float",):
            return 4
        if ty == "double":
            return 8
        if re.fullmatch(r"i\d+", ty):
            bits = int(ty[1:])
            return (bits + 7) // 8
        if ty.startswith("ptr"):
            return self.ptr_bytes(pointer_space(ty))
        vec = _VECTOR.fullmatch(ty)
        if vec:
            elem = self.type_bytes(vec.group(2))
            return None if elem is None else int(vec.group(1)) * elem
        return None

    # ----- addresses
    def fold_offset(self, ptr_value: str) -> tuple[str, int]:
        """(base, offset) for a pointer that is `getelementptr nuw i8, base, K`.

        wasm adds a memarg offset to the address without wrapping (and traps
        past the end), which equals the GEP exactly when the GEP cannot wrap:
        `nuw` promises that. Folding it is what LLVM's instruction selection
        does for memory 0 (`i32.load offset=8`); far accesses get the same."""
        offset = 0
        while (self.function, ptr_value) in self.geps:
            ptr_value, k = self.geps[(self.function, ptr_value)]
            offset += k
        if offset:
            self.folded += 1
        return ptr_value, offset

    def address_of(self, out: list[str], indent: str, ptr_type: str, ptr_value: str) -> str:
        space = pointer_space(ptr_type)
        name = self.fresh()
        out.append(f"{indent}{name} = ptrtoint {ptr_type} {ptr_value} to {self.addr_type(space)}")
        return name

    @staticmethod
    def chunk_align(align: int, offset: int, size: int) -> int:
        """Alignment known for `size` bytes at `offset` past an `align`-aligned address."""
        a = max(1, align)
        while offset % a:
            a //= 2
        return max(1, min(a, size))

    # ----- loads
    def load(self, out: list[str], indent: str, result: str, ty: str, space: int,
             address: str, align: int, mem_offset: int = 0) -> None:
        """`result = load ty` from `address` + `mem_offset` (the memarg offset) in far space `space`."""
        mem = space - ADDRSPACE_BASE
        addr_ty = self.addr_type(space)
        if ty in _SCALAR_LOADS:
            acc = _SCALAR_LOADS[ty]
            if acc.wasm_type == ty:
                fn = self.declare(MemOp(acc.op, mem, min(align, acc.size), offset=mem_offset), ty, [addr_ty])
                out.append(f"{indent}{result} = call {ty} {fn}({addr_ty} {address})")
            else:
                # A narrow value (i1/i8/i16) from a zero-extending load: declared as
                # returning the narrow type `zeroext` (still i32 in wasm), so LLVM knows
                # the upper bits are zero and a later zext costs nothing - as for
                # memory 0, where `i32.load8_u` needs no mask. The type tag keeps one
                # LLVM signature per import name.
                # A value whose only use sign-extends it gets the sign-extending
                # load and `signext`, as memory 0 gets `i32.load8_s`.
                signed = (self.function, result) in self.sign_extended and ty in ("i8", "i16")
                opcode, ext = (acc.op.replace("_u", "_s"), "signext") if signed else (acc.op, "zeroext")
                op = MemOp(opcode, mem, min(align, acc.size), offset=mem_offset, llvm_type=ty)
                fn = self.declare(op, f"{ext} {ty}", [addr_ty])
                out.append(f"{indent}{result} = call {ext} {ty} {fn}({addr_ty} {address})")
            return
        if ty.startswith("ptr"):
            int_ty = self.addr_type(pointer_space(ty))
            raw = self.fresh()
            self.load(out, indent, raw, int_ty, space, address, align, mem_offset)
            out.append(f"{indent}{result} = inttoptr {int_ty} {raw} to {ty}")
            return
        vec = _VECTOR.fullmatch(ty)
        if vec:
            self.load_vector(out, indent, result, ty, int(vec.group(1)), vec.group(2), space, address, align,
                             mem_offset)
            return
        if re.fullmatch(r"i\d+", ty) and int(ty[1:]) % 8 == 0:
            self.load_wide_int(out, indent, result, int(ty[1:]), space, address, align, mem_offset)
            return
        raise LegalizeError(f"load of `{ty}` from address space {space}")

    def load_vector(self, out: list[str], indent: str, result: str, ty: str, count: int, elem: str,
                    space: int, address: str, align: int, mem_offset: int = 0) -> None:
        mem = space - ADDRSPACE_BASE
        addr_ty = self.addr_type(space)
        if elem.startswith("ptr"):  # load the addresses as integers, then convert
            int_vec = f"<{count} x {self.addr_type(pointer_space(elem))}>"
            raw = self.fresh()
            self.load(out, indent, raw, int_vec, space, address, align, mem_offset)
            out.append(f"{indent}{result} = inttoptr {int_vec} {raw} to {ty}")
            return
        if self.type_bytes(ty) == 16 and elem in _ELEMENT_TAGS:
            op = MemOp("v128.load", mem, min(align, 16), llvm_type=f"v{count}{_ELEMENT_TAGS[elem]}",
                       offset=mem_offset)
            fn = self.declare(op, ty, [addr_ty])
            out.append(f"{indent}{result} = call {ty} {fn}({addr_ty} {address})")
            return
        total = self.type_bytes(ty)
        if total in (2, 4, 8) and elem != "i1":
            # a short vector is one integer load, reinterpreted (wasm is little-endian,
            # as LLVM's vector layout assumes): `<4 x i8>` is an `i32.load`
            raw = self.fresh()
            self.load(out, indent, raw, f"i{8 * total}", space, address, align, mem_offset)
            out.append(f"{indent}{result} = bitcast i{8 * total} {raw} to {ty}")
            return
        # any other vector: element by element (not <N x i1>: it is bit-packed in memory)
        elem_size = self.type_bytes(elem)
        if elem_size is None or elem == "i1":
            raise LegalizeError(f"load of `{ty}` from address space {space}")
        current = "poison"
        for k in range(count):
            part = self.fresh()
            self.load(out, indent, part, elem, space, address,
                      self.chunk_align(align, k * elem_size, elem_size), mem_offset + k * elem_size)
            target = result if k == count - 1 else self.fresh()
            out.append(f"{indent}{target} = insertelement {ty} {current}, {elem} {part}, i32 {k}")
            current = target

    def load_wide_int(self, out: list[str], indent: str, result: str, bits: int, space: int,
                      address: str, align: int, mem_offset: int = 0) -> None:
        """An odd-sized integer (i24, i48, i128 ...) from little-endian pieces."""
        ty = f"i{bits}"
        chunks = _chunks(bits // 8)  # at least two: single pieces are scalar loads
        acc, offset = None, 0
        for k, size in enumerate(chunks):
            piece_ty = f"i{8 * size}"
            piece = self.fresh()
            self.load(out, indent, piece, piece_ty, space, address, self.chunk_align(align, offset, size),
                      mem_offset + offset)
            wide = self.fresh()
            out.append(f"{indent}{wide} = zext {piece_ty} {piece} to {ty}")
            if offset:
                shifted = self.fresh()
                out.append(f"{indent}{shifted} = shl {ty} {wide}, {8 * offset}")
                wide = shifted
            if acc is None:
                acc = wide
            else:
                merged = result if k == len(chunks) - 1 else self.fresh()
                out.append(f"{indent}{merged} = or {ty} {acc}, {wide}")
                acc = merged
            offset += size

    # ----- stores
    def store(self, out: list[str], indent: str, ty: str, value: str, space: int,
              address: str, align: int, mem_offset: int = 0) -> None:
        mem = space - ADDRSPACE_BASE
        addr_ty = self.addr_type(space)
        if ty in _SCALAR_STORES:
            acc = _SCALAR_STORES[ty]
            fn = self.declare(MemOp(acc.op, mem, min(align, acc.size), offset=mem_offset), "void",
                              [addr_ty, acc.wasm_type])
            if acc.wasm_type != ty:
                wide = self.fresh()
                out.append(f"{indent}{wide} = zext {ty} {value} to {acc.wasm_type}")
                value = wide
            out.append(f"{indent}call void {fn}({addr_ty} {address}, {acc.wasm_type} {value})")
            return
        if ty.startswith("ptr"):
            int_ty = self.addr_type(pointer_space(ty))
            raw = self.fresh()
            out.append(f"{indent}{raw} = ptrtoint {ty} {value} to {int_ty}")
            self.store(out, indent, int_ty, raw, space, address, align, mem_offset)
            return
        vec = _VECTOR.fullmatch(ty)
        if vec:
            self.store_vector(out, indent, ty, int(vec.group(1)), vec.group(2), value, space, address, align,
                              mem_offset)
            return
        if re.fullmatch(r"i\d+", ty) and int(ty[1:]) % 8 == 0:
            offset = 0
            for size in _chunks(int(ty[1:]) // 8):
                piece_ty = f"i{8 * size}"
                shifted = value
                if offset:
                    shifted = self.fresh()
                    out.append(f"{indent}{shifted} = lshr {ty} {value}, {8 * offset}")
                piece = self.fresh()
                out.append(f"{indent}{piece} = trunc {ty} {shifted} to {piece_ty}")
                self.store(out, indent, piece_ty, piece, space, address, self.chunk_align(align, offset, size),
                           mem_offset + offset)
                offset += size
            return
        raise LegalizeError(f"store of `{ty}` to address space {space}")

    def store_vector(self, out: list[str], indent: str, ty: str, count: int, elem: str, value: str,
                     space: int, address: str, align: int, mem_offset: int = 0) -> None:
        mem = space - ADDRSPACE_BASE
        addr_ty = self.addr_type(space)
        if elem.startswith("ptr"):
            int_vec = f"<{count} x {self.addr_type(pointer_space(elem))}>"
            raw = self.fresh()
            out.append(f"{indent}{raw} = ptrtoint {ty} {value} to {int_vec}")
            self.store(out, indent, int_vec, raw, space, address, align, mem_offset)
            return
        if self.type_bytes(ty) == 16 and elem in _ELEMENT_TAGS:
            op = MemOp("v128.store", mem, min(align, 16), llvm_type=f"v{count}{_ELEMENT_TAGS[elem]}",
                       offset=mem_offset)
            fn = self.declare(op, "void", [addr_ty, ty])
            out.append(f"{indent}call void {fn}({addr_ty} {address}, {ty} {value})")
            return
        total = self.type_bytes(ty)
        if total in (2, 4, 8) and elem != "i1":
            raw = self.fresh()
            out.append(f"{indent}{raw} = bitcast {ty} {value} to i{8 * total}")
            self.store(out, indent, f"i{8 * total}", raw, space, address, align, mem_offset)
            return
        elem_size = self.type_bytes(elem)
        if elem_size is None or elem == "i1":
            raise LegalizeError(f"store of `{ty}` to address space {space}")
        for k in range(count):
            part = self.fresh()
            out.append(f"{indent}{part} = extractelement {ty} {value}, i32 {k}")
            self.store(out, indent, elem, part, space, address,
                       self.chunk_align(align, k * elem_size, elem_size), mem_offset + k * elem_size)

    # ----- whole lines
    def rewrite_line(self, line: str) -> list[str] | None:
        """The replacement lines for one instruction, or None to keep it."""
        if "addrspace(" not in line or not any(
                int(m) >= ADDRSPACE_BASE for m in _FAR_SPACE.findall(line)):
            return None
        stripped = line.lstrip()
        match = _LOAD.match(line)
        if match:
            return self.rewrite_load(match["indent"], match["res"], match["rest"])
        match = _STORE.match(line)
        if match and stripped.startswith("store "):
            return self.rewrite_store(match["indent"], match["rest"])
        match = _MEM_CALL.match(line)
        if match:
            return self.rewrite_mem_call(match["indent"], match["name"], match["rest"])
        return None

    def rewrite_load(self, indent: str, result: str, rest: str) -> list[str] | None:
        if rest.startswith("atomic "):
            raise LegalizeError("atomic load from a far memory")
        rest = rest.removeprefix("volatile ")  # a call is never removed anyway
        parts = split_top_level(rest)
        out: list[str] = []
        target = self.far_address(out, indent, parts[1])
        if target is None:
            return None
        space, address, mem_offset = target
        self.load(out, indent, result, parts[0], space, address, _align_of(parts[2:]), mem_offset)
        self.rewritten += 1
        return out

    def far_address(self, out: list[str], indent: str, ptr_operand: str) -> tuple[int, str, int] | None:
        """(space, address, memarg offset) of a far pointer operand, with the
        address computed into `out`; None for a pointer into memory 0."""
        ptr_type, ptr_value = split_type(ptr_operand)
        space = pointer_space(ptr_type)
        if space < ADDRSPACE_BASE:
            return None
        base, mem_offset = self.fold_offset(ptr_value)
        return space, self.address_of(out, indent, ptr_type, base), mem_offset

    def rewrite_lane_load(self, lane: "LaneLoad") -> list[str]:
        """`%w = insertelement VEC, (far load), K` as one lane load (or a zeroing load)."""
        out: list[str] = []
        space, address, mem_offset = self.far_address(out, lane.indent, f"{lane.ptr_type} {lane.ptr_value}")
        addr_ty = self.addr_type(space)
        bits = 8 * self.type_bytes(lane.elem)
        tag = f"v{lane.count}{_ELEMENT_TAGS[lane.elem]}"
        align = min(lane.align, bits // 8)
        if lane.splat:
            op = MemOp(f"v128.load{bits}_splat", space - ADDRSPACE_BASE, align, offset=mem_offset, llvm_type=tag)
            fn = self.declare(op, lane.vector_type, [addr_ty])
            out.append(f"{lane.indent}{lane.result} = call {lane.vector_type} {fn}({addr_ty} {address})")
        elif lane.vector in ("poison", "undef", "zeroinitializer") and lane.index == 0 and bits >= 32:
            op = MemOp(f"v128.load{bits}_zero", space - ADDRSPACE_BASE, align, offset=mem_offset, llvm_type=tag)
            fn = self.declare(op, lane.vector_type, [addr_ty])
            out.append(f"{lane.indent}{lane.result} = call {lane.vector_type} {fn}({addr_ty} {address})")
        else:
            op = MemOp(f"v128.load{bits}_lane", space - ADDRSPACE_BASE, align, offset=mem_offset,
                       lane=lane.index, llvm_type=tag)
            fn = self.declare(op, lane.vector_type, [addr_ty, lane.vector_type])
            out.append(f"{lane.indent}{lane.result} = call {lane.vector_type} {fn}({addr_ty} {address}, "
                       f"{lane.vector_type} {lane.vector})")
        self.rewritten += 1
        return out

    def rewrite_store(self, indent: str, rest: str) -> list[str] | None:
        if rest.startswith("atomic "):
            raise LegalizeError("atomic store to a far memory")
        rest = rest.removeprefix("volatile ")
        parts = split_top_level(rest)
        ty, value = split_type(parts[0])
        out: list[str] = []
        target = self.far_address(out, indent, parts[1])
        if target is None:
            return None
        space, address, mem_offset = target
        self.store(out, indent, ty, value, space, address, _align_of(parts[2:]), mem_offset)
        self.rewritten += 1
        return out

    def rewrite_mem_call(self, indent: str, name: str, rest: str) -> list[str] | None:
        args_text = rest[:_matching("(" + rest, 0) - 2]
        args = []
        for arg in split_top_level(args_text):
            ty, value = split_type(arg)
            args.append((ty, strip_param_attrs(value)))
        out: list[str] = []
        if name.startswith(("llvm.memcpy", "llvm.memmove")):
            (dty, dval), (sty, sval), (lty, lval) = args[:3]
            dspace, sspace = pointer_space(dty), pointer_space(sty)
            if dspace < ADDRSPACE_BASE and sspace < ADDRSPACE_BASE:
                return None
            for space in (dspace, sspace):
                if space != 0 and space < ADDRSPACE_BASE:
                    raise LegalizeError(f"`{name}` between address spaces {dspace} and {sspace}")
            dmem, smem = _mem_index(dspace), _mem_index(sspace)
            dat, sat = self.addr_type(dspace), self.addr_type(sspace)
            len_ty = "i64" if dat == sat == "i64" else "i32"
            daddr = self.address_of(out, indent, dty, dval)
            saddr = self.address_of(out, indent, sty, sval)
            length = self.resize(out, indent, lty, lval, len_ty)
            daddr, saddr = self.zero_length_guard(out, indent, len_ty, length, [(dat, daddr), (sat, saddr)])
            fn = self.declare(MemOp("memory.copy", dmem, mem2=smem), "void", [dat, sat, len_ty])
            out.append(f"{indent}call void {fn}({dat} {daddr}, {sat} {saddr}, {len_ty} {length})")
        else:  # memset
            (dty, dval), (vty, vval), (lty, lval) = args[:3]
            dspace = pointer_space(dty)
            if dspace < ADDRSPACE_BASE:
                return None
            dat = self.addr_type(dspace)
            daddr = self.address_of(out, indent, dty, dval)
            byte = self.resize(out, indent, vty, vval, "i32")
            length = self.resize(out, indent, lty, lval, dat)
            daddr, = self.zero_length_guard(out, indent, dat, length, [(dat, daddr)])
            fn = self.declare(MemOp("memory.fill", _mem_index(dspace)), "void", [dat, "i32", dat])
            out.append(f"{indent}call void {fn}({dat} {daddr}, i32 {byte}, {dat} {length})")
        self.rewritten += 1
        return out

    def zero_length_guard(self, out: list[str], indent: str, len_ty: str, length: str,
                          addresses: list[tuple[str, str]]) -> list[str]:
        """Addresses that are 0 when `length` is 0.

        `llvm.memcpy`/`memset` of zero bytes does nothing, wherever it points;
        wasm's `memory.copy`/`memory.fill` trap when an address is past the
        end even for zero bytes. LLVM guards this for memory 0; for far
        memories a branchless `select` makes a zero-length operation address
        byte 0, which is always in bounds."""
        if re.fullmatch(r"[1-9]\d*", length):
            return [address for _, address in addresses]
        is_zero = self.fresh()
        out.append(f"{indent}{is_zero} = icmp eq {len_ty} {length}, 0")
        guarded = []
        for addr_ty, address in addresses:
            name = self.fresh()
            out.append(f"{indent}{name} = select i1 {is_zero}, {addr_ty} 0, {addr_ty} {address}")
            guarded.append(name)
        return guarded

    def resize(self, out: list[str], indent: str, ty: str, value: str, target: str) -> str:
        """`value` (an unsigned quantity of integer type `ty`) as a `target` integer."""
        if ty == target:
            return value
        if re.fullmatch(r"\d+", value) and int(ty[1:]) <= int(target[1:]):
            return value  # a non-negative literal fits the wider type as is
        name = self.fresh()
        op = "zext" if int(ty[1:]) < int(target[1:]) else "trunc"
        out.append(f"{indent}{name} = {op} {ty} {value} to {target}")
        return name


@dataclass(frozen=True)
class LaneLoad:
    """A far scalar load whose only use is an `insertelement` into a 16-byte
    vector: LLVM's backend folds this pair into `v128.load32_lane` (or
    `v128.load32_zero`, or with the splat `shufflevector` that follows,
    `v128.load32_splat`) for memory 0; legalization must do it for far
    memories, since a call cannot be folded (gathers would build vectors
    from scalar loads and `replace_lane`)."""

    dropped: tuple[int, ...]  # the lines this one instruction replaces (the load, ...)
    indent: str
    result: str        # the result of the last replaced instruction
    vector_type: str   # e.g. <4 x i32>
    count: int
    elem: str          # i8 i16 i32 i64 float double
    vector: str        # the vector operand (poison, zeroinitializer, %v)
    index: int         # the lane
    ptr_type: str
    ptr_value: str
    align: int
    splat: bool = False


_SHUFFLE_LINE = re.compile(rf"^(?P<indent>\s*)(?P<res>{_VALUE_NAME}) = shufflevector (?P<rest>.*)$")
_LOAD_LINE = re.compile(rf"^\s*(?P<res>{_VALUE_NAME}) = load (?P<rest>.*)$")
_INSERT_LINE = re.compile(rf"^(?P<indent>\s*)(?P<res>{_VALUE_NAME}) = insertelement (?P<rest>.*)$")
_LANE_ELEMENTS = {"i8": 16, "i16": 8, "i32": 4, "float": 4, "i64": 2, "double": 2}
_BARRIERS = ("store ", "call ", "tail call ", "fence ", "br ", "ret ", "ret\n", "switch ", "unreachable",
             "indirectbr ", "resume ", "invoke ")


def find_lane_loads(lines: list[str]) -> dict[int, LaneLoad]:
    """insertelement line number -> the far load it absorbs (see LaneLoad)."""
    found: dict[int, LaneLoad] = {}
    start = 0
    for number, line in enumerate(lines):
        if line.startswith("define "):
            start = number
        elif line.startswith("}"):
            found.update(_lane_loads_in(lines, start, number))
    return found


def _lane_loads_in(lines: list[str], start: int, end: int) -> dict[int, LaneLoad]:
    loads: dict[str, tuple[int, str, str, str, int]] = {}
    for number in range(start, end):
        match = _LOAD_LINE.match(lines[number])
        if match is None or match["rest"].startswith(("atomic ", "volatile ")):
            continue
        parts = split_top_level(match["rest"])
        if len(parts) < 2 or parts[0] not in _LANE_ELEMENTS:
            continue
        ptr_type, ptr_value = split_type(parts[1])
        if far_space(ptr_type) is not None:
            loads[match["res"]] = (number, parts[0], ptr_type, ptr_value, _align_of(parts[2:]))
    if not loads:
        return {}
    body = "\n".join(lines[start:end])
    found: dict[int, LaneLoad] = {}
    for number in range(start, end):
        match = _INSERT_LINE.match(lines[number])
        if match is None:
            continue
        parts = split_top_level(match["rest"])
        if len(parts) != 3:
            continue
        vector_type, vector = split_type(parts[0])
        elem, value = split_type(parts[1])
        lane = re.fullmatch(r"i(?:32|64) (\d+)", parts[2])
        shape = _VECTOR.fullmatch(vector_type)
        if value not in loads or lane is None or shape is None or shape.group(2) != elem \
                or int(shape.group(1)) != _LANE_ELEMENTS.get(elem):
            continue
        load_line, load_ty, ptr_type, ptr_value, align = loads[value]
        uses = len(re.findall(re.escape(value) + r"(?![-\w$.])", body))
        if load_ty != elem or uses != 2 or load_line > number or vector == value:
            continue  # used elsewhere too (2 = the definition and this insertelement), or out of order
        if any(_is_barrier(lines[k]) for k in range(load_line + 1, number)):
            continue  # the load cannot move down to the insertelement
        lane_load = LaneLoad((load_line,), match["indent"], match["res"], vector_type, int(shape.group(1)),
                             elem, vector, int(lane.group(1)), ptr_type, ptr_value, align)
        splat = _splat_of(lines, start, end, body, lane_load, number)
        if splat is not None:
            found[splat[0]] = splat[1]
        else:
            found[number] = lane_load
    return found


def _splat_of(lines: list[str], start: int, end: int, body: str, lane: LaneLoad,
              insert_line: int) -> tuple[int, LaneLoad] | None:
    """(line, splat load) when the insertelement into lane 0 of an empty
    vector only feeds a splat `shufflevector` (the broadcast LLVM's
    vectorizer builds), with nothing in between that the load cannot pass."""
    if lane.index != 0 or lane.vector not in ("poison", "undef"):
        return None
    if len(re.findall(re.escape(lane.result) + r"(?![-\w$.])", body)) != 2:
        return None
    for number in range(insert_line + 1, end):
        match = _SHUFFLE_LINE.match(lines[number])
        if match is not None:
            parts = split_top_level(match["rest"])
            if (len(parts) == 3 and parts[0] == f"{lane.vector_type} {lane.result}"
                    and split_type(parts[1])[1] in ("poison", "undef")
                    and parts[2] == f"<{lane.count} x i32> zeroinitializer"):
                if any(_is_barrier(lines[k]) for k in range(insert_line + 1, number)):
                    return None
                return number, replace(lane, dropped=lane.dropped + (insert_line,), indent=match["indent"],
                                       result=match["res"], splat=True)
        if lane.result in lines[number]:
            return None  # used by something other than a splat
    return None


def _is_barrier(line: str) -> bool:
    """Whether a load may not move past this line: a label, a terminator, or
    anything that writes memory or calls."""
    if line and not line[0].isspace():
        return True  # a basic block label
    stripped = line.strip()
    body = stripped.split(" = ", 1)[1] if " = " in stripped and stripped.startswith("%") else stripped
    return body.startswith(_BARRIERS) or body == "ret" or body.startswith(("atomicrmw", "cmpxchg"))


_GEP = re.compile(rf"^\s*(?P<res>{_VALUE_NAME}) = getelementptr (?P<flags>(?:(?:inbounds|nuw|nusw) )*)i8, (?P<rest>.*)$")
_OFFSET_LIMIT = 2**31


_NARROW_LOAD = re.compile(rf"^\s*(?P<res>{_VALUE_NAME}) = load (?P<ty>i8|i16), ptr addrspace\(\d+\)")
_SEXT = re.compile(rf"= sext (?:i8|i16) (?P<val>{_VALUE_NAME}) to ")


def defined_function(define_line: str) -> str:
    """The name of the function a `define ...` line defines."""
    name = re.search(r'@("[^"]*"|[-\w$.]+)', define_line)
    return name.group(1).strip('"') if name else "?"


def sign_extended_loads(ir_text: str) -> set[tuple[str, str]]:
    """(function, value) of far `i8`/`i16` loads used exactly once, by a `sext`."""
    found: set[tuple[str, str]] = set()
    for function, body in _function_bodies(ir_text):
        loads = {m["res"] for line in body if (m := _NARROW_LOAD.match(line))}
        if not loads:
            continue
        text = "\n".join(body)
        for line in body:
            match = _SEXT.search(line)
            if match and match["val"] in loads and \
                    len(re.findall(re.escape(match["val"]) + r"(?![-\w$.])", text)) == 2:
                found.add((function, match["val"]))
    return found


def _function_bodies(ir_text: str):
    """(function name, its lines) for every definition in the module text."""
    function, body = None, []
    for line in ir_text.splitlines():
        if line.startswith("define "):
            function, body = defined_function(line), []
        elif line.startswith("}") and function is not None:
            yield function, body
            function = None
        elif function is not None:
            body.append(line)


def foldable_geps(ir_text: str) -> dict[tuple[str, str], tuple[str, int]]:
    """Every `%p = getelementptr [inbounds] nuw i8, ptr addrspace(far) BASE, iN K`
    with a constant K >= 0, by (function, %p): candidates for memarg offsets."""
    found: dict[tuple[str, str], tuple[str, int]] = {}
    for function, body in _function_bodies(ir_text):
        for line in body:
            match = _GEP.match(line)
            if match is None or "nuw" not in match["flags"].split():
                continue
            parts = split_top_level(match["rest"])
            if len(parts) != 2:
                continue
            ptr_type, base = split_type(parts[0])
            index = re.fullmatch(r"i(?:32|64) (\d+)", parts[1])
            if index is None or far_space(ptr_type) is None or int(index.group(1)) >= _OFFSET_LIMIT:
                continue
            found[(function, match["res"])] = (base, int(index.group(1)))
    return found


def _chunks(nbytes: int) -> list[int]:
    """Little-endian pieces of 8, 4, 2, 1 bytes covering `nbytes`."""
    sizes = []
    while nbytes:
        size = next(s for s in (8, 4, 2, 1) if s <= nbytes)
        sizes.append(size)
        nbytes -= size
    return sizes


def _align_of(trailing: list[str]) -> int:
    for part in trailing:
        match = re.fullmatch(r"align (\d+)", part)
        if match:
            return int(match.group(1))
    return 1


def _mem_index(space: int) -> int:
    return 0 if space == 0 else space - ADDRSPACE_BASE


def wide_spaces_of(ir_text: str) -> set[int]:
    """Address spaces the module's datalayout gives 64-bit pointers."""
    match = re.search(r'^target datalayout = "([^"]*)"', ir_text, re.MULTILINE)
    if not match:
        return set()
    return {int(m) for m in re.findall(r"-p(\d+):64", match.group(1))}


@dataclass
class LegalizeResult:
    text: str
    rewritten: int  # instructions replaced
    imports: list[str]  # intrinsic import names now declared


def legalize_ir(ir_text: str) -> LegalizeResult:
    """Rewrite every far load/store/memcpy/memmove/memset in `ir_text`.

    Raises LegalizeError (with the function name) for a far access it cannot
    express; the caller also runs `find_far_accesses` on the re-parsed
    result, so an access this pass does not recognise is never missed."""
    numbers = [int(n) for n in re.findall(r"%far\$(\d+)", ir_text)]
    legalizer = Legalizer(wide_spaces_of(ir_text), counter=max(numbers, default=0),
                          geps=foldable_geps(ir_text), sign_extended=sign_extended_loads(ir_text))
    existing = set(re.findall(r'^declare [^@]*@"?([^"(]+)"?\(', ir_text, re.MULTILINE))
    lines = ir_text.splitlines()
    lane_loads = find_lane_loads(lines)
    fused_loads = {line for lane in lane_loads.values() for line in lane.dropped}
    out: list[str] = []
    for number, line in enumerate(lines):
        if line.startswith("define "):
            legalizer.function = defined_function(line)
        if number in fused_loads:
            continue  # emitted by its insertelement, as a lane load
        try:
            if number in lane_loads:
                replacement = legalizer.rewrite_lane_load(lane_loads[number])
            else:
                replacement = legalizer.rewrite_line(line)
        except LegalizeError as exc:
            raise LegalizeError(f"in function `{legalizer.function}`: {exc}: `{line.strip()}`") from None
        except (ValueError, IndexError) as exc:  # malformed operand text
            raise LegalizeError(f"in function `{legalizer.function}`: cannot read `{line.strip()}` ({exc})") \
                from None
        out.extend([line] if replacement is None else replacement)
    new = {n: d for n, d in legalizer.declarations.items() if n not in existing}
    if new:
        out.append("")
        out.extend(new.values())
    return LegalizeResult("\n".join(out) + "\n", legalizer.rewritten, sorted(legalizer.declarations))


# ---------------------------------------------------------------------------
# The check


@dataclass(frozen=True)
class FarAccess:
    """A far memory access that survived legalization."""

    function: str
    instruction: str


#: Intrinsics that take far pointers without touching memory.
_HARMLESS_INTRINSICS = ("llvm.assume", "llvm.ptrmask", "llvm.ssa.copy", "llvm.launder.invariant.group",
                        "llvm.strip.invariant.group", "llvm.experimental.noalias.scope.decl",
                        "llvm.dbg.", "llvm.pseudoprobe")


def _has_far_type(type_text: str) -> bool:
    return any(int(m) >= ADDRSPACE_BASE for m in _FAR_SPACE.findall(type_text))


_OPCODE = re.compile(rf"^\s*(?:{_VALUE_NAME} = )?(?:(?:tail|musttail|notail) )?"
                     r"(?P<op>load|store|atomicrmw|cmpxchg|call) (?P<rest>.*)$")


def _line_may_touch_far_memory(line: str) -> bool:
    """Whether an instruction line may access memory through a far pointer:
    a load/store whose pointer operand, an atomic whose address, or an
    `llvm.*` call with an argument in a far address space. Conservative:
    when in doubt (an operand list it cannot split), yes."""
    match = _OPCODE.match(line)
    if match is None or not _has_far_type(line):
        return False
    op, rest = match["op"], match["rest"]
    if op == "call":
        return "@llvm." in rest
    rest = rest.removeprefix("volatile ").removeprefix("atomic ")
    try:
        parts = split_top_level(rest)
    except LegalizeError:
        return True
    pointer = parts[0] if op in ("atomicrmw", "cmpxchg") else (parts[1] if len(parts) > 1 else rest)
    return _has_far_type(pointer)


def functions_to_scan(ir_text: str) -> set[str]:
    """Functions whose text has a line that mentions a far address space and
    a memory-touching opcode. A superset of those with far accesses (every
    far access prints its pointer type on its own line), so the precise walk
    below can skip the rest: walking every instruction through llvmlite's
    FFI was most of -O0's code generation time."""
    return {function for function, body in _function_bodies(ir_text)
            if any("addrspace(" in line and _line_may_touch_far_memory(line) for line in body)}


def find_far_accesses(module, ir_text: str | None = None) -> list[FarAccess]:
    """Every load/store/atomic/memory intrinsic on an address space >= 1000
    left in a parsed module (`llvmlite.binding.ModuleRef`). With the module's
    text, only the functions `functions_to_scan` names are walked."""
    only = functions_to_scan(ir_text) if ir_text is not None else None
    found = []
    for fn in module.functions:
        if fn.is_declaration or (only is not None and fn.name not in only):
            continue
        for block in fn.blocks:
            for ins in block.instructions:
                opcode = ins.opcode
                operands = list(ins.operands)
                if opcode in ("load", "atomicrmw", "cmpxchg"):
                    suspects = operands[:1]
                elif opcode == "store":
                    suspects = operands[1:2]
                elif opcode == "call":
                    callee = operands[-1].name if operands else ""
                    if not callee.startswith("llvm.") or callee.startswith(_HARMLESS_INTRINSICS):
                        continue
                    suspects = operands[:-1]
                else:
                    continue
                if any(_has_far_type(str(op.type)) for op in suspects):
                    found.append(FarAccess(fn.name, str(ins).strip()))
    return found


__all__ = [
    "FarAccess", "LegalizeError", "LegalizeResult", "Legalizer", "find_far_accesses", "legalize_ir",
    "split_top_level", "split_type", "strip_param_attrs", "wide_spaces_of",
]
