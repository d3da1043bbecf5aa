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
IR: each function that mentions a far address space is read once into the
typed model of `ir_model` (instructions, operands, use counts), the folds
of `far_fusion` are planned on that model, and the function is printed
again with its far accesses replaced; the caller re-parses and verifies the
module. Inserted values are named `%far$N` (`$` cannot come from a source
identifier); unnamed values keep their numbers, so LLVM's sequential
numbering stays valid. Then `memarg_offsets` takes `inbounds` from the
memory-0 GEPs whose constant LLVM's back end could fold across a negative
index, and `wide_pointers` turns the pointers of 64-bit memories into i64
integers (the wasm32 back end would truncate them).

Checked, three ways: the model of every function this pass wrote must
agree with llvmlite's parse of the same function (`check_legalized`, by
`ir_model.cross_check`); `find_far_accesses` scans the re-parsed module,
independently of the rewriting, for any load, store, atomic or memory
intrinsic still touching an address space >= 1000; and
`wide_pointers.find_wide_pointers` for any 64-bit memory pointer left. The
caller turns findings into an ICE naming the function. This pass works on
optimized and unoptimized IR alike.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..memory import ADDRSPACE_BASE, INTRINSIC_MODULE, MemOp
from .far_fusion import ExtendingLoad, LaneLoad, extending_loads, foldable_offsets, lane_loads, sign_extended_loads
from .ir_model import (
    PURE_OPCODES, Call, Function, FunctionView, Instruction, IRModelError, Load, ModuleText, Operand, Store,
    cross_check, defined_function, far_space, instruction, mentions_far_space, normalize_name,
    parse_function, pointer_space, split_top_level, view,
)
from .libcalls import libcall_definitions
from .memarg_offsets import guard_memarg_offsets
from .wide_pointers import WidePointerError, find_wide_pointers, lower_wide_pointers


class LegalizeError(Exception):
    """An instruction on a far address space this pass cannot rewrite."""


_VECTOR = re.compile(r"<(\d+) x (.+)>")
_ELEMENT_TAGS = {"i8": "i8", "i16": "i16", "i32": "i32", "i64": "i64", "float": "f32", "double": "f64"}
_MEMORY_INTRINSICS = ("llvm.memcpy", "llvm.memmove", "llvm.memset")


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
    #: far pointer name -> (base value, byte offset) of constant `nuw` GEPs (far_fusion.foldable_offsets)
    offsets: dict[str, tuple[str, int]] = field(default_factory=dict)
    #: names of narrow far loads whose only use is a `sext` (far_fusion.sign_extended_loads)
    sign_extended: set[str] = field(default_factory=set)
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
        base, offset = self.offsets.get(normalize_name(ptr_value), (ptr_value, 0))
        if offset:
            self.folded += 1
        return base, offset

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
                signed = normalize_name(result) in self.sign_extended and ty in ("i8", "i16")
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

    # ----- instructions
    def rewrite(self, ins: Instruction) -> list[str] | None:
        """The replacement lines for one instruction, or None to keep it."""
        if ins.opcode not in ("load", "store", "call") or not mentions_far_space(ins.line):
            return None
        indent = ins.line[:len(ins.line) - len(ins.line.lstrip())]
        form = ins.form
        if isinstance(form, Load):
            return self.rewrite_load(indent, ins.result, form)
        if isinstance(form, Store):
            return self.rewrite_store(indent, form)
        if isinstance(form, Call) and form.callee_name.startswith(_MEMORY_INTRINSICS):
            return self.rewrite_mem_call(indent, form)
        return None

    def rewrite_load(self, indent: str, result: str, load: Load) -> list[str] | None:
        if far_space(load.pointer.type) is None:
            return None
        if load.atomic:
            raise LegalizeError("atomic load from a far memory")
        out: list[str] = []
        space, address, mem_offset = self.far_address(out, indent, load.pointer)
        self.load(out, indent, result, load.type, space, address, load.align, mem_offset)
        self.rewritten += 1
        return out

    def rewrite_store(self, indent: str, store: Store) -> list[str] | None:
        if far_space(store.pointer.type) is None:
            return None
        if store.atomic:
            raise LegalizeError("atomic store to a far memory")
        out: list[str] = []
        space, address, mem_offset = self.far_address(out, indent, store.pointer)
        self.store(out, indent, store.value.type, store.value.value, space, address, store.align, mem_offset)
        self.rewritten += 1
        return out

    def far_address(self, out: list[str], indent: str, pointer: Operand) -> tuple[int, str, int]:
        """(space, address, memarg offset) of a far pointer operand, with the
        address computed into `out`."""
        space = pointer_space(pointer.type)
        base, mem_offset = self.fold_offset(pointer.value)
        return space, self.address_of(out, indent, pointer.type, base), mem_offset

    def rewrite_lane_load(self, ins: Instruction, lane: LaneLoad) -> list[str]:
        """The insertelement (or splat shufflevector) `ins` and the far load
        fused into it, as one lane, zeroing or splat load."""
        indent = ins.line[:len(ins.line) - len(ins.line.lstrip())]
        out: list[str] = []
        space, address, mem_offset = self.far_address(out, indent, lane.pointer)
        addr_ty = self.addr_type(space)
        bits = 8 * self.type_bytes(lane.elem)
        tag = f"v{lane.count}{_ELEMENT_TAGS[lane.elem]}"
        align = min(lane.align, bits // 8)
        mem = space - ADDRSPACE_BASE
        if lane.splat:
            op = MemOp(f"v128.load{bits}_splat", mem, align, offset=mem_offset, llvm_type=tag)
            fn = self.declare(op, lane.vector_type, [addr_ty])
            out.append(f"{indent}{ins.result} = call {lane.vector_type} {fn}({addr_ty} {address})")
        elif lane.index == 0 and bits >= 32 and _zeros_but_lane_0(lane.vector):
            op = MemOp(f"v128.load{bits}_zero", mem, align, offset=mem_offset, llvm_type=tag)
            fn = self.declare(op, lane.vector_type, [addr_ty])
            out.append(f"{indent}{ins.result} = call {lane.vector_type} {fn}({addr_ty} {address})")
        else:
            op = MemOp(f"v128.load{bits}_lane", mem, align, offset=mem_offset, lane=lane.index, llvm_type=tag)
            fn = self.declare(op, lane.vector_type, [addr_ty, lane.vector_type])
            out.append(f"{indent}{ins.result} = call {lane.vector_type} {fn}({addr_ty} {address}, "
                       f"{lane.vector_type} {lane.vector})")
        self.rewritten += 1
        return out

    def rewrite_extending_load(self, ins: Instruction, ext: ExtendingLoad) -> list[str]:
        """The far half-vector load `ins` and the extension fused into it: one
        `v128.load8x8_u` (...), under the load's own name (now of the extended
        type); the extension becomes a `freeze` of it (`extension_alias`), so
        every name stays defined where it was: unnamed values must stay
        numbered in order of their definitions, and the extension can come
        first in the text (its block laid out before the load's)."""
        indent = ins.line[:len(ins.line) - len(ins.line.lstrip())]
        load = ins.form
        assert isinstance(load, Load)
        out: list[str] = []
        space, address, mem_offset = self.far_address(out, indent, load.pointer)
        addr_ty = self.addr_type(space)
        vec = _VECTOR.fullmatch(ext.vector_type)
        assert vec is not None
        tag = f"v{vec.group(1)}{_ELEMENT_TAGS[vec.group(2)]}"
        op = MemOp(ext.opcode, space - ADDRSPACE_BASE, min(load.align, 8), offset=mem_offset, llvm_type=tag)
        fn = self.declare(op, ext.vector_type, [addr_ty])
        out.append(f"{indent}{ins.result} = call {ext.vector_type} {fn}({addr_ty} {address})")
        self.rewritten += 1
        return out

    @staticmethod
    def extension_alias(ins: Instruction, ext: ExtendingLoad, load_result: str) -> list[str]:
        """The extension of a fused extending load: its result is the load's
        value, already extended (`freeze` of a defined value is that value; it
        emits no wasm instruction)."""
        indent = ins.line[:len(ins.line) - len(ins.line.lstrip())]
        return [f"{indent}{ext.result} = freeze {ext.vector_type} {load_result}"]

    def rewrite_mem_call(self, indent: str, call: Call) -> list[str] | None:
        """`llvm.memcpy`/`memmove` with a far side -> `memory.copy`; a far `llvm.memset` -> `memory.fill`."""
        name = call.callee_name
        if len(call.args) < 3:
            raise LegalizeError(f"`{name}` with {len(call.args)} arguments")
        out: list[str] = []
        if name.startswith(("llvm.memcpy", "llvm.memmove")):
            dst, src, size = call.args[:3]
            dspace, sspace = pointer_space(dst.type), pointer_space(src.type)
            if dspace < ADDRSPACE_BASE and sspace < ADDRSPACE_BASE:
                return None
            for space in (dspace, sspace):
                if space != 0 and space < ADDRSPACE_BASE:
                    raise LegalizeError(f"`{name}` between address spaces {dspace} and {sspace}")
            dmem, smem = _mem_index(dspace), _mem_index(sspace)
            dat, sat = self.addr_type(dspace), self.addr_type(sspace)
            len_ty = "i64" if dat == sat == "i64" else "i32"
            daddr = self.address_of(out, indent, dst.type, dst.value)
            saddr = self.address_of(out, indent, src.type, src.value)
            length, (daddr, saddr) = self.narrowed_length(out, indent, size.type, size.value, len_ty,
                                                          [(dat, daddr), (sat, saddr)])
            daddr, saddr = self.zero_length_guard(out, indent, len_ty, length, [(dat, daddr), (sat, saddr)])
            fn = self.declare(MemOp("memory.copy", dmem, mem2=smem), "void", [dat, sat, len_ty])
            out.append(f"{indent}call void {fn}({dat} {daddr}, {sat} {saddr}, {len_ty} {length})")
        else:  # memset
            dst, byte_value, size = call.args[:3]
            dspace = pointer_space(dst.type)
            if dspace < ADDRSPACE_BASE:
                return None
            dat = self.addr_type(dspace)
            daddr = self.address_of(out, indent, dst.type, dst.value)
            byte = self.resize(out, indent, byte_value.type, byte_value.value, "i32")
            length, (daddr,) = self.narrowed_length(out, indent, size.type, size.value, dat, [(dat, daddr)])
            daddr, = self.zero_length_guard(out, indent, dat, length, [(dat, daddr)])
            fn = self.declare(MemOp("memory.fill", _mem_index(dspace)), "void", [dat, "i32", dat])
            out.append(f"{indent}call void {fn}({dat} {daddr}, i32 {byte}, {dat} {length})")
        self.rewritten += 1
        return out

    def narrowed_length(self, out: list[str], indent: str, ty: str, value: str, target: str,
                        addresses: list[tuple[str, str]]) -> tuple[str, list[str]]:
        """A bulk operation's length as a `target` integer, and its addresses.

        An i64 length (LLVM's, for a loop over a 64-bit memory) narrowed to
        the i32 of a 32-bit memory must not wrap to a short range that
        succeeds: a length past 4 GiB cannot be in bounds there, so it
        becomes the range [2^32 - 1, 2^33 - 2) on every 32-bit side, which
        wasm's up-front bounds check always rejects (branchless, like the
        zero-length guard)."""
        if int(ty[1:]) <= int(target[1:]):
            return self.resize(out, indent, ty, value, target), [address for _, address in addresses]
        if re.fullmatch(r"\d+", value) and int(value) < 1 << int(target[1:]):
            return value, [address for _, address in addresses]
        too_long = self.fresh()
        out.append(f"{indent}{too_long} = icmp ugt {ty} {value}, {(1 << int(target[1:])) - 1}")
        narrow = self.resize(out, indent, ty, value, target)
        length = self.fresh()
        out.append(f"{indent}{length} = select i1 {too_long}, {target} -1, {target} {narrow}")
        kept = []
        for addr_ty, address in addresses:
            if addr_ty != target:
                kept.append(address)
                continue
            name = self.fresh()
            out.append(f"{indent}{name} = select i1 {too_long}, {addr_ty} -1, {addr_ty} {address}")
            kept.append(name)
        return length, kept

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

    # ----- functions
    def rewrite_function(self, function: Function) -> tuple[Function, set[int]] | None:
        """`function` with every far access legalized and the positions of the
        instructions this pass wrote, or None if it has no far access."""
        self.function = function.name
        self.offsets = foldable_offsets(function)
        self.sign_extended = sign_extended_loads(function)
        lanes = lane_loads(function)
        extending = {at: ext for at, ext in extending_loads(function).items() if at not in lanes}
        fused = {index for lane in lanes.values() for index in lane.dropped}
        #: extension index -> (its extending load, the load's result)
        extensions = {ext.extend_at: (ext, function.instructions[at].result) for at, ext in extending.items()}
        new: list[Instruction] = []
        written: set[int] = set()
        moved_across = _covered(function, [(lane.dropped[0] + 1, lane.at) for lane in lanes.values()]) - fused
        changed = bool(fused)
        for index, ins in enumerate(function.instructions):
            if index in moved_across:  # a fused load moved across it: it must be what the model says
                written.add(len(new))
            if index in fused:
                continue  # emitted where it is fused
            try:
                if index in lanes:
                    lines = self.rewrite_lane_load(ins, lanes[index])
                elif index in extensions:
                    lines = self.extension_alias(ins, *extensions[index])
                elif index in extending:
                    lines = self.rewrite_extending_load(ins, extending[index])
                else:
                    lines = self.rewrite(ins)
            except LegalizeError as exc:
                raise LegalizeError(f"in function `{function.name}`: {exc}: `{ins.line.strip()}`") from None
            except (IRModelError, ValueError, IndexError) as exc:  # operand text the model cannot read
                raise LegalizeError(f"in function `{function.name}`: cannot read `{ins.line.strip()}` ({exc})") \
                    from None
            if lines is None:
                new.append(ins)
                continue
            changed = True
            location = _debug_location(ins)
            for line in lines:
                written.add(len(new))
                new.append(instruction(line + location, ins.block))
        if not changed:
            return None
        # what the folds took from kept instructions is checked too: the GEPs
        # whose offsets went into memargs, the sexts of sign-extending loads
        for position, ins in enumerate(new):
            if (ins.opcode == "getelementptr" and ins.name in self.offsets) or (
                    ins.opcode == "sext" and normalize_name(ins.form.value.value) in self.sign_extended):
                written.add(position)
        return Function(function.name, function.header, function.labels, new), written


def _zeros_but_lane_0(vector: str) -> bool:
    """Whether a vector operand is empty or zero in every lane but lane 0, which the
    load overwrites (`zeroinitializer`, or LLVM's `<i32 poison, i32 0, i32 0, i32 0>`):
    then `v128.loadN_zero` is the whole insertelement."""
    if vector in ("poison", "undef", "zeroinitializer"):
        return True
    if not (vector.startswith("<") and vector.endswith(">")):
        return False
    lanes = [part.split(" ", 1)[-1] for part in split_top_level(vector[1:-1])]
    return all(value in ("0", "0.000000e+00", "poison", "undef") for value in lanes[1:])


def _covered(function: Function, ranges: list[tuple[int, int]]) -> set[int]:
    """The instruction positions inside any of the half-open `ranges` (in
    linear time, however much the ranges overlap)."""
    if not ranges:
        return set()
    depth = [0] * (len(function.instructions) + 1)
    for start, end in ranges:
        depth[start] += 1
        depth[end] -= 1
    covered, open_ranges = set(), 0
    for position in range(len(function.instructions)):
        open_ranges += depth[position]
        if open_ranges:
            covered.add(position)
    return covered


def _debug_location(ins: Instruction) -> str:
    """`, !dbg !N` when `ins` has a debug location (codegen.debug_lines), else "": the
    instructions that replace a far access keep the source line it came from."""
    attachment = next((p for p in split_top_level(ins.body) if p.startswith("!dbg ")), None)
    return f", {attachment}" if attachment is not None else ""


def _chunks(nbytes: int) -> list[int]:
    """Little-endian pieces of 8, 4, 2, 1 bytes covering `nbytes`."""
    sizes = []
    while nbytes:
        size = next(s for s in (8, 4, 2, 1) if s <= nbytes)
        sizes.append(size)
        nbytes -= size
    return sizes


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
    #: function name -> the model's view of it as written, for every function
    #: this pass (or the wide-pointer lowering after it) changed
    written: dict[str, FunctionView] = field(default_factory=dict)
    #: address spaces of 64-bit memories (their pointers are now i64)
    wide_spaces: set[int] = field(default_factory=set)


_ACCESS_WORDS = re.compile(r"= load |^\s*store |@llvm\.mem(?:cpy|move|set)")


def may_have_far_access(lines: list[str]) -> bool:
    """Whether a function's text has a line that names a far address space
    and a load, a store or a memory intrinsic: a superset of the functions
    with far accesses to legalize (each prints its pointer type on its own
    line), so the others are not read into the model at all."""
    return any(mentions_far_space(line) and _ACCESS_WORDS.search(line) for line in lines[1:])


def legalize_ir(ir_text: str, for_isel: bool = True) -> LegalizeResult:
    """Rewrite every far load/store/memcpy/memmove/memset in `ir_text`, then
    lower the pointers of 64-bit memories to integers. With `for_isel` (the
    IR goes to instruction selection next, not to the optimizer), also take
    `inbounds` from the memory-0 GEPs whose constant the back end could fold
    across a negative index (`memarg_offsets`) and add the runtime routines
    the module needs (`libcalls`). Both belong after the optimizer: it needs
    the flags the first takes away, and could fold the second's 64-bit
    arithmetic back into the 128-bit multiply it implements.

    Raises LegalizeError (with the function name) for a far access it cannot
    express; the caller also runs `check_legalized` on the re-parsed result,
    so an access this pass does not recognise is never missed."""
    numbers = [int(n) for n in re.findall(r"far\$(\d+)", ir_text)]
    legalizer = Legalizer(wide_spaces_of(ir_text), counter=max(numbers, default=0))
    module = ModuleText.parse(ir_text)
    existing = {m.group(1) for item in module.items if isinstance(item, str)
                and (m := re.match(r'declare [^@]*@"?([^"(]+)"?\(', item))}
    written: dict[str, FunctionView] = {}
    for position, item in enumerate(module.items):
        if not isinstance(item, list) or not may_have_far_access(item):
            continue
        try:
            function = parse_function(item)
        except IRModelError as exc:
            raise LegalizeError(f"in function `{defined_function(item[0])}`: {exc}") from None
        outcome = legalizer.rewrite_function(function)
        if outcome is not None:
            rewritten, new = outcome
            module.items[position] = list(rewritten.lines())
            written[function.name] = view(rewritten, new)
    for item in module.items if for_isel else ():
        if isinstance(item, list):
            try:
                guard_memarg_offsets(item)
            except IRModelError as exc:
                raise LegalizeError(f"in function `{defined_function(item[0])}`: {exc}") from None
    new_declarations = [d for n, d in legalizer.declarations.items() if n not in existing]
    if new_declarations:
        module.items.extend(["", *new_declarations])
    text = module.text()
    support = libcall_definitions(module.definitions(), text) if for_isel else []
    if support:
        text += "\n" + "\n".join(support) + "\n"
    if legalizer.wide_spaces:
        try:
            text, lowered = lower_wide_pointers(text, legalizer.wide_spaces)
        except WidePointerError as exc:
            raise LegalizeError(str(exc)) from None
        written.update(lowered)
    return LegalizeResult(text, legalizer.rewritten, sorted(legalizer.declarations), written,
                          legalizer.wide_spaces)


# ---------------------------------------------------------------------------
# The checks


def check_legalized(result: LegalizeResult, legalized) -> list[str]:
    """Where the model of each function this pass wrote disagrees with
    llvmlite's parse of the same function in `legalized` (the re-parsed
    output). Comparing the output suffices: an instruction the pass kept is
    in it as it was read (so a misread one shows, e.g. a call taken for
    pure arithmetic), and what the pass took from the instructions it
    replaced (the pointer of a fused load) is in the operands of what it
    wrote, whose types are compared."""
    problems = []
    for name in sorted(result.written):
        function = legalized.get_function(name)
        problem = cross_check(function, result.written[name])
        if problem:
            problems.append(f"in `{name}`: {problem}")
    return problems


@dataclass(frozen=True)
class FarAccess:
    """A far memory access that survived legalization."""

    function: str
    instruction: str


#: Intrinsics that take far pointers without touching memory.
_HARMLESS_INTRINSICS = ("llvm.assume", "llvm.ptrmask", "llvm.ssa.copy", "llvm.launder.invariant.group",
                        "llvm.strip.invariant.group", "llvm.experimental.noalias.scope.decl",
                        "llvm.dbg.", "llvm.pseudoprobe")
#: Opcodes that never access memory through their operands (besides PURE_OPCODES).
_NO_ACCESS = frozenset({"phi", "ret", "br", "switch", "alloca", "unreachable"})


#: words on a line that may access memory: every opcode but the pure ones and a few
_SUSPECT_WORDS = re.compile(r"= (?!(?:" + "|".join(sorted(PURE_OPCODES | {"phi", "alloca"})) + r") )|^\s*(?!br |ret |switch )[a-z]")


def may_touch_far_memory(ins: Instruction) -> bool:
    """Whether an instruction may access memory through a far pointer: a
    load/store whose pointer operand is far, an `llvm.*` call with a far
    argument, or anything else that mentions a far space and is not known to
    leave memory alone (conservative, by exclusion)."""
    if not mentions_far_space(ins.line) or ins.opcode in PURE_OPCODES or ins.opcode in _NO_ACCESS:
        return False
    try:
        form = ins.form
    except IRModelError:
        return True
    if isinstance(form, (Load, Store)):
        return far_space(form.pointer.type) is not None
    if isinstance(form, Call):
        return form.callee_name.startswith("llvm.") and not form.callee_name.startswith(_HARMLESS_INTRINSICS)
    return True


def functions_to_scan(ir_text: str) -> set[str]:
    """Functions with an instruction that may touch far memory. A superset of
    those with far accesses (every far access prints its pointer type on its
    own line), so the precise walk below can skip the rest: walking every
    instruction through llvmlite's FFI was most of -O0's code generation time."""
    names = set()
    for lines in ModuleText.parse(ir_text).definitions():
        if any(mentions_far_space(line) and _SUSPECT_WORDS.search(line)
               and may_touch_far_memory(instruction(line)) for line in lines[1:]):
            names.add(defined_function(lines[0]))
    return names


def _has_far_type(type_text: str) -> bool:
    return mentions_far_space(type_text)


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
    "FarAccess", "LegalizeError", "LegalizeResult", "Legalizer", "check_legalized", "find_far_accesses",
    "find_wide_pointers", "functions_to_scan", "legalize_ir", "wide_spaces_of",
]
