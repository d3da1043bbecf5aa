"""Monomorphization: one concrete FnDef per (generic function, arguments).

Starting from every non-generic function (they may be exported), each call
of a generic function with concrete arguments produces an instance: a copy of
the body with type and const parameters substituted, named readably
(`sum<1>`, `load<u32>`) so the IR and the wasm name section show which
instance is which. Memory rules that depend on the instance's memories are
checked here, with a note naming the instance: accessing an undeclared
memory (M0009) and narrowing a 64-bit memory's pointer (M0010).
"""
from __future__ import annotations

from dataclasses import fields

from .. import messages as msg
from ..builtins import ACCESSED_OPERANDS, SHARED_OPERANDS, SIZED_BY_MEMORY
from ..diagnostics import DiagnosticSink
from ..memory import ADDRSPACE_BASE, MAX_MEMORY_INDEX, MemoryMap
from ..types import (
    ArrayType, ConstParam, IntType, MemoryChange, PointerType, SliceType, Type, USIZE, pointee_memory_change, substitute,
)
from ..check import tree as t

MAX_INSTANCES = 5000
#: How deep instances may instantiate each other (rustc's recursion limit is 128).
#: Polymorphic recursion (`f::<T>` calling `f::<*const T>`) makes ever-larger
#: types; without a depth limit the 5000 instances of ever-deeper types took
#: time quadratic in the limit (35 s) before the error.
MAX_INSTANCE_DEPTH = 256
#: How much of the innermost instance's name the depth error quotes.
_QUOTED_SYMBOL = 160


def monomorphize(program: t.Program, sink: DiagnosticSink) -> t.Program | None:
    mono = _Monomorphizer(program.memories, program.structs, sink)
    out: list[t.FnDef] = []
    for fn in program.functions:
        if fn.is_import:
            out.append(fn)
        elif not fn.is_generic:
            out.append(mono.concrete(fn))
    out += mono.drain()
    if sink.has_errors:
        return None
    # keep roots first (source order), then instances in creation order, without duplicates
    seen: set[int] = set()
    ordered = [f for f in out if not (id(f) in seen or seen.add(id(f)))]
    return t.Program(program.memories, program.structs, program.statics, ordered, program.source_name)


class _Monomorphizer:
    def __init__(self, memories: MemoryMap, structs: dict[str, t.StructDef], sink: DiagnosticSink) -> None:
        self.memories = memories
        self.structs = structs
        self.sink = sink
        self.instances: dict[tuple, t.FnDef] = {}
        self.pending: list[tuple[t.FnDef, t.FnDef, dict]] = []
        self.done: list[t.FnDef] = []
        self.out_of_range: set[str] = set()  # instances already reported for memory indices (M0012)
        #: id(instance) -> how many instantiations lead to it from a non-generic function
        self.depth: dict[int, int] = {}
        self.too_deep = False

    def concrete(self, fn: t.FnDef) -> t.FnDef:
        """A non-generic function is its own instance: its body is kept, and
        only its calls of generic functions are pointed at their instances."""
        self.current = fn
        self._link_calls(fn.body)
        return fn

    def _link_calls(self, node) -> None:
        if isinstance(node, list):
            for item in node:
                self._link_calls(item)
            return
        if isinstance(node, (t.Let, t.LetPattern, t.ExprStmt)):
            self._link_calls(node.expr if isinstance(node, t.ExprStmt) else node.init)
            return
        if not isinstance(node, _TEXPRS):
            return
        if isinstance(node, (t.CallFn, t.FnRef)) and node.callee.is_generic:
            node.callee = self.instance(node.callee, node.subst, node.span)
            node.subst = {}
        self._check_instance(node)
        for name in _field_names(type(node)):
            value = getattr(node, name)
            if isinstance(value, list) or isinstance(value, _TEXPRS):
                self._link_calls(value)

    def instance(self, fn: t.FnDef, subst: dict, site=None) -> t.FnDef:
        """The instance of fn for `subst` (created and queued on first request;
        `site`, the call's span, is where a problem with the arguments is reported)."""
        if fn.is_import:
            return fn
        key_args = tuple(subst.get(p) for p in fn.type_params + fn.const_params)
        key = (id(fn), key_args)
        existing = self.instances.get(key)
        if existing is not None:
            return existing
        order = [n for n in fn.const_params + fn.type_params]
        args = ", ".join(str(subst[n]) for n in order)
        symbol = f"{fn.name}<{args}>" if args else fn.name
        locals_map: dict[int, t.Local] = {}
        params = [self._local(p, subst, locals_map) for p in fn.params]
        inst = t.FnDef(fn.name, symbol, params, substitute(fn.ret, subst), None,
                       export_name=fn.export_name, span=fn.span, origin=fn if fn.is_generic else None,
                       instance_args=key_args)
        self.instances[key] = inst
        self._check_memory_range(inst, [p.ty for p in params] + [inst.ret], site or fn.span)
        if len(self.instances) > MAX_INSTANCES:
            self.sink.report(msg.TOO_MANY_INSTANCES(limit=MAX_INSTANCES, name=fn.name), fn.span)
            return inst
        depth = self.depth[id(inst)] = self.depth.get(id(self.current), 0) + 1
        if depth > MAX_INSTANCE_DEPTH:
            if not self.too_deep:
                self.too_deep = True
                quoted = symbol if len(symbol) <= _QUOTED_SYMBOL else symbol[:_QUOTED_SYMBOL] + "..."
                self.sink.report(msg.TOO_DEEP_INSTANCES(limit=MAX_INSTANCE_DEPTH, name=fn.name), fn.span).with_note(
                    msg.NOTE_DEEPEST_INSTANCE.format(instance=quoted))
            return inst
        self.pending.append((inst, fn, {**subst, "__locals__": locals_map}))
        return inst

    def drain(self) -> list[t.FnDef]:
        made: list[t.FnDef] = []
        while self.pending:
            inst, fn, subst = self.pending.pop(0)
            self.current = inst
            inst.body = self.copy(fn.body, subst)
            made.append(inst)
            if len(self.instances) > MAX_INSTANCES or self.too_deep:
                break
        return made

    def _local(self, local: t.Local, subst: dict, locals_map: dict) -> t.Local:
        copy = t.Local(local.name, substitute(local.ty, subst), local.mutable, local.id, local.span)
        locals_map[id(local)] = copy
        return copy

    # ----- copying a body with substitution -----
    def copy(self, node, subst: dict):
        if node is None:
            return None
        if isinstance(node, list):
            return [self.copy(x, subst) for x in node]
        if isinstance(node, tuple):  # (field index, pattern) pairs
            return tuple(self.copy(x, subst) for x in node)
        if isinstance(node, t.Let):
            local = self._local(node.local, subst, subst["__locals__"])
            return t.Let(node.span, local, self.copy(node.init, subst))
        if isinstance(node, t.LetPattern):
            init = self.copy(node.init, subst)
            return t.LetPattern(node.span, self.copy(node.pattern, subst), init)
        if isinstance(node, t.PatBind):
            # the alternatives of an or-pattern bind the same local: copy it once
            local = subst["__locals__"].get(id(node.local)) or self._local(node.local, subst, subst["__locals__"])
            new = t.PatBind(node.span, substitute(node.ty, subst), local, node.by_ref, self.copy(node.sub, subst))
            return new
        if isinstance(node, t.ExprStmt):
            return t.ExprStmt(node.span, self.copy(node.expr, subst))
        if not isinstance(node, _NODES):
            return node
        if isinstance(node, t.ConstParamRef):
            return t.IntConst(node.span, USIZE, subst[node.param.name])
        if isinstance(node, t.LocalRef):
            local = subst["__locals__"].get(id(node.local))
            assert local is not None, f"local {node.local.name} used before its declaration"
            return t.LocalRef(node.span, local.ty, local)
        if isinstance(node, t.CallFn):
            args = [self.copy(a, subst) for a in node.args]
            callee_subst = {k: self._concrete(v, subst) for k, v in node.subst.items()}
            callee = self.instance(node.callee, callee_subst, node.span) if node.callee.is_generic else node.callee
            return t.CallFn(node.span, substitute(node.ty, subst), callee, args, {})
        if isinstance(node, t.FnRef):  # a function used as a value: a pointer to its instance
            callee_subst = {k: self._concrete(v, subst) for k, v in node.subst.items()}
            callee = self.instance(node.callee, callee_subst, node.span) if node.callee.is_generic else node.callee
            return t.FnRef(node.span, substitute(node.ty, subst), callee, {})
        kwargs = {}
        for name in _field_names(type(node)):
            value = getattr(node, name)
            if name in ("ty", "type_arg") and value is not None:
                value = substitute(value, subst) if subst else value
            elif name == "mem" and isinstance(value, ConstParam):
                value = subst[value.name]
            elif isinstance(value, t.Local):  # a local the node declares (a `for` loop's variable)
                value = self._local(value, subst, subst["__locals__"])
            elif isinstance(value, list) or isinstance(value, _NODES):
                value = self.copy(value, subst)
            kwargs[name] = value
        new = type(node)(**kwargs)
        self._check_instance(new)
        return new

    def _concrete(self, value, subst: dict):
        if isinstance(value, ConstParam):
            return subst[value.name]
        if isinstance(value, Type):
            return substitute(value, subst)
        return value

    def _check_memory_range(self, inst: t.FnDef, types: list[Type], span) -> None:
        """M0012 (once per instance) when a const argument made a pointer into
        a memory beyond the indices farc can compile."""
        if inst.symbol in self.out_of_range:
            return
        for ty in types:
            bad = next((m for m in _pointer_memories(ty) if m > MAX_MEMORY_INDEX), None)
            if bad is not None:
                self.out_of_range.add(inst.symbol)
                self.sink.report(msg.MEM_IDX_TOO_LARGE(value=bad, max=MAX_MEMORY_INDEX), span).with_note(
                    msg.NOTE_MEMORY_FROM_INSTANCE.format(instance=inst.symbol)).with_note(
                    msg.NOTE_MEMORY_INDEX_RANGE.format(base=ADDRSPACE_BASE))
                return

    def _check_instance(self, node) -> None:
        """Memory rules that only concrete memories can decide."""
        instance = self.current.symbol
        if getattr(node, "ty", None) is not None:
            self._check_memory_range(self.current, [node.ty], node.span)
        for mem, what in self._accessed_memories(node):
            if isinstance(mem, int) and mem not in self.memories:
                self.sink.report(msg.UNDECLARED_MEMORY_IN_INSTANCE(what=what, mem=mem, instance=instance),
                                 node.span, msg.LABEL_UNDECLARED.format(mem=mem)).with_note(
                    msg.NOTE_MEMORY_FROM_INSTANCE.format(instance=instance)).with_help(
                    msg.HELP_DECLARE_MEMORY.format(mem=mem))
                break
        if isinstance(node, t.Builtin) and node.op in SHARED_OPERANDS:
            mem = getattr(node.args[SHARED_OPERANDS[node.op]].ty, "mem", None)
            if isinstance(mem, int) and mem in self.memories and not self.memories[mem].shared:
                self.sink.report(msg.WAIT_NOT_SHARED_IN_INSTANCE(name=node.op.value, mem=mem, instance=instance),
                                 node.span, msg.LABEL_NOT_SHARED.format(mem=mem)).with_note(
                    msg.NOTE_MEMORY_FROM_INSTANCE.format(instance=instance)).with_help(
                    msg.HELP_DECLARE_SHARED.format(mem=mem))
        if isinstance(node, t.Builtin) and node.op in SIZED_BY_MEMORY:
            operand = SIZED_BY_MEMORY[node.op]
            mem = node.mem if operand is None else getattr(node.args[operand].ty, "mem", None)
            if self._is_memory64(mem) and node.ty.bits < 64:
                self.sink.report(msg.SIZE64_NARROWED_IN_INSTANCE(op=node.op.surface_name, mem=mem, ty=node.ty,
                                                                   instance=instance), node.span).with_note(
                    msg.NOTE_GENERIC_SIZES_USIZE)
        if isinstance(node, t.Cast) and self.current.origin is not None:
            self._check_instance_cast(node, instance)
        if isinstance(node, t.Cast) and isinstance(node.expr.ty, PointerType) and isinstance(node.ty, IntType):
            m = node.expr.ty.mem
            if self._is_memory64(m) and node.ty.bits < 64:
                self.sink.report(msg.POINTER64_NARROWED_IN_INSTANCE(mem=m, ty=node.ty, instance=instance),
                                 node.span).with_help(msg.HELP_CAST_U64_SHORT)

    def _is_memory64(self, mem: object) -> bool:
        return isinstance(mem, int) and mem in self.memories and self.memories[mem].memory64

    @staticmethod
    def _accessed_memories(node) -> list[tuple[object, str]]:
        """(memory, what accesses it) for each memory the node reads or writes."""
        if isinstance(node, t.Deref) and isinstance(node.ptr.ty, PointerType):
            if isinstance(node.ptr.ty.pointee, SliceType):
                return []  # a slice's place is not read: its elements are (below)
            return [(node.ptr.ty.mem, msg.WHAT_DEREFERENCE)]
        if isinstance(node, t.IndexRef) and isinstance(node.base.ty, SliceType):
            return [(_place_memory(node.base), msg.WHAT_ELEMENT_ACCESS)]
        if isinstance(node, t.PatDeref) and isinstance(node.ty, PointerType):
            return [(node.ty.mem, msg.WHAT_DEREFERENCE)]
        if not isinstance(node, t.Builtin):
            return []
        what = msg.WHAT_BUILTIN.format(name=node.op.surface_name)
        found = [(node.mem, what)] if node.mem is not None else []
        for index in ACCESSED_OPERANDS.get(node.op, ()):
            ty = node.args[index].ty if index < len(node.args) else None
            if isinstance(ty, PointerType):
                found.append((ty.mem, what))
        return found

    def _check_instance_cast(self, node: t.Cast, instance: str) -> None:
        """The pointer cast rule again with the instance's types: a type
        parameter may stand for a pointer, so `p.cast::<U>()` can change a
        memory in one instance and not in another."""
        src, dst = node.expr.ty, node.ty
        if not (isinstance(src, PointerType) and isinstance(dst, PointerType)):
            return
        change = pointee_memory_change(src.pointee, dst.pointee, self._fields)
        if isinstance(change, MemoryChange):
            raw = PointerType(change.dst.pointee, change.dst.mutable, change.dst.mem, False)
            self.sink.report(msg.INNER_CAST_MEMORIES_IN_INSTANCE(src=change.src.mem, dst=change.dst.mem,
                                                                   instance=instance), node.span,
                             msg.LABEL_READ_AS.format(src=change.src, dst=change.dst)).with_note(
                msg.NOTE_INNER_CASTS).with_note(msg.NOTE_TYPES_FROM_INSTANCE.format(instance=instance)).with_help(
                msg.HELP_INNER_ROUND_TRIP.format(raw=raw))

    def _fields(self, ty: Type) -> list[Type]:
        struct = self.structs.get(ty.name)  # type: ignore[attr-defined]
        return [fty for _, fty in struct.fields] if struct is not None else []


def _place_memory(place) -> object:
    """The memory of a place (projections keep their base's memory)."""
    while isinstance(place, (t.FieldRef, t.IndexRef, t.RangeIndex)):
        place = place.base
    if isinstance(place, t.Deref) and isinstance(place.ptr.ty, PointerType):
        return place.ptr.ty.mem
    if isinstance(place, t.StaticRef):
        return place.static.mem
    return 0


def _pointer_memories(ty: Type):
    """The concrete memory of every pointer type in `ty` (through pointees and elements)."""
    while isinstance(ty, (PointerType, ArrayType)):
        if isinstance(ty, PointerType):
            if isinstance(ty.mem, int):
                yield ty.mem
            ty = ty.pointee
        else:
            ty = ty.elem


_TEXPRS = tuple(t.TExpr.__args__)  # type: ignore[attr-defined]
#: the nodes a body copy rebuilds: expressions and patterns
_NODES = _TEXPRS + tuple(t.Pattern.__args__)  # type: ignore[attr-defined]
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names
