"""Monomorphized `Program` -> LLVM IR module (llvmlite.ir), one address space per memory.

The module-level half of IR generation: target, datalayout, the alias-scope
metadata, memory-0 statics as globals, far statics as constant addresses,
function declarations (ABI, exports, imports) and the intrinsic declarations
every function shares. `function.FunctionEmitter` lowers the bodies;
`build.build_module` drives both.

Mapping decisions (docs/design-addrspaces.md):
* a pointer into memory m is `ptr addrspace(compiler.memory.addrspace(m))`;
* one alias scope per memory in one domain; every access to memory m carries
  `!alias.scope !{m}` and `!noalias !{every other memory}`, which is exactly
  the truth (memories are disjoint) and what lets LLVM vectorize loops that
  read one memory and write another;
* far statics are not globals (the wasm backend cannot place a global in
  another memory): each has a compile-time address (layout.place_statics)
  and a reference to it is `inttoptr` of that constant.

ABI of the functions we define: scalars by value (bool as `i1 zeroext`,
results narrower than 32 bits sign- or zero-extended);
`()` / `!` parameters are dropped and `()` / `!` returns are `void`;
aggregates (structs, arrays, slice references) are passed as a pointer to a caller-owned copy
in memory 0 and returned through a caller-provided pointer (first parameter),
the wasm32 C ABI's indirect convention. Functions without `export_name` are
`internal`, so LLVM may inline and drop them; the functions a secret memory's
policy lists (`only = [...]`) are `noinline`, so they stay the only code that
accesses the memory.
"""
from __future__ import annotations

from dataclasses import dataclass

from llvmlite import ir

from ..check.tree import FnDef, Program, StaticDef
from ..diagnostics import DiagnosticSink
from ..memory import INTRINSIC_MODULE, TRAP_IMPORT, ZERO_INIT_EXPORT, MemOp, PassiveSegment, far_call_import
from ..types import IntType, NeverType, PointerType, Type, UnitType, is_aggregate
from .debug_lines import DebugLines
from .layout import (
    WASM32_TRIPLE, Layout, datalayout, is_zero_constant, place_statics,
)


I1 = ir.IntType(1)
I8 = ir.IntType(8)
I32 = ir.IntType(32)
I64 = ir.IntType(64)


class CodegenError(Exception):
    """A tree codegen cannot lower: a bug upstream or here, reported as an ICE."""


class _FnAttributes(ir.values.FunctionAttributes):
    """llvmlite only knows keyword attributes; the wasm backend reads string
    attributes (`"wasm-export-name"="f"`), so accept quoted ones too."""

    def add(self, name: str) -> None:
        if name.startswith('"'):
            set.add(self, name)
        else:
            super().add(name)


def _string_attr(key: str, value: str) -> str:
    escaped = value.replace("\\", "\\5C").replace('"', "\\22")
    return f'"{key}"="{escaped}"'


def set_string_attribute(fn: ir.Function, key: str, value: str) -> None:
    if not isinstance(fn.attributes, _FnAttributes):
        old = fn.attributes
        fn.attributes = _FnAttributes()
        for attr in old:
            fn.attributes.add(attr)
    fn.attributes.add(_string_attr(key, value))


def is_zero_sized_value(ty: Type) -> bool:
    """Types whose values are not represented at all (`()`, `!`)."""
    return isinstance(ty, (UnitType, NeverType))


def diverged(value: object, ty: Type) -> bool:
    """Whether an operand of type `ty` that emitted `value` diverged, so the
    operation using it must not be emitted: no value where one was needed,
    or any operand of type `!` (`f(1, return 0)`: the `return` is typed `!`
    and its value is None, like a `()` operand's, but there is no call)."""
    return value is None and not isinstance(ty, UnitType)


def mem_of(ty: Type) -> int:
    """The concrete memory of a pointer type (after monomorphization)."""
    if not isinstance(ty, PointerType) or not isinstance(ty.mem, int):
        raise CodegenError(f"expected a pointer with a concrete memory, found `{ty}`")
    return ty.mem


@dataclass
class FnAbi:
    """How one function's parameters and result map to LLVM."""

    fn: FnDef
    llfn: ir.Function
    sret: bool  # aggregate result returned through the first parameter
    #: for each source parameter, its LLVM argument index or None (dropped)
    arg_index: list[int | None]


class ModuleCodegen:
    """Owns the module being built and everything functions share."""

    def __init__(self, program: Program, sink: DiagnosticSink, debug_lines: bool = False) -> None:
        self.program = program
        self.sink = sink
        self.context = ir.Context()
        self.module = ir.Module(name=program.source_name, context=self.context)
        self.module.triple = WASM32_TRIPLE
        self.module.data_layout = datalayout(program.memories)
        self.layout = Layout(program.structs, program.memories, self.context, program.enums)
        self.layout.function_constant = lambda fn: self.abi_of(fn).llfn  # (statics holding function pointers)
        self.placement = place_statics(program.statics, self.layout, sink)
        #: the passive data segments (`#[passive]` statics), by symbol, numbered in program order
        self.passive = {static.symbol: PassiveSegment(k, static.symbol, self.layout.const_bytes(static.ty, static.init))
                        for k, static in enumerate(s for s in program.statics if s.passive)}
        self.abis: dict[int, FnAbi] = {}  # by id(FnDef)
        self.globals: dict[str, ir.GlobalVariable] = {}  # memory-0 statics by symbol
        #: LLVM names that must stay as they are: an exported memory-0 static is exported by its
        #: symbol name (wasm-ld `--export=NAME`); functions are exported by attribute
        self.data_export_names = {s.export_name for s in program.statics if s.is_global and s.export_name}
        self._intrinsics: dict[str, ir.Function] = {}
        self._far_calls: dict[tuple[str, str], ir.Function] = {}
        self._const_count = 0
        #: functions a secret memory's policy lists (`only = [...]`): they stay functions
        self.gates = {name for decl in program.memories for name in decl.only}
        self._init_alias_scopes()
        #: source locations on every instruction, when asked for (codegen.debug_lines)
        self.debug = DebugLines(self.module, f"{program.source_name}.rs") if debug_lines else None

    # ----- alias scopes -----
    def _init_alias_scopes(self) -> None:
        """One scope per memory in one domain. With a single memory the
        metadata would say nothing, so it is left out (cleaner IR)."""
        memories = sorted(d.index for d in self.program.memories)
        self._tag_memories = len(memories) > 1
        self._scopes: dict[int, ir.MDValue] = {}
        self._scope_lists: dict[frozenset[int], tuple[ir.MDValue, ir.MDValue | None]] = {}
        if not self._tag_memories:
            return
        self._domain = self.module.add_metadata([ir.MetaDataString(self.module, "farc.memories")])
        for mem in memories:
            self._scope(mem)

    def _scope(self, mem: int) -> ir.MDValue:
        if mem not in self._scopes:
            self._scopes[mem] = self.module.add_metadata(
                [ir.MetaDataString(self.module, f"farc.mem{mem}"), self._domain])
        return self._scopes[mem]

    def tag_access(self, instr: ir.Instruction, mems: frozenset[int]) -> None:
        """Attach `!alias.scope` (the memories `instr` touches) and `!noalias`
        (every other memory) to a load, store or memory intrinsic call."""
        if not self._tag_memories:
            return
        lists = self._scope_lists.get(mems)
        if lists is None:
            scope = self.module.add_metadata([self._scope(m) for m in sorted(mems)])
            others = [self._scopes[m] for m in sorted(self._scopes) if m not in mems]
            noalias = self.module.add_metadata(others) if others else None
            lists = self._scope_lists[mems] = (scope, noalias)
        instr.set_metadata("alias.scope", lists[0])
        if lists[1] is not None:
            instr.set_metadata("noalias", lists[1])

    # ----- shared declarations -----
    def intrinsic(self, name: str, ret: ir.Type, args: list[ir.Type]) -> ir.Function:
        """Declare (once) an LLVM intrinsic such as `llvm.memcpy.p1001.p0.i32`."""
        fn = self._intrinsics.get(name)
        if fn is None:
            fn = self.module.globals.get(name)
        if fn is None:
            fn = ir.Function(self.module, ir.FunctionType(ret, args), name=name)
        self._intrinsics[name] = fn
        return fn

    def memop(self, op: MemOp, ret: ir.Type, args: list[ir.Type]) -> ir.Function:
        """Declare (once) a per-memory intrinsic import, e.g. `memory.size.m1`."""
        name = op.import_name()
        fn = self.module.globals.get(name)
        if fn is None:
            fn = ir.Function(self.module, ir.FunctionType(ret, args), name=name)
            fn.attributes.add("nounwind")
            set_string_attribute(fn, "wasm-import-module", INTRINSIC_MODULE)
            set_string_attribute(fn, "wasm-import-name", name)
        return fn

    def far_call_intrinsic(self, module: str, fnty: ir.FunctionType) -> ir.Function:
        """Declare (once per signature) the import a call through a `#[far(module)] fn`
        pointer calls: the call's own LLVM type plus the table index, last (`memory.FAR_CALL_PREFIX`)."""
        key = (module, str(fnty))
        fn = self._far_calls.get(key)
        if fn is None:
            name = far_call_import(module, sum(1 for m, _ in self._far_calls if m == module))
            fn = ir.Function(self.module, ir.FunctionType(fnty.return_type, [*fnty.args, I32]), name=f"farc.{name}")
            fn.attributes.add("nounwind")
            for arg in fn.args:
                if arg.type == I1:
                    arg.add_attribute("zeroext")
            if fnty.return_type == I1:
                fn.return_value.add_attribute("zeroext")
            set_string_attribute(fn, "wasm-import-module", INTRINSIC_MODULE)
            set_string_attribute(fn, "wasm-import-name", name)
            self._far_calls[key] = fn
        return fn

    def trap_function(self) -> ir.Function:
        """`farc.trap`, the import every trap calls (`compiler.memory.TRAP_IMPORT`):
        `noreturn`, and `readonly` so that every store before it is kept."""
        fn = self.module.globals.get("farc.trap")
        if fn is None:
            fn = ir.Function(self.module, ir.FunctionType(ir.VoidType(), []), name="farc.trap")
            for attribute in ("noreturn", "nounwind", "cold", "readonly"):
                fn.attributes.add(attribute)
            set_string_attribute(fn, "wasm-import-module", INTRINSIC_MODULE)
            set_string_attribute(fn, "wasm-import-name", TRAP_IMPORT)
        return fn

    def fmod_function(self, fty: ir.Type) -> ir.Function:
        """`farc.fmod.f32` / `farc.fmod.f64`: C `fmod`, which float `%` means.

        LLVM lowers `frem` on wasm to a call of libm's `fmod`, which a farc
        program does not link against, so the remainder is computed here by
        binary long division on floats, exact at every step: with
        t = |y| * 2^k <= r < 2t, `r - t` is exact (Sterbenz), and doubling
        and halving t between |y| and its largest multiple are exact too.
        At most ~2 x (exponent range) iterations."""
        name = f"farc.fmod.{'f32' if fty == ir.FloatType() else 'f64'}"
        existing = self.module.globals.get(name)
        if existing is not None:
            return existing
        suffix = name.rsplit(".", 1)[1]
        fn = ir.Function(self.module, ir.FunctionType(fty, [fty, fty]), name=name)
        fn.linkage = "internal"
        fn.attributes.add("nounwind")
        x, y = fn.args
        x.name, y.name = "x", "y"
        fabs = self.intrinsic(f"llvm.fabs.{suffix}", fty, [fty])
        copysign = self.intrinsic(f"llvm.copysign.{suffix}", fty, [fty, fty])
        entry, nan_block, setup = (fn.append_basic_block(n) for n in ("entry", "nan", "setup"))
        grow, shrink, step, done = (fn.append_basic_block(n) for n in ("grow", "shrink", "step", "done"))
        b = ir.IRBuilder(entry)
        ax, ay = b.call(fabs, [x], name="ax"), b.call(fabs, [y], name="ay")
        inf = ir.Constant(fty, float("inf"))
        # NaN in, infinite x or zero y: the result is NaN
        bad = b.or_(b.or_(b.fcmp_unordered("uno", x, y), b.fcmp_ordered("==", ax, inf)),
                    b.fcmp_ordered("==", ay, ir.Constant(fty, 0.0)), name="bad")
        b.cbranch(bad, nan_block, setup)
        b.position_at_end(nan_block)
        b.ret(ir.Constant(fty, float("nan")))
        b.position_at_end(setup)  # t = the largest |y| * 2^k <= |x|
        # an infinite y leaves x as is (and would never halve below itself)
        keep_x = fn.append_basic_block("keep.x")
        b.cbranch(b.fcmp_ordered("==", ay, inf), keep_x, grow)
        b.position_at_end(keep_x)
        b.ret(x)
        b.position_at_end(grow)
        t = b.phi(fty, name="t")
        t.add_incoming(ay, setup)
        doubled = b.fmul(t, ir.Constant(fty, 2.0), name="t2")
        t.add_incoming(doubled, grow)
        b.cbranch(b.fcmp_ordered("<=", doubled, ax), grow, shrink)
        b.position_at_end(shrink)  # subtract t where it fits, then halve t, down to |y|
        r = b.phi(fty, name="r")
        t2 = b.phi(fty, name="t.down")
        r.add_incoming(ax, grow)
        t2.add_incoming(t, grow)
        fits = b.fcmp_ordered(">=", r, t2)
        new_r = b.select(fits, b.fsub(r, t2), r, name="r.next")
        half = b.fmul(t2, ir.Constant(fty, 0.5), name="t.half")
        b.cbranch(b.fcmp_ordered(">=", half, ay), step, done)
        b.position_at_end(step)
        b.branch(shrink)
        r.add_incoming(new_r, step)
        t2.add_incoming(half, step)
        b.position_at_end(done)
        # |x| < |y| skips nothing: the loop leaves r = |x| untouched when t = |y| > r
        b.ret(b.call(copysign, [new_r, x]))
        return fn

    def constant_global(self, llty: ir.Type, value: ir.Constant, hint: str) -> ir.GlobalVariable:
        """A private constant in memory 0, the source of aggregate constants."""
        self._const_count += 1
        gv = ir.GlobalVariable(self.module, llty, name=f"{hint}.const.{self._const_count}")
        gv.linkage = "private"
        gv.global_constant = True
        gv.unnamed_addr = True
        gv.initializer = value
        gv.type = ir.PointerType()  # opaque, see FunctionEmitter.raw_alloca
        return gv

    # ----- statics -----
    def declare_statics(self) -> None:
        """Memory 0's statics become LLVM globals, but for those farc placed itself (`place_statics`)."""
        for static in self.program.statics:
            if static.is_global and static.symbol not in self.placement.addresses:
                self._define_global(static)

    def _define_global(self, static: StaticDef) -> None:
        initializer = self.layout.initializer(static.ty, static.init)
        name = static.export_name or self._internal_name(static.symbol)
        gv = ir.GlobalVariable(self.module, initializer.type, name=name)
        gv.linkage = "" if static.export_name else "internal"
        gv.global_constant = not static.mutable
        gv.initializer = initializer
        gv.align = self.layout.align_of(static.ty)
        gv.type = ir.PointerType()  # opaque, see FunctionEmitter.raw_alloca
        self.globals[static.symbol] = gv

    def define_zero_init(self) -> None:
        """The start function that zeroes the statics of imported memories.

        A defined memory starts zeroed, so zero statics cost nothing there (no
        data, no code). An imported memory may hold anything: when memory 0 is
        imported, every zero memory-0 static (wasm-ld leaves them out of the
        data, as .bss) gets an `llvm.memset`, and so does every zero run of an
        imported far memory's statics (`placement.zero_fills`); each becomes one
        `memory.fill`. The function is exported as `ZERO_INIT_EXPORT` so that
        wasm-ld keeps it; the post-linker turns the export into the start
        function (`wasm/passes/start.py`), which runs at instantiation, after
        the data segments are written and before any export can be called."""
        fills: list[tuple[int, ir.Value, int]] = []
        if self.program.memories[0].imported:
            for static in self.program.statics:
                size = self.layout.size_of(static.ty)
                if static.symbol in self.globals and size and is_zero_constant(static.init):
                    fills.append((0, self.globals[static.symbol], size))
        for mem, address, length in self.placement.zero_fills:
            pointer = ir.Constant(self.layout.address_type(mem), address).inttoptr(self.layout.pointer_type(mem))
            fills.append((mem, pointer, length))
        if not fills:
            return
        init = ir.Function(self.module, ir.FunctionType(ir.VoidType(), []), name=ZERO_INIT_EXPORT)
        init.attributes.add("nounwind")
        set_string_attribute(init, "wasm-export-name", ZERO_INIT_EXPORT)
        builder = ir.IRBuilder(init.append_basic_block("start"))
        for mem, pointer, length in fills:
            size_type = self.layout.address_type(mem)
            memset = self.intrinsic(f"llvm.memset.{pointer.type.intrinsic_name}.{size_type.intrinsic_name}",
                                    ir.VoidType(), [pointer.type, I8, size_type, I1])
            call = builder.call(memset, [pointer, ir.Constant(I8, 0), ir.Constant(size_type, length),
                                         ir.Constant(I1, 0)])
            self.tag_access(call, frozenset({mem}))
        builder.ret_void()

    def static_address(self, static: StaticDef) -> ir.Value:
        """A pointer to the static: its global, or for a static farc placed
        (`place_statics`) the `inttoptr` of its compile-time address into the memory's space."""
        if static.symbol in self.globals:
            return self.globals[static.symbol]
        address = self.placement.addresses[static.symbol]
        return ir.Constant(self.layout.address_type(static.mem), address).inttoptr(
            self.layout.pointer_type(static.mem))

    def _internal_name(self, symbol: str) -> str:
        """`symbol` as an LLVM name, or a fresh variant of it (`f.1`) when an
        exported static is named so (`#[export_name = "f"] static` next to
        `fn f`: llvmlite raised DuplicatedNameError, found by the fuzzer)."""
        name, n = symbol, 0
        while name in self.data_export_names or name in self.module.globals:
            n += 1
            name = f"{symbol}.{n}"
        return name

    # ----- functions -----
    def signature(self, params: list[Type], ret: Type) -> tuple[ir.FunctionType, bool, list[int | None]]:
        """The LLVM function type of a function with these parameter and
        result types (the ABI above), whether it returns through a pointer,
        and each parameter's argument index (None: dropped). Definitions and
        calls through function pointers share it, so they always agree."""
        sret = is_aggregate(ret)
        ret_ty: ir.Type = ir.VoidType() if sret or is_zero_sized_value(ret) else self.layout.llvm_type(ret)
        arg_types: list[ir.Type] = [ir.PointerType()] if sret else []
        arg_index: list[int | None] = []
        for ty in params:
            if is_zero_sized_value(ty):
                arg_index.append(None)
                continue
            arg_index.append(len(arg_types))
            arg_types.append(ir.PointerType() if is_aggregate(ty) else self.layout.llvm_type(ty))
        return ir.FunctionType(ret_ty, arg_types), sret, arg_index

    def declare_function(self, fn: FnDef) -> FnAbi:
        fnty, sret, arg_index = self.signature([p.ty for p in fn.params], fn.ret)
        ret_ty = fnty.return_type
        llfn = ir.Function(self.module, fnty, name=self._internal_name(fn.symbol))
        llfn.attributes.add("nounwind")
        if isinstance(fn.ret, NeverType):
            llfn.attributes.add("noreturn")
        if (fn.origin or fn).name in self.gates:
            # a gate of a secret memory: inlined into its caller, the caller would access the
            # memory itself and break the policy the final module is checked against
            llfn.attributes.add("noinline")
        if sret:
            llfn.args[0].name = "ret.ptr"
            llfn.args[0].add_attribute("noalias")
        for param, index in zip(fn.params, arg_index):
            if index is None:
                continue
            arg = llfn.args[index]
            arg.name = param.name
            if is_aggregate(param.ty):
                arg.add_attribute("noalias")  # a fresh copy owned by the callee
            elif arg.type == ir.IntType(1):
                arg.add_attribute("zeroext")
        if ret_ty == ir.IntType(1):
            llfn.return_value.add_attribute("zeroext")
        elif isinstance(fn.ret, IntType) and fn.ret.bits < 32:
            # wasm returns an i32: extend so a host (or the rewriter) never
            # sees garbage in the upper bits of an `i8`/`u16` result
            llfn.return_value.add_attribute("signext" if fn.ret.signed else "zeroext")
        if fn.is_import:
            set_string_attribute(llfn, "wasm-import-module", fn.import_module or "")
            set_string_attribute(llfn, "wasm-import-name", fn.import_name or fn.name)
        elif fn.export_name is not None:
            set_string_attribute(llfn, "wasm-export-name", fn.export_name)
        else:
            llfn.linkage = "internal"
        abi = FnAbi(fn, llfn, sret, arg_index)
        self.abis[id(fn)] = abi
        return abi

    def abi_of(self, fn: FnDef) -> FnAbi:
        abi = self.abis.get(id(fn))
        if abi is None:
            # a callee missing from Program.functions: declare it anyway so the
            # call lowers; if it has a body it is never emitted -> link error,
            # so say so now.
            raise CodegenError(f"call of function `{fn.symbol}` that is not in the program")
        return abi


def exported_data_symbols(program: Program) -> list[str]:
    """Symbols of exported memory-0 statics. wasm-ld exports a data symbol
    (as a global holding its address) only when told `--export=<name>`; the
    `"wasm-export-name"` attribute exists for functions only."""
    return [s.export_name for s in program.statics if s.is_global and s.export_name]


__all__ = [
    "CodegenError", "FnAbi", "ModuleCodegen", "exported_data_symbols", "is_aggregate",
    "is_zero_sized_value", "mem_of", "set_string_attribute",
]
