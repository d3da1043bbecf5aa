"""The program model (`model.py`) as farc source, in two modes.

`far`: the program as generated, with its memory declarations, far
pointers, far statics and memory intrinsics.

`near`: the metamorphic twin. Every far memory becomes a disjoint region of
memory 0 (`NearLayout`), and everything that would reach it is rewritten so
that the twin must compute exactly what the far program computes:

* a pointer into memory k is a memory-0 pointer to `base(k) + address`
  while it is in a register (locals, parameters, results); where it is
  *stored* (a pointee, a struct field, an array element, a static) it is
  kept as its abstract address in memory k (`usize`, or `u64` for a 64-bit
  memory), so every byte the program writes is the same in both modes;
* every access through a pointer (`*p`, `read`, `write`, `copy`,
  `write_bytes`, `load_memidx`, ...) is bounds-checked against the region's
  current size and calls `abort()` where the far access would trap;
* an integer becomes a pointer into memory k by adding the region's base;
  an address beyond the region becomes a pointer that every check rejects
  (so a far address just past 4 GiB still traps, it does not wrap);
* `memory_size`/`memory_grow` of memory k read and update a static page
  count; far statics live at fixed addresses of their region and the
  exported `init` function (empty in the far program) writes their
  initial values.

The generator keeps the far program inside what this translation preserves:
no observable address of a far static, no stored memory-0 stack address,
no accesses to memory 0 beyond its declared size.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import model as m

#: The pages of memory 0 in the far program: the stack (page 0), data, and one
#: page of "heap" at HEAP0 that generated code addresses by integer.
MEMORY0_PAGES = 4
#: Poison address of the near twin: no region check accepts it.
POISON = 0xFFFF_FFF0
U64_MAX = (1 << 64) - 1


@dataclass(frozen=True)
class NearLayout:
    """Where each far memory lives in memory 0 of the near twin."""

    base: dict[int, int]  # memory -> byte address of its region (memory 0: 0)
    region: dict[int, int]  # memory -> region bytes (its maximum size)
    pages: int  # memory 0's pages in the near twin

    @classmethod
    def of(cls, program: m.Program) -> "NearLayout":
        base, region = {0: 0}, {0: MEMORY0_PAGES * m.PAGE}
        next_page = MEMORY0_PAGES
        for mem in program.memories:
            if mem.index == 0:
                continue
            pages = mem.max_pages if mem.max_pages is not None else mem.min_pages
            base[mem.index] = next_page * m.PAGE
            region[mem.index] = pages * m.PAGE
            next_page += pages
        return cls(base, region, next_page)

    def max_pages(self, mem: m.Memory) -> int:
        return self.region[mem.index] // m.PAGE


def literal(value: int, ty: m.IntTy) -> str:
    return f"{value}{ty.name}" if value >= 0 else f"(-{-value}{ty.name})"


class Renderer:
    """Renders one program in one mode (`near=False`: far)."""

    def __init__(self, program: m.Program, near: bool):
        self.p = program
        self.near = near
        self.layout = NearLayout.of(program)

    # -- types -------------------------------------------------------------

    def ty(self, ty: m.Ty, stored: bool = False) -> str:
        """A type; `stored`: the type of a value in memory (near twin: far pointers as addresses)."""
        if isinstance(ty, m.IntTy):
            return ty.name
        if isinstance(ty, m.BoolTy):
            return "bool"
        if isinstance(ty, m.UnitTy):
            return "()"
        if isinstance(ty, m.ArrayTy):
            return f"[{self.ty(ty.elem, True)}; {ty.length}]"
        if isinstance(ty, m.StructTy):
            return ty.name
        kind = "*mut" if ty.mutable else "*const"
        if self.near:
            if stored and self._stored_far(ty):
                return self.p.memory(ty.mem).address_type.name
            return f"{kind} {self.ty(ty.pointee, True)}"
        attr = "" if ty.mem == 0 else f"#[mem_idx({ty.mem})] "
        return f"{attr}{kind} {self.ty(ty.pointee, True)}"

    def _stored_far(self, ty: m.Ty) -> bool:
        """A far pointer that the near twin stores as an address."""
        if not isinstance(ty, m.PtrTy):
            return False
        assert isinstance(ty.mem, int), "a pointer into a generic memory stored in memory"
        return ty.mem != 0

    # -- expressions -------------------------------------------------------

    def expr(self, e: m.Expr) -> str:
        """`e` as a value."""
        if isinstance(e, m.PLACES) and not isinstance(e, m.Var):
            return self._read_stored(self.place(e), e.ty)
        return getattr(self, "_" + type(e).__name__)(e)

    def place(self, e: m.Expr) -> str:
        """`e` as a place (assignment target, `&raw` operand, projection base)."""
        if isinstance(e, m.Var):
            return e.name
        if isinstance(e, m.StaticRef):
            if self.near and e.mem != 0:
                static = next(s for s in self.p.statics if s.name == e.name)
                address = self.layout.base[e.mem] + static.near_address
                return f"(*({address}usize as *mut {self.ty(e.ty, True)}))"
            return e.name
        if isinstance(e, m.Deref):
            return f"(*{self._checked(e.ptr, '1usize')})"
        if isinstance(e, m.Field):
            return f"{self._base(e.base)}.{e.name}"
        if isinstance(e, m.Index):
            return f"{self._base(e.base)}[{self.expr(e.index)}]"
        raise TypeError(f"not a place: {e}")

    def _base(self, e: m.Expr) -> str:
        return self.place(e) if isinstance(e, m.PLACES) else f"({self.expr(e)})"

    def _read_stored(self, text: str, ty: m.Ty) -> str:
        if self.near and self._stored_far(ty):
            return self._to_pointer(f"({text}) as u64", ty)
        return text

    def _write_stored(self, value: m.Expr, ty: m.Ty) -> str:
        text = self.expr(value)
        if self.near and self._stored_far(ty):
            return f"({self._to_address(text, ty)} as {self.p.memory(ty.mem).address_type.name})"
        return text

    def _to_pointer(self, address_u64: str, ty: m.PtrTy) -> str:
        """near twin: the pointer for an abstract address (a u64 expression)."""
        text = f"nr_a2p::<{ty.mem}, {self.ty(ty.pointee, True)}>({address_u64})"
        return text if ty.mutable else f"{text}.cast_const()"

    def _to_address(self, pointer: str, ty: m.PtrTy) -> str:
        """near twin: the abstract address (u64) of a pointer."""
        ptr = f"({pointer}).cast_const()" if ty.mutable else pointer
        return f"nr_p2a::<{ty.mem}, {self.ty(ty.pointee, True)}>({ptr})"

    def _checked(self, ptr: m.Expr, count: str) -> str:
        """`ptr`, in the near twin bounds-checked for `count` elements."""
        text = self.expr(ptr)
        if not self.near:
            return text
        ty = ptr.ty
        check = "nr_chk" if ty.mutable else "nr_chkc"
        return f"{check}::<{ty.mem}, {self.ty(ty.pointee, True)}>({text}, {count})"

    def _Lit(self, e: m.Lit) -> str:
        return literal(e.value, e.ty)

    def _BoolLit(self, e: m.BoolLit) -> str:
        return "true" if e.value else "false"

    def _Var(self, e: m.Var) -> str:
        return e.name

    def _Unary(self, e: m.Unary) -> str:
        return f"({e.op}{self.expr(e.operand)})"

    def _Binary(self, e: m.Binary) -> str:
        return f"({self.expr(e.lhs)} {e.op} {self.expr(e.rhs)})"

    def _Cast(self, e: m.Cast) -> str:
        return f"({self.expr(e.operand)} as {self.ty(e.ty)})"

    def _Bounded(self, e: m.Bounded) -> str:
        operand = self.expr(e.operand)
        if e.operand.ty != m.USIZE:
            operand = f"({operand} as usize)"
        return f"({operand} % {e.n}usize)"

    def _NonZero(self, e: m.NonZero) -> str:
        return f"({self.expr(e.operand)} | 1{e.ty.name})"

    def _IfExpr(self, e: m.IfExpr) -> str:
        return f"(if {self.expr(e.cond)} {{ {self.expr(e.then)} }} else {{ {self.expr(e.other)} }})"

    def _IntMethod(self, e: m.IntMethod) -> str:
        return f"({self.expr(e.recv)}).{e.name}({self.expr(e.arg)})"

    def _PtrOffset(self, e: m.PtrOffset) -> str:
        return f"({self.expr(e.ptr)}).{e.kind}({self.expr(e.count)})"

    def _OffsetFrom(self, e: m.OffsetFrom) -> str:
        text = f"({self.expr(e.ptr)}).offset_from({self.expr(e.origin)})"
        # a 64-bit memory's distance is an i64; in the near twin, an isize in memory 0
        return f"({text} as {e.ty.name})" if self.near and e.ty != m.ISIZE else text

    def _PtrRead(self, e: m.PtrRead) -> str:
        return self._read_stored(f"({self._checked(e.ptr, '1usize')}).read()", e.ty)

    def _PtrCast(self, e: m.PtrCast) -> str:
        ptr = self.expr(e.ptr)
        if e.style == "cast":
            return f"({ptr}).cast::<{self.ty(e.ty.pointee, True)}>()"
        if e.style == "as":
            return f"({ptr} as {self.ty(e.ty)})"
        return f"({ptr}).{e.style}()"

    def _AddrOf(self, e: m.AddrOf) -> str:
        kind = "mut" if e.ty.mutable else "const"
        return f"(&raw {kind} {self.place(e.place)})"

    def _IntToPtr(self, e: m.IntToPtr) -> str:
        addr = self.expr(e.addr)
        if self.near:
            return self._to_pointer(f"({addr} as u64)", e.ty)
        return f"({addr} as {self.ty(e.ty)})"

    def _PtrToInt(self, e: m.PtrToInt) -> str:
        ptr = self.expr(e.ptr)
        if self.near:
            return f"({self._to_address(ptr, e.ptr.ty)} as {e.ty.name})"
        return f"({ptr} as {e.ty.name})"

    def _Null(self, e: m.Null) -> str:
        if self.near:
            return self._to_pointer("0u64", e.ty)
        return "null_mut()" if e.ty.mutable else "null()"

    def _IsNull(self, e: m.IsNull) -> str:
        if self.near:
            return f"({self._to_address(self.expr(e.ptr), e.ptr.ty)} == 0u64)"
        return f"({self.expr(e.ptr)}).is_null()"

    def _Call(self, e: m.Call) -> str:
        args = ", ".join(self.expr(a) for a in e.args)
        if e.generics and (e.turbofish or self.near):
            return f"{e.func}::<{', '.join(str(g) for g in e.generics)}>({args})"
        return f"{e.func}({args})"

    def _MemorySize(self, e: m.MemorySize) -> str:
        if self.near:
            return f"(nr_pages::<{e.mem}>() as {e.ty.name})"
        return f"memory_size::<{e.mem}>()"

    def _MemoryGrow(self, e: m.MemoryGrow) -> str:
        delta = self.expr(e.delta)
        if self.near:
            return f"(nr_grow::<{e.mem}>({delta} as u64) as {e.ty.name})"
        return f"memory_grow::<{e.mem}>({delta})"

    def _LoadMemIdx(self, e: m.LoadMemIdx) -> str:
        ty = self.ty(e.ty, True)
        addr = self.expr(e.addr)
        if self.near:
            return f"(*nr_chkc::<{e.mem}, {ty}>(nr_a2p::<{e.mem}, {ty}>({addr} as u64).cast_const(), 1usize))"
        return f"load_memidx::<{e.mem}, {ty}>({addr} as *const {ty})"

    # The near twin's stores and bulk operations are calls of helpers, so that their
    # operands are evaluated in the far program's order (an assignment would
    # evaluate the value before the address; a `let` for the count would come first).

    def _StoreMemIdx(self, e: m.StoreMemIdx) -> str:
        ty = self.ty(e.value.ty, True)
        addr, value = self.expr(e.addr), self.expr(e.value)
        if self.near:
            return f"nr_store::<{e.mem}, {ty}>({addr} as u64, {value})"
        return f"store_memidx::<{e.mem}, {ty}>({addr} as *mut {ty}, {value})"

    def _StructLit(self, e: m.StructLit) -> str:
        fields = ", ".join(f"{name}: {self._write_stored(v, fty)}" for (name, fty), v in zip(e.sty.fields, e.values))
        return f"({e.sty.name} {{ {fields} }})"

    def _ArrayLit(self, e: m.ArrayLit) -> str:
        return "[" + ", ".join(self._write_stored(v, e.ty.elem) for v in e.elems) + "]"

    def _ArrayRepeat(self, e: m.ArrayRepeat) -> str:
        return f"[{self._write_stored(e.elem, e.ty.elem)}; {e.length}]"

    def _PtrWrite(self, e: m.PtrWrite) -> str:
        return f"({self._checked(e.ptr, '1usize')}).write({self._write_stored(e.value, e.ptr.ty.pointee)})"

    def _BulkCopy(self, e: m.BulkCopy) -> str:
        name = "copy_nonoverlapping" if e.nonoverlapping else "copy"
        args = f"{self.expr(e.src)}, {self.expr(e.dst)}, {self.expr(e.count)}"
        if not self.near:
            return f"{name}({args})"
        ty = self.ty(e.dst.ty.pointee, True)
        return f"nr_{name}::<{e.src.ty.mem}, {e.dst.ty.mem}, {ty}>({args})"

    def _WriteBytes(self, e: m.WriteBytes) -> str:
        args = f"{self.expr(e.dst)}, {self.expr(e.byte)}, {self.expr(e.count)}"
        if not self.near:
            return f"write_bytes({args})"
        return f"nr_write_bytes::<{e.dst.ty.mem}, {self.ty(e.dst.ty.pointee, True)}>({args})"

    def _Abort(self, e: m.Abort) -> str:
        return "abort()"

    # -- statements --------------------------------------------------------

    def block_lines(self, block: m.Block, indent: int) -> list[str]:
        pad = "    " * indent
        lines: list[str] = []
        for stmt in block.stmts:
            lines += self.stmt(stmt, indent)
        if block.tail is not None:
            lines.append(pad + self.expr(block.tail))
        return lines

    def stmt(self, s: m.Stmt, indent: int) -> list[str]:
        pad = "    " * indent
        if isinstance(s, m.Let):
            mut = "mut " if s.mutable else ""
            return [f"{pad}let {mut}{s.name}: {self.ty(s.ty)} = {self.expr(s.init)};"]
        if isinstance(s, m.Assign):
            op = s.op or ""
            value = self.expr(s.value) if isinstance(s.place, m.Var) else self._write_stored(s.value, s.place.ty)
            return [f"{pad}{self.place(s.place)} {op}= {value};"]
        if isinstance(s, m.ExprStmt):
            return [f"{pad}{self.expr(s.expr)};"]
        if isinstance(s, m.If):
            lines = [f"{pad}if {self.expr(s.cond)} {{", *self.block_lines(s.then, indent + 1)]
            if s.other is not None:
                lines += [f"{pad}}} else {{", *self.block_lines(s.other, indent + 1)]
            return lines + [f"{pad}}}"]
        if isinstance(s, m.While):
            return [f"{pad}while {self.expr(s.cond)} {{", *self.block_lines(s.body, indent + 1), f"{pad}}}"]
        if isinstance(s, m.Return):
            return [f"{pad}return{'' if s.value is None else ' ' + self.expr(s.value)};"]
        if isinstance(s, m.Block):
            return [f"{pad}{{", *self.block_lines(s, indent + 1), f"{pad}}}"]
        raise TypeError(f"not a statement: {s}")

    # -- items -------------------------------------------------------------

    def function(self, f: m.Function) -> list[str]:
        generics = f"<{', '.join(f'const {p}: usize' for p in f.mem_params)}>" if f.mem_params else ""
        params = ", ".join(f"{p.name}: {self.ty(p.ty)}" for p in f.params)
        ret = "" if f.ret == m.UNIT else f" -> {self.ty(f.ret)}"
        head = f'#[no_mangle]\npub extern "C" fn' if f.export else "fn"
        return [f"{head} {f.name}{generics}({params}){ret} {{", "    unsafe {",
                *self.block_lines(f.body, 2), "    }", "}", ""]

    def static(self, s: m.Static) -> list[str]:
        mut = "mut " if s.mutable else ""
        attr = [f"#[mem_idx({s.mem})]"] if s.mem != 0 else []
        return [*attr, f"static {mut}{s.name}: {self.ty(s.ty, True)} = {self.expr(s.init)};"]

    def struct(self, s: m.StructTy) -> list[str]:
        fields = [f"    {name}: {self.ty(fty, True)}," for name, fty in s.fields]
        return ["#[repr(C)]", f"struct {s.name} {{", *fields, "}", ""]

    def memory_decl(self, mem: m.Memory) -> str:
        parts = [str(mem.index)]
        if mem.memory64:
            parts.append("memory64")
        parts.append(f"min = {mem.min_pages}")
        if mem.max_pages is not None:
            parts.append(f"max = {mem.max_pages}")
        if mem.export is not None:
            parts.append(f'export = "{mem.export}"')
        if mem.import_from is not None:
            parts.append(f'import = "{mem.import_from[0]}.{mem.import_from[1]}"')
        if mem.wasm_index is not None:
            parts.append(f"wasm_index = {mem.wasm_index}")
        return f"#![memory({', '.join(parts)})]"

    def program(self) -> str:
        lines: list[str] = []
        if self.near:
            lines.append(f"#![memory(0, min = {self.layout.pages})]")
        else:
            lines += [self.memory_decl(mem) for mem in self.p.memories]
        lines.append("")
        for s in self.p.structs:
            lines += self.struct(s)
        for s in self.p.statics:
            if not (self.near and s.mem != 0):
                lines += self.static(s)
        lines.append("")
        if self.near:
            lines += self.near_prelude()
        lines += self.init_function()
        for f in self.p.functions:
            lines += self.function(f)
        return "\n".join(lines)

    def init_function(self) -> list[str]:
        """The exported `init` the host calls first: the near twin's far statics get their values."""
        body = []
        if self.near:
            for s in self.p.statics:
                if s.mem != 0:
                    body.append(f"        {self.place(m.StaticRef(s.name, s.ty, s.mem))} = {self.expr(s.init)};")
        return ['#[no_mangle]\npub extern "C" fn init() {', "    unsafe {", *body, "    }", "}", ""]

    def near_prelude(self) -> list[str]:
        """Helpers of the near twin: region table, page counts, checks, address conversions."""
        far = [mem for mem in self.p.memories if mem.index != 0]

        def chain(values: dict[int, str], default: str) -> str:
            text = default
            for index in sorted(values, reverse=True):
                text = f"if M == {index} {{ {values[index]} }} else {{ {text} }}"
            return text

        lines = [f"static mut NR_PAGES_{mem.index}: usize = {mem.min_pages};" for mem in far]
        lines.append(f"static mut NR_PAGES_0: usize = {MEMORY0_PAGES};")
        base = {mem.index: f"{self.layout.base[mem.index]}usize" for mem in far}
        region = {mem.index: f"{self.layout.region[mem.index]}usize" for mem in far}
        pages = {mem.index: f"NR_PAGES_{mem.index}" for mem in far}
        max_pages = {mem.index: f"{self.layout.max_pages(mem)}usize" for mem in far}
        sets = {mem.index: f"NR_PAGES_{mem.index} = p;" for mem in far}
        lines += [
            f"fn nr_base<const M: usize>() -> usize {{ {chain(base, '0usize')} }}",
            f"fn nr_region<const M: usize>() -> usize {{ {chain(region, f'{MEMORY0_PAGES * m.PAGE}usize')} }}",
            f"fn nr_pages<const M: usize>() -> usize {{ unsafe {{ {chain(pages, 'NR_PAGES_0')} }} }}",
            f"fn nr_max_pages<const M: usize>() -> usize {{ {chain(max_pages, f'{MEMORY0_PAGES}usize')} }}",
            f"fn nr_set_pages<const M: usize>(p: usize) {{ unsafe {{ {chain(sets, 'NR_PAGES_0 = p;')} }} }}",
            "fn nr_grow<const M: usize>(delta: u64) -> u64 {",
            "    let old = nr_pages::<M>();",
            f"    if delta > (nr_max_pages::<M>() - old) as u64 {{ return {U64_MAX}u64; }}",
            "    nr_set_pages::<M>(old + delta as usize);",
            "    old as u64",
            "}",
            "fn nr_chk<const M: usize, T>(p: *mut T, n: usize) -> *mut T {",
            "    let a = (p as usize).wrapping_sub(nr_base::<M>());",
            "    let limit = nr_pages::<M>() * 65536usize;",
            "    let bytes = (n as u64) * (size_of::<T>() as u64);",
            "    if a > limit || ((limit - a) as u64) < bytes { abort() }",
            "    p",
            "}",
            "fn nr_chkc<const M: usize, T>(p: *const T, n: usize) -> *const T {",
            "    nr_chk::<M, T>(p.cast_mut(), n).cast_const()",
            "}",
            "fn nr_a2p<const M: usize, T>(a: u64) -> *mut T {",
            f"    if a > nr_region::<M>() as u64 {{ {POISON}usize as *mut T }} "
            "else { (nr_base::<M>() + a as usize) as *mut T }",
            "}",
            "fn nr_p2a<const M: usize, T>(p: *const T) -> u64 {",
            "    (p as usize).wrapping_sub(nr_base::<M>()) as u64",
            "}",
            "unsafe fn nr_store<const M: usize, T>(a: u64, v: T) {",
            "    *nr_chk::<M, T>(nr_a2p::<M, T>(a), 1usize) = v;",
            "}",
            "unsafe fn nr_copy<const S: usize, const D: usize, T>(src: *const T, dst: *mut T, n: usize) {",
            "    copy(nr_chkc::<S, T>(src, n), nr_chk::<D, T>(dst, n), n)",
            "}",
            "unsafe fn nr_copy_nonoverlapping<const S: usize, const D: usize, T>(src: *const T, dst: *mut T, n: usize) {",
            "    copy_nonoverlapping(nr_chkc::<S, T>(src, n), nr_chk::<D, T>(dst, n), n)",
            "}",
            "unsafe fn nr_write_bytes<const D: usize, T>(dst: *mut T, byte: u8, n: usize) {",
            "    write_bytes(nr_chk::<D, T>(dst, n), byte, n)",
            "}",
            "",
        ]
        return lines


def render(program: m.Program, near: bool = False) -> str:
    return Renderer(program, near).program() + "\n"
