"""Pointers into 64-bit memories become i64 integers before instruction selection.

Why: a pointer into a memory64 memory is 64 bits (the datalayout says
`-p<space>:64:64`) and LLVM's optimizer honours that. LLVM's wasm32 back
end does not: it lowers a pointer of every address space as a 32-bit
integer, so such a pointer in a register, stored in memory 0 or in a struct,
passed to a function or cast to `u64` would silently lose its upper half, and
an address above 4 GiB would become a low one. After legalization no far
pointer is dereferenced any more (each far access is an intrinsic call that
takes an integer address), so this pass replaces every type, value and
constant `ptr addrspace(W)` of a 64-bit memory W by `i64`:

* `getelementptr` on such a pointer becomes the same arithmetic on integers
  (indices sign-extended to 64 bits, scaled by the type sizes of `TypeLayout`);
* `ptrtoint`/`ptrtoaddr`/`inttoptr` become no-op casts (or zext/trunc);
* constants (`null`, `inttoptr (i64 16 to ...)`, constant GEPs) become
  integer literals;
* everything else (phi, select, icmp, load/store in memory 0, calls,
  signatures, struct types, globals) keeps its shape with the new type, and
  pointer-only attributes and metadata are dropped.

Layouts do not change: the datalayout gives these pointers 8 bytes, 8-aligned,
exactly like i64, and farc's `layout.py` says the same. An instruction this
pass does not know that mentions a 64-bit memory pointer is an error, and
`find_wide_pointers` checks LLVM's parse of the result: no such pointer type
may be left anywhere.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .ir_model import (
    Alloca, Binary, Call, Cast, Function, FunctionView, Gep, Generic, Instruction, IRModelError, Load,
    ModuleText, Operand, Phi, view,
    Store, defined_function, find_top_level, instruction, matching, parse_function, rebuilt, split_top_level,
    split_type,
    strip_param_attrs, with_result,
)


class WidePointerError(Exception):
    """Something mentions a 64-bit memory pointer in a way this pass cannot lower."""


_POINTER = re.compile(r"ptr addrspace\((\d+)\)")
_INT = re.compile(r"i(\d+)")
_VECTOR = re.compile(r"<(\d+) x (.+)>")
#: attributes that only make sense on pointers (dropped when the pointer becomes an i64)
_POINTER_ATTRS = frozenset({
    "noalias", "nonnull", "nocapture", "captures", "readonly", "writeonly", "readnone", "dereferenceable",
    "dereferenceable_or_null", "align", "nofree", "writable", "initializes", "dead_on_unwind",
    "dead_on_return", "byval", "byref", "sret", "inalloca", "preallocated", "elementtype", "swifterror",
    "swiftself", "allocptr",
})
#: load metadata that only make sense on pointer loads
_POINTER_METADATA = ("!nonnull", "!align", "!dereferenceable", "!dereferenceable_or_null")


# ---------------------------------------------------------------------------
# Sizes of LLVM types (what `getelementptr` scales by)


@dataclass
class TypeLayout:
    """Sizes and alignments of LLVM types under a module's datalayout, and
    its named struct types (`%T = type { ... }`)."""

    pointer_bits: dict[int, int] = field(default_factory=lambda: {0: 32})
    int_aligns: dict[int, int] = field(default_factory=lambda: {1: 1, 8: 1, 16: 2, 32: 4, 64: 8})
    named: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of_module(cls, text: str) -> "TypeLayout":
        layout = cls()
        match = re.search(r'^target datalayout = "([^"]*)"', text, re.MULTILINE)
        for spec in (match.group(1).split("-") if match else []):
            pointer = re.fullmatch(r"p(\d*):(\d+):(\d+)(?::\d+)*", spec)
            integer = re.fullmatch(r"i(\d+):(\d+)(?::\d+)?", spec)
            if pointer:
                layout.pointer_bits[int(pointer.group(1) or 0)] = int(pointer.group(2))
            elif integer:
                layout.int_aligns[int(integer.group(1))] = int(integer.group(2)) // 8
        for line in text.splitlines():
            definition = re.match(r'^(%(?:[-a-zA-Z$._0-9]+|"[^"]*")) = type (.*)$', line)
            if definition:
                layout.named[definition.group(1)] = definition.group(2).strip()
        return layout

    def size_align(self, ty: str) -> tuple[int, int]:
        """(allocation size, ABI alignment) in bytes."""
        store, align = self._store_align(ty)
        return -(-store // align) * align, align

    def alloc_size(self, ty: str) -> int:
        return self.size_align(ty)[0]

    def _store_align(self, ty: str) -> tuple[int, int]:
        ty = ty.strip()
        if ty in self.named:
            return self._store_align(self.named[ty])
        if (m := _INT.fullmatch(ty)) is not None:
            bits = int(m.group(1))
            return -(-bits // 8), self._int_align(bits)
        if ty in ("half", "bfloat"):
            return 2, 2
        if ty == "float":
            return 4, 4
        if ty in ("double",):
            return 8, 8
        if ty == "fp128":
            return 16, 16
        if ty == "ptr" or _POINTER.fullmatch(ty):
            space = 0 if ty == "ptr" else int(_POINTER.fullmatch(ty).group(1))
            size = self.pointer_bits.get(space, self.pointer_bits[0]) // 8
            return size, size
        if (m := _VECTOR.fullmatch(ty)) is not None:
            bits = int(m.group(1)) * self._element_bits(m.group(2))
            store = -(-bits // 8)
            return store, 1 << max(0, (store - 1).bit_length())
        if ty.startswith("[") and ty.endswith("]"):
            count, _, elem = ty[1:-1].strip().partition(" x ")
            size, align = self.size_align(elem)
            return int(count) * size, align
        if ty.startswith(("{", "<{")):
            offsets, size, align = self.struct_layout(ty)
            return size, align
        raise WidePointerError(f"no layout for type `{ty}`")

    def _int_align(self, bits: int) -> int:
        larger = [b for b in self.int_aligns if b >= bits]
        return self.int_aligns[min(larger)] if larger else self.int_aligns[max(self.int_aligns)]

    def _element_bits(self, ty: str) -> int:
        if (m := _INT.fullmatch(ty)) is not None:
            return int(m.group(1))
        return 8 * self._store_align(ty)[0]

    def struct_layout(self, ty: str) -> tuple[list[int], int, int]:
        """(field offsets, size, alignment) of a literal or named struct type."""
        ty = self.named.get(ty, ty).strip()
        packed = ty.startswith("<{")
        inner = ty[2:-2] if packed else ty[1:-1]
        fields = [f for f in split_top_level(inner.strip())] if inner.strip() else []
        offset, max_align, offsets = 0, 1, []
        for fty in fields:
            size, align = self.size_align(fty)
            if packed:
                align = 1
            offset = -(-offset // align) * align
            offsets.append(offset)
            offset += size
            max_align = max(max_align, align)
        return offsets, -(-offset // max_align) * max_align, max_align

    def element(self, ty: str, index: int | None) -> tuple[str, int | None]:
        """Stepping into `ty` by one GEP index: (the element type, its constant
        byte offset for a struct field, or None: the stride is the element's size)."""
        ty = self.named.get(ty, ty).strip() if ty.startswith("%") else ty.strip()
        if ty.startswith(("{", "<{")):
            if index is None:
                raise WidePointerError(f"a struct index into `{ty}` must be a constant")
            inner = ty[2:-2] if ty.startswith("<{") else ty[1:-1]
            fields = split_top_level(inner.strip())
            return fields[index], self.struct_layout(ty)[0][index]
        if ty.startswith("[") and ty.endswith("]"):
            return ty[1:-1].strip().partition(" x ")[2], None
        if (m := _VECTOR.fullmatch(ty)) is not None:
            if self._element_bits(m.group(2)) % 8:
                raise WidePointerError(f"a getelementptr into `{ty}` (elements are not whole bytes)")
            return m.group(2), None
        raise WidePointerError(f"a getelementptr into the non-aggregate type `{ty}`")


# ---------------------------------------------------------------------------
# The lowering


def _signed(value: int, bits: int) -> int:
    value &= (1 << bits) - 1
    return value - (1 << bits) if bits > 1 and value >> (bits - 1) else value


@dataclass
class Lowering:
    """Lowers one module; `wide` are the address spaces of 64-bit memories."""

    wide: set[int]
    layout: TypeLayout
    counter: int = 0

    # ----- types
    def is_wide(self, ty: str) -> bool:
        return any(int(space) in self.wide for space in _POINTER.findall(ty))

    def wide_type(self, ty: str) -> str:
        """`ty` with every 64-bit memory pointer type replaced by i64."""
        return _POINTER.sub(lambda m: "i64" if int(m.group(1)) in self.wide else m.group(0), ty)

    def is_wide_pointer(self, ty: str) -> bool:
        match = _POINTER.fullmatch(ty.strip())
        return match is not None and int(match.group(1)) in self.wide

    def fresh(self) -> str:
        self.counter += 1
        return f"%far${self.counter}"

    # ----- constants
    def constant(self, ty: str, value: str) -> str:
        """A constant (or a value name) of type `ty`, lowered: every 64-bit
        pointer constant inside it becomes an integer literal."""
        value = value.strip()
        if value.startswith("%") or value in ("poison", "undef", "zeroinitializer") or not self.is_wide(
                f"{ty} {value}"):
            return value
        if self.is_wide_pointer(ty) or _INT.fullmatch(ty):
            bits = 64 if self.is_wide_pointer(ty) else int(_INT.fullmatch(ty).group(1))
            return str(_signed(self.evaluate(ty, value), bits))
        vector = _VECTOR.fullmatch(ty)
        if vector is not None:
            elem = vector.group(2)
            if value.startswith("splat ("):
                inner = Operand.parse(value[len("splat ("):-1])
                return f"splat ({self.wide_type(inner.type)} {self.constant(inner.type, inner.value)})"
            if value.startswith("<"):
                return "<" + ", ".join(self.typed_constant(p) for p in split_top_level(value[1:-1])) + ">"
            raise WidePointerError(f"cannot lower the vector constant `{value}` of type `{elem}`")
        if value.startswith(("{", "<{", "[")):
            packed = value.startswith("<{")
            inner = value[2:-2] if packed else value[1:-1]
            parts = ", ".join(self.typed_constant(p) for p in split_top_level(inner.strip()))
            opening, closing = ("<{ ", " }>") if packed else ((value[0] + " ", " " + value[-1]))
            return f"{opening}{parts}{closing}"
        raise WidePointerError(f"cannot lower the constant `{value}` of type `{ty}`")

    def typed_constant(self, text: str) -> str:
        operand = Operand.parse(text)
        return f"{self.wide_type(operand.type)} {self.constant(operand.type, operand.value)}"

    def evaluate(self, ty: str, value: str) -> int:
        """The unsigned value of an integer or pointer constant expression."""
        value = value.strip()
        bits = 64 if self.is_wide_pointer(ty) else self._bits(ty)
        mask = (1 << bits) - 1
        if re.fullmatch(r"-?\d+", value):
            return int(value) & mask
        if value in ("null", "false", "zeroinitializer"):
            return 0
        if value == "true":
            return 1
        opcode, _, rest = value.partition(" ")
        while rest and not rest.startswith("("):  # flags of a constant GEP: `inbounds nuw (...)`
            _, _, rest = rest.partition(" ")
        if not rest.startswith("(") or matching(rest, 0) != len(rest):
            raise WidePointerError(f"cannot evaluate the constant `{value}`")
        inner = rest[1:-1]
        if opcode in ("inttoptr", "ptrtoint", "ptrtoaddr", "bitcast"):
            at = find_top_level(inner, "to")
            source = Operand.parse(inner[:at])
            return self.evaluate(source.type, source.value) & mask
        if opcode in ("add", "sub", "xor"):
            a, b = (Operand.parse(p) for p in split_top_level(inner))
            x, y = self.evaluate(a.type, a.value), self.evaluate(b.type, b.value)
            return {"add": x + y, "sub": x - y, "xor": x ^ y}[opcode] & mask
        if opcode == "getelementptr":
            parts = split_top_level(inner)
            base = Operand.parse(parts[1])
            address = self.evaluate(base.type, base.value)
            ty_now, offset = parts[0], 0
            for k, part in enumerate(parts[2:]):
                index = Operand.parse(part)
                number = _signed(self.evaluate(index.type, index.value), self._bits(index.type))
                if k == 0:
                    offset += number * self.layout.alloc_size(ty_now)
                    continue
                ty_now, field_offset = self.layout.element(ty_now, number)
                offset += field_offset if field_offset is not None else number * self.layout.alloc_size(ty_now)
            return (address + offset) & mask
        raise WidePointerError(f"cannot evaluate the constant `{value}`")

    def _bits(self, ty: str) -> int:
        match = _INT.fullmatch(ty.strip())
        if match is not None:
            return int(match.group(1))
        if ty.strip() == "ptr" or _POINTER.fullmatch(ty.strip()):
            return 8 * self.layout.size_align(ty)[0]
        raise WidePointerError(f"`{ty}` is not an integer or pointer type")

    def operand(self, op: Operand) -> Operand:
        """An operand with its type and constant lowered (and, when it was a
        64-bit pointer, its pointer-only attributes dropped)."""
        attrs = self.attributes(op.attrs) if self.is_wide(op.type) else op.attrs
        return Operand(self.wide_type(op.type), self.constant(op.type, op.value), attrs)

    @staticmethod
    def attributes(attrs: str) -> str:
        """Parameter or return attributes without the pointer-only ones."""
        kept, text = [], attrs.strip()
        while text:
            match = re.match(r"[a-z_]+", text)
            if match is None:
                raise WidePointerError(f"cannot read the attributes `{attrs}`")
            end = match.end()
            if end < len(text) and text[end] == "(":
                end = matching(text, end)
            elif match.group(0) in ("align", "dereferenceable", "dereferenceable_or_null"):
                number = re.match(r"\s+\d+", text[end:])
                end += number.end() if number else 0
            if match.group(0) not in _POINTER_ATTRS:
                kept.append(text[:end])
            text = text[end:].strip()
        return " ".join(kept)

    # ----- instructions
    def instruction(self, ins: Instruction) -> list[str]:
        """The lowered lines of one instruction that mentions a 64-bit pointer."""
        form = ins.form
        if isinstance(form, Gep):
            if self.is_wide(form.base.type):
                return self.gep(ins, form)
            # an address in another memory, into a type that holds 64-bit memory pointers
            return [rebuilt(ins, replace(form, source_type=self.wide_type(form.source_type),
                                         base=self.operand(form.base),
                                         indices=tuple(self.operand(i) for i in form.indices)))]
        if isinstance(form, Cast):
            return [self.cast(ins, form)]
        if isinstance(form, Call):
            return self.call(ins, form)
        if isinstance(form, Binary):
            return [rebuilt(ins, replace(form, type=self.wide_type(form.type),
                                         lhs=self.constant(form.type, form.lhs),
                                         rhs=self.constant(form.type, form.rhs)))]
        if isinstance(form, Phi):
            incoming = tuple((self.constant(form.type, v), b) for v, b in form.incoming)
            return [rebuilt(ins, replace(form, type=self.wide_type(form.type), incoming=incoming))]
        if isinstance(form, Generic):
            return [rebuilt(ins, replace(form, typed=tuple(self.operand(o) for o in form.typed)))]
        if isinstance(form, Load):
            if self.is_wide(form.pointer.type):
                raise WidePointerError("a load through a 64-bit memory pointer survived legalization")
            trailing = form.trailing
            if self.is_wide(form.type):
                trailing = tuple(p for p in trailing if not p.startswith(_POINTER_METADATA))
            return [rebuilt(ins, replace(form, type=self.wide_type(form.type), trailing=trailing))]
        if isinstance(form, Store):
            if self.is_wide(form.pointer.type):
                raise WidePointerError("a store through a 64-bit memory pointer survived legalization")
            return [rebuilt(ins, replace(form, value=self.operand(form.value)))]
        if isinstance(form, Alloca):
            return [rebuilt(ins, replace(form, type=self.wide_type(form.type)))]
        raise WidePointerError(f"cannot lower `{ins.opcode}` on a 64-bit memory pointer")

    def cast(self, ins: Instruction, cast: Cast) -> str:
        source, target = cast.value.type, cast.to
        if cast.opcode == "addrspacecast":
            raise WidePointerError("an addrspacecast of a 64-bit memory pointer")
        if cast.opcode not in ("ptrtoint", "ptrtoaddr", "inttoptr", "bitcast"):
            return rebuilt(ins, replace(cast, value=self.operand(cast.value), to=self.wide_type(target)))
        value = self.operand(cast.value)
        lowered = self.wide_type(target)
        width_from, width_to = self._scalar_bits(value.type), self._scalar_bits(lowered)
        if width_from == width_to:
            opcode = "bitcast"
        elif cast.opcode == "inttoptr" or width_from < width_to:
            # inttoptr zero-extends a narrower integer, ptrtoint truncates a wider pointer
            opcode = "zext" if width_from < width_to else "trunc"
        else:
            opcode = "trunc"
        if self.is_wide(target) and not self.is_wide(source) and cast.opcode != "inttoptr":
            raise WidePointerError(f"cannot lower `{cast.opcode}` to a 64-bit memory pointer")
        return rebuilt(ins, Cast(opcode, (), value, lowered, cast.trailing))

    def _scalar_bits(self, ty: str) -> int:
        vector = _VECTOR.fullmatch(ty)
        return self._bits(vector.group(2) if vector else ty)

    def call(self, ins: Instruction, call: Call) -> list[str]:
        name = call.callee_name
        if name.startswith("llvm.ptrmask."):
            pointer, mask = (self.operand(a) for a in call.args)
            return [with_result(ins, f"and {pointer.type} {pointer.value}, {mask.value}")]
        if name.startswith("llvm.assume") and self.is_wide(call.suffix) and not any(
                self.is_wide(str(a)) for a in call.args):
            # an alignment or dereferenceability assumption about a pointer that no longer is one
            bundles = call.suffix.find("[")
            return [rebuilt(ins, replace(call, suffix=call.suffix[:bundles].rstrip() if bundles >= 0 else ""))]
        if name.startswith("llvm.") and not name.startswith("llvm.experimental.noalias.scope.decl"):
            raise WidePointerError(f"cannot lower the intrinsic `{name}` on a 64-bit memory pointer")
        if self.is_wide(call.suffix):
            raise WidePointerError(f"cannot lower the operand bundles of a call of `{name}`")
        prefix = self.return_type(call.prefix)
        return [rebuilt(ins, replace(call, prefix=prefix, args=tuple(self.operand(a) for a in call.args)))]

    def return_type(self, prefix: str) -> str:
        """A call's or declaration's return attributes and type, lowered."""
        if not self.is_wide(prefix):
            return prefix
        words = prefix.split(" ")
        # the return type is the last type-like part; pointer-only attributes before it go
        ty_at = next(i for i, w in enumerate(words) if w.startswith(("ptr", "<", "{", "[", "%")))
        head, ty = " ".join(words[:ty_at]), " ".join(words[ty_at:])
        head = self.attributes_of_prefix(head)
        return f"{head} {self.wide_type(ty)}".strip()

    @staticmethod
    def attributes_of_prefix(head: str) -> str:
        """Linkage, calling convention and the like stay; pointer-only return attributes go."""
        kept, skip_number = [], False
        for word in split_words(head):
            if skip_number and word.isdigit():
                skip_number = False
                continue
            name = re.match(r"[a-z_]+", word)
            skip_number = word in ("align", "dereferenceable", "dereferenceable_or_null")
            if name is None or name.group(0) not in _POINTER_ATTRS:
                kept.append(word)
        return " ".join(kept)

    def gep(self, ins: Instruction, gep: Gep) -> list[str]:
        """`getelementptr` on a 64-bit memory pointer as integer arithmetic."""
        out: list[str] = []
        indent = ins.line[:len(ins.line) - len(ins.line.lstrip())]
        lanes = next((int(m.group(1)) for o in gep.operands() if (m := _VECTOR.fullmatch(o.type))), None)
        ty = f"<{lanes} x i64>" if lanes else "i64"

        def splat(value: str) -> str:
            if not lanes:
                return value
            if re.fullmatch(r"-?\d+", value):
                return f"splat (i64 {value})"
            one, all_lanes = self.fresh(), self.fresh()
            out.append(f"{indent}{one} = insertelement {ty} poison, i64 {value}, i64 0")
            out.append(f"{indent}{all_lanes} = shufflevector {ty} {one}, {ty} poison, <{lanes} x i32> zeroinitializer")
            return all_lanes

        base = self.operand(gep.base)
        terms = [base.value if base.type == ty else splat(base.value)]
        constant = 0
        current = gep.source_type
        for k, index in enumerate(gep.indices):
            number = self._constant_index(index)
            if k == 0:
                stride, field_offset = self.layout.alloc_size(current), None
            else:
                current, field_offset = self.layout.element(current, number)
                stride = self.layout.alloc_size(current)
            if field_offset is not None:
                constant += field_offset
            elif number is not None:
                constant += number * stride
            else:
                terms.append(self.scaled_index(out, indent, index, stride, ty, lanes))
        if constant:
            terms.append(splat(str(_signed(constant, 64))))
        if len(terms) == 1:  # the same address: a no-op cast keeps the result's name
            out.append(f"{indent}{ins.result} = bitcast {ty} {terms[0]} to {ty}")
            return out
        total = terms[0]
        for term in terms[1:-1]:
            total = self.add(out, indent, ty, total, term)
        out.append(f"{indent}{ins.result} = add {ty} {total}, {terms[-1]}")
        return out

    def _constant_index(self, index: Operand) -> int | None:
        value = index.value.strip()
        if re.fullmatch(r"-?\d+", value):
            return _signed(int(value), self._bits(index.type))
        if value.startswith("splat (") and _VECTOR.fullmatch(index.type):
            inner = Operand.parse(value[len("splat ("):-1])
            if re.fullmatch(r"-?\d+", inner.value):
                return _signed(int(inner.value), self._bits(inner.type))
        if value == "zeroinitializer":
            return 0
        return None

    def scaled_index(self, out: list[str], indent: str, index: Operand, stride: int, ty: str,
                     lanes: int | None) -> str:
        """`index` sign-extended to 64 bits (a vector of them in a vector GEP) times `stride`."""
        index_ty = index.type
        value = self.constant(index_ty, index.value)
        vector = _VECTOR.fullmatch(index_ty)
        bits = self._bits(vector.group(2) if vector else index_ty)
        if lanes and not vector:  # a scalar index of a vector GEP applies to every lane
            if bits != 64:
                wide = self.fresh()
                out.append(f"{indent}{wide} = sext {index_ty} {value} to i64")
                value = wide
            one, all_lanes = self.fresh(), self.fresh()
            out.append(f"{indent}{one} = insertelement {ty} poison, i64 {value}, i64 0")
            out.append(f"{indent}{all_lanes} = shufflevector {ty} {one}, {ty} poison, <{lanes} x i32> zeroinitializer")
            value, bits, index_ty = all_lanes, 64, ty
        if bits != 64:
            wide = self.fresh()
            out.append(f"{indent}{wide} = {'sext' if bits < 64 else 'trunc'} {index_ty} {value} to {ty}")
            value = wide
        if stride == 1:
            return value
        scaled = self.fresh()
        factor = f"splat (i64 {stride})" if lanes else str(stride)
        out.append(f"{indent}{scaled} = mul {ty} {value}, {factor}")
        return scaled

    def add(self, out: list[str], indent: str, ty: str, a: str, b: str) -> str:
        name = self.fresh()
        out.append(f"{indent}{name} = add {ty} {a}, {b}")
        return name

    # ----- module items
    def signature(self, line: str) -> str:
        """A `define`/`declare` line with its return and parameter types lowered."""
        at = re.search(r' @("[^"]*"|[-\w$.]+)\(', line)
        if at is None:
            raise WidePointerError(f"cannot read the signature `{line}`")
        close = matching(line, at.end() - 1)
        head, params, tail = line[:at.start()], line[at.end():close - 1], line[close:]
        keyword, _, prefix = head.partition(" ")
        lowered = []
        for param in (split_top_level(params) if params.strip() else []):
            if param == "...":
                lowered.append(param)
                continue
            ty, rest = split_type(param)
            attrs, name = strip_param_attrs(rest) if rest else ("", "")
            if rest and not name.startswith("%"):  # a declaration's parameter has no name
                attrs, name = rest, ""
            if self.is_wide(ty):
                attrs = self.attributes(attrs)
            lowered.append(" ".join(p for p in (self.wide_type(ty), attrs, name) if p))
        return f"{keyword} {self.return_type(prefix)}{line[at.start():at.end()]}{', '.join(lowered)}){tail}"

    def global_line(self, line: str) -> str:
        """`@G = ... global TYPE INIT, ...` with its type and initializer lowered."""
        match = re.search(r" (global|constant) ", line)
        if match is None:
            raise WidePointerError(f"cannot read the global `{line}`")
        ty, rest = split_type(line[match.end():])
        parts = split_top_level(rest) if rest else []
        if parts and not parts[0].startswith(("align", "section", "!", "partition", "comdat")):
            parts[0] = self.constant(ty, parts[0])
        return f"{line[:match.end()]}{self.wide_type(ty)} {', '.join(parts)}".rstrip()

    def top_level(self, line: str) -> str | None:
        """A lowered module line (None: drop it)."""
        if line.startswith("declare "):
            if re.search(r'@"?llvm\.', line):
                return None  # an intrinsic overloaded on the pointer type: legalization left it unused
            return self.signature(line)
        if line.startswith("@"):
            return self.global_line(line)
        if re.match(r"^%\S+ = type ", line):
            return self.wide_type(line)
        if line.startswith("target datalayout"):
            return line
        raise WidePointerError(f"cannot lower the module line `{line}`")


def split_words(text: str) -> list[str]:
    """Words at the top level (a word with a parenthesized argument stays whole)."""
    words, current, depth = [], [], 0
    for ch in text:
        if ch == " " and depth == 0:
            if current:
                words.append("".join(current))
            current = []
            continue
        depth += ch in "([{<"
        depth -= ch in ")]}>"
        current.append(ch)
    if current:
        words.append("".join(current))
    return words


def lower_wide_pointers(ir_text: str, wide: set[int]) -> tuple[str, dict[str, FunctionView]]:
    """`ir_text` with every pointer of the address spaces `wide` lowered to
    i64, and the model of each function it changed (for `ir_model.cross_check`)."""
    numbers = [int(n) for n in re.findall(r"far\$(\d+)", ir_text)]
    lowering = Lowering(wide, TypeLayout.of_module(ir_text), max(numbers, default=0))
    module = ModuleText.parse(ir_text)
    changed: dict[str, FunctionView] = {}
    for position, item in enumerate(module.items):
        if isinstance(item, str):
            if lowering.is_wide(item) and not item.startswith(";"):
                module.items[position] = lowering.top_level(item) or ""
            continue
        if not any(lowering.is_wide(line) for line in item):
            continue
        name = defined_function(item[0])
        try:
            function, new = _lower_function(lowering, item)
        except (IRModelError, ValueError, IndexError) as exc:
            raise WidePointerError(f"in function `{name}`: {exc}") from None
        except WidePointerError as exc:
            raise WidePointerError(f"in function `{name}`: {exc}") from None
        module.items[position] = list(function.lines())
        changed[name] = view(function, new)
    return module.text(), changed


def _lower_function(lowering: Lowering, lines: list[str]) -> tuple[Function, set[int]]:
    """A function with its 64-bit pointers lowered, and the positions of the
    instructions the lowering wrote."""
    function = parse_function(lines)
    header = lowering.signature(function.header) if lowering.is_wide(function.header) else function.header
    new: list[Instruction] = []
    written: set[int] = set()
    for ins in function.instructions:
        if not lowering.is_wide(ins.line):
            new.append(ins)
            continue
        try:
            lowered = lowering.instruction(ins)
        except WidePointerError as exc:
            raise WidePointerError(f"{exc}: `{ins.line.strip()}`") from None
        for line in lowered:
            written.add(len(new))
            new.append(instruction(line, ins.block))
    return replace(function, header=header, instructions=new), written


@dataclass(frozen=True)
class WidePointer:
    """A 64-bit memory pointer type left after the lowering."""

    where: str  # a function name, or "module"
    line: str


def find_wide_pointers(ir_text: str, wide: set[int]) -> list[WidePointer]:
    """Every line of a module's text (as LLVM prints it) that still names a
    pointer type of one of the address spaces `wide` (the datalayout aside)."""
    if not wide:
        return []
    pattern = re.compile(r"ptr addrspace\((" + "|".join(str(w) for w in sorted(wide)) + r")\)")
    found = []
    for item in ModuleText.parse(ir_text).items:
        if isinstance(item, str):
            if pattern.search(item) and not item.startswith(("target datalayout", ";")):
                found.append(WidePointer("module", item))
            continue
        name = defined_function(item[0])
        found.extend(WidePointer(name, line.strip()) for line in item if pattern.search(line))
    return found


__all__ = ["TypeLayout", "WidePointer", "WidePointerError", "find_wide_pointers", "lower_wide_pointers"]
