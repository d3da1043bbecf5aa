"""Small constructors for hand-built typed trees (tests of codegen).

The checker and monomorphizer produce these trees in the real pipeline;
codegen tests build them directly, so a codegen bug is not masked (or
caused) by a front-end one. Every helper fills in `span` and infers `ty`
where the language's rules make it obvious.
"""
from __future__ import annotations

import itertools
from typing import Iterable

from compiler.builtins import BuiltinOp
from compiler.check import tree as T
from compiler.memory import MemoryDecl, MemoryMap
from compiler.source import SourceFile
from compiler.types import (
    BOOL, F32, F64, INTS, NEVER, UNIT, ArrayType, BoolType, PointerType, StructType, Type,
)

SRC = SourceFile("test.farc", "// built by tests/codegen_builders.py\n")
SPAN = SRC.span(0, 2)
_ids = itertools.count(1)

I8, I16, I32, I64 = INTS["i8"], INTS["i16"], INTS["i32"], INTS["i64"]
U8, U16, U32, U64 = INTS["u8"], INTS["u16"], INTS["u32"], INTS["u64"]
USIZE, ISIZE = INTS["usize"], INTS["isize"]
COMPARE_OPS = {"==", "!=", "<", "<=", ">", ">=", "&&", "||"}


def ptr(pointee: Type, mem: int = 0, mutable: bool = True) -> PointerType:
    return PointerType(pointee, mutable, mem)


def array(elem: Type, n: int) -> ArrayType:
    return ArrayType(elem, n)


def local(name: str, ty: Type, mutable: bool = True) -> T.Local:
    return T.Local(name, ty, mutable, next(_ids), SPAN)


def lit(value, ty: Type = I32):
    if isinstance(ty, BoolType):
        return T.BoolConst(SPAN, ty, bool(value))
    if ty in (F32, F64):
        return T.FloatConst(SPAN, ty, float(value))
    return T.IntConst(SPAN, ty, int(value))


def true() -> T.BoolConst:
    return T.BoolConst(SPAN, BOOL, True)


def unit() -> T.UnitConst:
    return T.UnitConst(SPAN, UNIT)


def var(loc: T.Local) -> T.LocalRef:
    return T.LocalRef(SPAN, loc.ty, loc)


def static_ref(static: T.StaticDef) -> T.StaticRef:
    return T.StaticRef(SPAN, static.ty, static)


def bin(op: str, a, b, ty: Type | None = None) -> T.Binary:
    if ty is None:
        ty = BOOL if op in COMPARE_OPS else a.ty
    return T.Binary(SPAN, ty, op, a, b)


def un(op: str, a) -> T.Unary:
    return T.Unary(SPAN, a.ty, op, a)


def cast(e, ty: Type) -> T.Cast:
    return T.Cast(SPAN, ty, e)


def assign(place, value) -> T.Assign:
    return T.Assign(SPAN, UNIT, place, value)


def compound(op: str, place, value) -> T.CompoundAssign:
    return T.CompoundAssign(SPAN, UNIT, op, place, value)


def let(loc: T.Local, init=None) -> T.Let:
    return T.Let(SPAN, loc, init)


def block(*items, tail=None, ty: Type | None = None) -> T.Block:
    stmts = [s if isinstance(s, (T.Let, T.ExprStmt)) else T.ExprStmt(SPAN, s) for s in items]
    if ty is None:
        ty = tail.ty if tail is not None else UNIT
    return T.Block(SPAN, ty, stmts, tail)


def if_(cond, then: T.Block, else_=None, ty: Type = UNIT) -> T.If:
    return T.If(SPAN, ty, cond, then, else_)


def while_(cond, body: T.Block) -> T.While:
    return T.While(SPAN, UNIT, cond, body)


def loop(body: T.Block, ty: Type = NEVER) -> T.Loop:
    return T.Loop(SPAN, ty, body)


def brk(value=None) -> T.Break:
    return T.Break(SPAN, NEVER, value)


def cont() -> T.Continue:
    return T.Continue(SPAN, NEVER)


def ret(value=None) -> T.Return:
    return T.Return(SPAN, NEVER, value)


def call(fn: T.FnDef, *args) -> T.CallFn:
    return T.CallFn(SPAN, fn.ret, fn, list(args))


def builtin(op: str, ty: Type, *args, mem: int | None = None, type_arg: Type | None = None) -> T.Builtin:
    return T.Builtin(SPAN, ty, BuiltinOp(op), list(args), mem, type_arg)


def deref(p) -> T.Deref:
    assert isinstance(p.ty, PointerType), p.ty
    return T.Deref(SPAN, p.ty.pointee, p)


def place_mem(e) -> int:
    """The memory of a place expression (tree.py's rule: that of its root)."""
    if isinstance(e, T.StaticRef):
        return e.static.mem
    if isinstance(e, T.Deref):
        return e.ptr.ty.mem
    if isinstance(e, (T.FieldRef, T.IndexRef)):
        return place_mem(e.base)
    return 0


def addr(place, mutable: bool = True) -> T.AddrOf:
    return T.AddrOf(SPAN, PointerType(place.ty, mutable, place_mem(place)), place)


def field(base, sdef: T.StructDef, name: str) -> T.FieldRef:
    index = sdef.field_index(name)
    assert index is not None, name
    return T.FieldRef(SPAN, sdef.fields[index][1], base, index)


def index(base, idx) -> T.IndexRef:
    assert isinstance(base.ty, ArrayType)
    return T.IndexRef(SPAN, base.ty.elem, base, idx)


def struct_lit(sdef: T.StructDef, *values) -> T.StructLit:
    return T.StructLit(SPAN, StructType(sdef.name), sdef, list(values))


def array_lit(elem: Type, *elems) -> T.ArrayLit:
    return T.ArrayLit(SPAN, ArrayType(elem, len(elems)), list(elems))


def array_repeat(value, count: int) -> T.ArrayRepeat:
    return T.ArrayRepeat(SPAN, ArrayType(value.ty, count), value, count)


def struct(name: str, *fields: tuple[str, Type]) -> T.StructDef:
    return T.StructDef(name, list(fields), SPAN)


def static(name: str, ty: Type, init, mem: int = 0, mutable: bool = True,
           export: str | None = None) -> T.StaticDef:
    return T.StaticDef(name, name, ty, mutable, mem, init, export, SPAN)


def fn(name: str, params: list[T.Local], ret_ty: Type, body: T.Block | None,
       export: str | None = "same", import_module: str | None = None) -> T.FnDef:
    """A function; exported under its own name unless `export=None`."""
    export_name = name if export == "same" else export
    if import_module is not None:
        return T.FnDef(name, name, params, ret_ty, None, import_module=import_module, import_name=name)
    return T.FnDef(name, name, params, ret_ty, body, export_name=export_name, span=SPAN)


def memories(*decls: MemoryDecl) -> MemoryMap:
    return MemoryMap.of(list(decls))


def program(functions: Iterable[T.FnDef], statics: Iterable[T.StaticDef] = (),
            structs: Iterable[T.StructDef] = (), mems: MemoryMap | None = None) -> T.Program:
    return T.Program(
        memories=mems or memories(MemoryDecl(1, export_name="mem1")),
        structs={s.name: s for s in structs},
        statics=list(statics),
        functions=list(functions),
    )



# ---------------------------------------------------------------------------
# Running the back end on a hand-built program (imports kept local so that
# importing the builders stays cheap)


def build_ir(prog: T.Program) -> str:
    """The unoptimized IR text of `prog` (asserts that lowering succeeded)."""
    from compiler.codegen.build import build_module
    from compiler.diagnostics import DiagnosticSink

    sink = DiagnosticSink()
    built = build_module(prog, sink)
    assert built is not None and not sink.has_errors, sink.render()
    return str(built.module)


def compile_ir(prog: T.Program, opt_level: int = 2, legalize_first: bool = False):
    """(CodegenResult, far segments) for `prog`; asserts success."""
    from compiler.codegen.emit import compile_to_object
    from compiler.codegen.build import build_module
    from compiler.diagnostics import DiagnosticSink

    sink = DiagnosticSink()
    built = build_module(prog, sink)
    assert built is not None, sink.render()
    result = compile_to_object(built.module, opt_level, sink, legalize_first=legalize_first)
    assert result is not None and not sink.has_errors, sink.render()
    return result, built.far_segments


def run_ir(ir_text: str, level: int, mems: MemoryMap, calls: list, reads: list = ()) -> dict:
    """Compile hand-written IR at -O`level` (through the guarded pipeline:
    optimize, legalize, check, emit), link, finish and run `calls` in
    wasmtime and (when installed) V8: the RunResult per engine."""
    from compiler.codegen.emit import run_guarded
    from compiler.diagnostics import DiagnosticSink
    from compiler.runtime import RunRequest, node_available, run_node, run_wasmtime
    from compiler.wasm import link as link_mod, postlink

    sink = DiagnosticSink()
    result = run_guarded(ir_text, level, sink)
    assert result is not None, sink.render()
    linked = link_mod.link([result.object_bytes], sink)
    wasm = postlink.finalize(linked, mems, [], sink)
    assert wasm is not None, sink.render()
    runners = {"wasmtime": run_wasmtime, **({"v8": run_node} if node_available() else {})}
    outcomes = {}
    for engine, runner in runners.items():
        outcome = runner(RunRequest(wasm, mems, list(calls), reads=list(reads)))
        assert outcome.error is None, (engine, outcome.error)
        outcomes[engine] = outcome
    return outcomes


def filecheck(text: str, checks: str) -> None:
    """Match `text` against FileCheck directives (PyPI `filecheck`)."""
    import os
    import subprocess
    import sys
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".check", delete=False) as f:
        f.write(checks)
        path = f.name
    try:
        proc = subprocess.run([sys.executable, "-m", "filecheck", path], input=text,
                              capture_output=True, text=True)
    finally:
        os.unlink(path)
    assert proc.returncode == 0, f"FileCheck failed:\n{proc.stdout}{proc.stderr}\n--- input ---\n{text}"


__all__ = [name for name in dir() if not name.startswith("_")]
