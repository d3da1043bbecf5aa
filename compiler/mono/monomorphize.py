"""Monomorphization: one concrete FnDef per (generic function, arguments).

Starting from every non-generic function (they may be exported), each call
of a generic function with concrete arguments produces an instance: a copy of
the body with type and const parameters substituted, named readably
(`sum<1>`, `load<u32>`) so the IR and the wasm name section show which
instance is which. Memory rules that depend on the instance's memories are
checked here, with a note naming the instance: accessing an undeclared
memory (M0009) and narrowing a 64-bit memory's pointer (M0010). So is the
size of every type the program uses, generic or not (T0001: bigger than
`isize::MAX`, `compiler.sizes`), since only concrete types have sizes, and
the static data a build writes out (T0002).
"""
from __future__ import annotations

from dataclasses import fields, replace

from .. import messages as msg
from ..builtins import ACCESSED_OPERANDS, SHARED_OPERANDS, SIZED_BY_MEMORY
from ..diagnostics import DiagnosticSink
from ..memory import ADDRSPACE_BASE, MAX_MEMORY_INDEX
from ..sizes import LLVM_GLOBAL_DATA_WEIGHT, MAX_STATIC_DATA_BYTES, MAX_TYPE_SIZE, LayoutError, Sizes, closure_env, placed_by_farc
from ..types import (
    ArrayType, ClosureType, ConstParam, ErrorType, FnType, IntType, MemIndex, MemoryChange, PointerType, SliceType,
    StructType, TupleType, Type, USIZE, home_of, misplaced_pointer, pointee_memory_change, pointee_or_element,
    reachable_types, replace_closures, substitute, substitute_args,
)
from ..check import tree as t
from ..consteval import NotConstant, constant_node, evaluate
from ..selection import Selector
from .builtin_impls import CORE_FUNCTIONS, lower_builtin_method
from .structs import concretize_structs

MAX_INSTANCES = 5000
_NO_SUBST: dict = {}  # a non-generic function's (one memo for all of them: `_type`)
#: How deep instances may instantiate each other (rustc's recursion limit is 128).
#: Polymorphic recursion (`f::<T>` calling `f::<*const T>`) makes ever-larger
#: types; without a depth limit the 5000 instances of ever-deeper types took
#: time quadratic in the limit (35 s) before the error.
MAX_INSTANCE_DEPTH = 256
#: How much of the innermost instance's name the depth error quotes.
_QUOTED_SYMBOL = 160


def monomorphize(program: t.Program, sink: DiagnosticSink) -> t.Program | None:
    mono = _Monomorphizer(program, sink)
    for struct in program.structs.values():
        for _name, fty in struct.fields:
            mono.check_size(fty, struct.span)
        mono.check_size(StructType(struct.name), struct.span)
    for static in program.statics:
        mono.check_size(static.ty, static.span)
    mono.check_static_data(program.statics)
    out: list[t.FnDef] = []
    for fn in program.functions:
        if fn.is_import:
            mono.check_signature_sizes(fn, fn.span)
            out.append(fn)
        elif not fn.is_generic and not fn.is_library:  # (core's functions: where they are called)
            mono.check_signature_sizes(fn, fn.span)
            out.append(mono.concrete(fn))
    out += mono.drain()
    if sink.has_errors:
        return None
    # keep roots first (source order), then instances in creation order, without duplicates
    seen: set[int] = set()
    ordered = [f for f in out if not (id(f) in seen or seen.add(id(f)))]
    return concretize_structs(t.Program(program.memories, program.structs, program.statics, ordered,
                                        program.source_name, program.traits, program.impls, program.enums))


class _Monomorphizer:
    def __init__(self, program: t.Program, sink: DiagnosticSink) -> None:
        self.memories = program.memories
        self.structs = program.structs
        self.enums = program.enums
        self.selector = Selector(program.traits, program.impls, struct_home=self._struct_home)
        wanted = set(CORE_FUNCTIONS.values())
        self.core_functions = {fn.name: fn for fn in program.functions if fn.is_library and fn.name in wanted}
        self.sink = sink
        self.instances: dict[tuple, t.FnDef] = {}
        self.pending: list[tuple[t.FnDef, t.FnDef, dict]] = []
        self.done: list[t.FnDef] = []
        self.out_of_range: set[str] = set()
        #: id(instance of a core function) -> the span of the crate's call that reached it
        self.crate_site: dict[int, object] = {}  # instances already reported for memory indices (M0012)
        #: id(instance) -> how many instantiations lead to it from a non-generic function
        self.depth: dict[int, int] = {}
        self.too_deep = False
        structs, memories = program.structs, program.memories
        self.sizes = Sizes(structs, memories, program.enums)
        self.too_big_reported: set[Type] = set()
        #: types whose pointers (along pointees and elements) are all into memories farc can compile
        self.in_range: set[Type] = set()
        #: (function symbol, type) pairs already reported for homes (M0015/M0016): one report each
        self.home_reported: set[tuple[str, Type]] = set()
        #: types (with all their parts) in which every pointer agrees with its pointee's home
        #: and no generic struct instance holds a value living elsewhere (M0015/M0016)
        self.homes_fine: set[Type] = set()
        #: id(subst) -> (subst, its substitution memo): see `_type`
        self.substituted: dict[int, tuple[dict, dict[Type, Type]]] = {}
        self.normalized: dict[Type, Type] = {}  # (normalizing depends on the type only)
        self.environments: dict[Type, Type] = {}  # closure types replaced by their environments' (`_type`)

    def concrete(self, fn: t.FnDef) -> t.FnDef:
        """A non-generic function is its own instance: its body is copied with
        its calls of generic functions and trait methods pointed at their
        instances and its associated consts folded."""
        self.current = fn
        for p in fn.params:  # (a closure's environment parameter: the environment's type)
            p.ty = self._type(p.ty, _NO_SUBST)
        fn.ret = self._type(fn.ret, _NO_SUBST)
        if fn.body is not None:
            fn.body = self.copy(fn.body, {"__locals__": {id(p): p for p in fn.params}})
        return fn

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
        symbol = _instance_symbol(fn, subst)
        locals_map: dict[int, t.Local] = {}
        params = [self._local(p, subst, locals_map) for p in fn.params]
        inst = t.FnDef(fn.name, symbol, params, self._type(fn.ret, subst), None,
                       export_name=fn.export_name, span=fn.span, origin=fn if fn.is_generic else None,
                       instance_args=key_args, is_const=fn.is_const)
        self.instances[key] = inst
        if fn.is_library:  # what goes wrong inside core is shown where the crate's code reached it
            caller_site = self.crate_site.get(id(self.current))
            self.crate_site[id(inst)] = caller_site or site
        self._check_memory_range(inst, [p.ty for p in params] + [inst.ret], site or fn.span)
        self.check_signature_sizes(inst, site or fn.span)
        for ty in [p.ty for p in params] + [inst.ret]:
            self._check_homes(inst, ty, site or fn.span)
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
            first = len(self.sink.diagnostics)
            if inst.body is None:  # (a `const fn` that a constant called has its body already)
                inst.body = self.copy(fn.body, subst)
            if fn.is_library:
                self._show_at_crate_site(self.sink.diagnostics[first:], self.crate_site.get(id(inst)))
            made.append(inst)
            if len(self.instances) > MAX_INSTANCES or self.too_deep:
                break
        return made

    @staticmethod
    def _show_at_crate_site(diagnostics: list, site) -> None:
        """Diagnostics from inside an instance of a core function point into
        core's text, which the user never wrote: they go to `site`, the call
        in the crate that reached the instance (the notes name the instance)."""
        if site is None:
            return
        for d in diagnostics:
            if d.span is not None and d.span.file is not site.file:
                d.span = site
            d.labels = [label for label in d.labels if label.span.file is site.file]

    def _local(self, local: t.Local, subst: dict, locals_map: dict) -> t.Local:
        copy = replace(local, ty=self._type(local.ty, subst))
        locals_map[id(local)] = copy
        return copy

    def _type(self, ty: Type, subst: dict) -> Type:
        """`ty` in the instance as codegen sees it: `_instance_type`, with each closure
        type replaced by its environment's type (the value a closure is at run time)."""
        return replace_closures(self._instance_type(ty, subst), self._environment, self.environments)

    def _environment(self, ty: ClosureType) -> Type:
        """The type of a closure's environment (`sizes.closure_env`), in the instance."""
        fn = ty.fn
        assert isinstance(fn, t.FnDef) and fn.closure_env is not None
        subst = dict(zip([*fn.type_params, *fn.const_params], ty.args))
        return closure_env(replace_closures(substitute(e, subst), self._environment, self.environments)
                           for e in fn.closure_env)

    def _instance_type(self, ty: Type, subst: dict) -> Type:
        """`ty` in the instance: parameters substituted, associated types normalized.

        Memoized per substitution (the dict passed down a body's copy): the
        types of nested expressions share their parts, so every part is
        substituted once and a body costs its types' total size, not each
        node's type again (`&&&...&x` was quadratic in the depth). One
        normalization memo serves every instance (it depends on the type only)."""
        memo = self.substituted.get(id(subst))
        if memo is None or memo[0] is not subst:
            memo = self.substituted[id(subst)] = (subst, {})
        return self.selector.normalize(substitute(ty, subst, memo[1]), memo=self.normalized)

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
            self.check_size(local.ty, local.span or node.span)
            return t.Let(node.span, local, self.copy(node.init, subst))
        if isinstance(node, t.LetPattern):
            init = self.copy(node.init, subst)
            else_ = self.copy(node.else_, subst)  # before the pattern: its names are not in scope there
            return t.LetPattern(node.span, self.copy(node.pattern, subst), init, else_)
        if isinstance(node, t.PatBind):
            # the alternatives of an or-pattern bind the same local: copy it once
            local = subst["__locals__"].get(id(node.local)) or self._local(node.local, subst, subst["__locals__"])
            new = t.PatBind(node.span, self._type(node.ty, subst), local, node.by_ref, self.copy(node.sub, subst))
            if node.by_ref:  # `ref q` / default binding modes borrow the matched place, as `&` does
                self._check_homes(self.current, local.ty, node.span, new)
            return new
        if isinstance(node, t.ExprStmt):
            return t.ExprStmt(node.span, self.copy(node.expr, subst))
        if not isinstance(node, _NODES):
            return node
        if isinstance(node, t.ConstParamRef):
            return t.IntConst(node.span, node.ty, subst[node.param.name])
        if isinstance(node, t.LocalRef):
            local = subst["__locals__"].get(id(node.local))
            assert local is not None, f"local {node.local.name} used before its declaration"
            return t.LocalRef(node.span, local.ty, local)
        if isinstance(node, t.CallFn):
            args = [self.copy(a, subst) for a in node.args]
            callee_subst = {k: self._concrete(v, subst) for k, v in node.subst.items()}
            return self._call(node.span, node.callee, callee_subst, args, self._type(node.ty, subst))
        if isinstance(node, t.AssocConstRef):
            return self._fold_const(node, subst)
        if isinstance(node, t.CallBound):
            return self._call_bound(node, subst)
        if isinstance(node, t.FnRef):  # a function used as a value: a pointer to its instance
            callee_subst = {k: self._concrete(v, subst) for k, v in node.subst.items()}
            callee = self.instance(node.callee, callee_subst, node.span) if node.callee.is_generic else node.callee
            return t.FnRef(node.span, self._type(node.ty, subst), callee, {})
        kwargs = {}
        for name in _field_names(type(node)):
            value = getattr(node, name)
            if name in ("ty", "type_arg") and value is not None:
                value = self._type(value, subst)
            elif name in ("mem", "count") and isinstance(value, ConstParam):
                value = subst[value.name]
            elif isinstance(value, t.Local):  # a local the node declares (a `for` loop's variable)
                value = self._local(value, subst, subst["__locals__"])
            elif isinstance(value, (list, tuple)) or isinstance(value, _NODES):  # (tuple: an array pattern's rest)
                value = self.copy(value, subst)
            kwargs[name] = value
        new = type(node)(**kwargs)
        self._check_instance(new)
        return new

    def _concrete(self, value, subst: dict):
        """A generic argument in the instance (a closure type stays one: it names the closure)."""
        if isinstance(value, ConstParam):
            return subst[value.name]
        if isinstance(value, Type):
            return self._instance_type(value, subst)
        return value

    def _call_bound(self, node: t.CallBound, subst: dict) -> t.TExpr:
        """`f(args)` for `f: F` with `F: Fn(..)`, as the instance's `F` is called: the
        closure's function with the environment's address after the arguments, or a
        call through a function pointer (through references to either)."""
        fn_ty = self._instance_type(node.fn_ty, subst)
        env = node.callee
        assert isinstance(env, t.AddrOf)
        place = self.copy(env.place, subst)
        args = [self.copy(a, subst) for a in node.args]
        ty = self._type(node.ty, subst)
        while isinstance(fn_ty, PointerType) and fn_ty.is_ref:
            assert fn_ty.mem == 0, fn_ty  # (the checker refuses a closure behind a far reference: E0601)
            fn_ty = fn_ty.pointee
            place = t.Deref(node.span, self._type(fn_ty, subst), place)
        if isinstance(fn_ty, ClosureType):
            closure = fn_ty.fn
            assert isinstance(closure, t.FnDef)
            mutable = closure.params[-1].ty.mutable  # type: ignore[attr-defined]
            env_ref = t.AddrOf(node.span, PointerType(place.ty, mutable, 0, True), place)
            callee_subst = dict(zip([*closure.type_params, *closure.const_params], fn_ty.args))
            return self._call(node.span, closure, callee_subst, [*args, env_ref], ty)
        assert isinstance(fn_ty, FnType), fn_ty  # (the checker let only these through)
        return t.CallPtr(node.span, ty, place, args)

    # ----- trait methods and associated consts, per instance -----
    def _call(self, span, callee: t.FnDef, subst: dict, args: list, ty: Type) -> t.TExpr:
        """The call in the instance: of the impl's method for a trait method
        (or the trait's default body), or the operator a primitive's built-in
        impl stands for."""
        if callee.trait is not None:
            resolved = self._dispatch(callee, subst, args, ty, span)
            if not isinstance(resolved, tuple):
                return resolved  # a built-in impl's operator, or a call through a reference's impl
            callee, subst = resolved
        if callee.is_generic or callee.is_library:  # core's non-generic functions too: emitted once, where called
            callee = self.instance(callee, subst, span)
        return t.CallFn(span, ty, callee, args, {})

    def _dispatch(self, fn: t.FnDef, subst: dict, args: list, ty: Type, span):
        trait = fn.trait
        assert trait is not None
        name = next(n for n, f in trait.methods.items() if f is fn)
        self_ty = subst["Self"]
        tref = t.TraitRef(trait.name, tuple(subst[p] for p in trait.params))
        selection = self.selector.select(self_ty, tref)
        if selection is None or selection.impl_ is None:
            self.sink.report(msg.UNSATISFIED_BOUND(ty=self_ty, trait=tref), span, msg.LABEL_NOT_IMPLEMENTED.format(
                trait=tref, ty=self_ty)).with_note(msg.NOTE_MEMORY_FROM_INSTANCE.format(
                    instance=self.current.symbol))
            return t.UnitConst(span, ty)
        impl = selection.impl_
        if impl.builtin and isinstance(self_ty, PointerType) and self_ty.is_ref and trait.params:
            # `&A == &B` is `A == B` (core's `impl PartialEq<&B> for &A`): the same method, one level in
            rhs = subst[trait.params[0]]
            inner = {**subst, "Self": self_ty.pointee, trait.params[0]: rhs.pointee}
            return self._call(span, fn, inner, [t.Deref(span, a.ty.pointee, a) for a in args], ty)
        if impl.builtin:
            lowered = lower_builtin_method(trait.name, name, args, ty, span)
            if lowered is not None:
                return lowered
            body = self.core_functions.get(CORE_FUNCTIONS.get((trait.name, name), ""))
            if body is not None:  # (`cmp` of a primitive: core's function over it)
                return body, {body.type_params[0]: self_ty}
            return fn, subst  # a default method (`ne`) of a built-in impl: the trait's body
        method = impl.methods.get(name)
        if method is None:
            return fn, subst  # the impl keeps the trait's default body
        own = _own_params(fn, trait)
        new = dict(selection.bindings)
        new.update({mine: subst[theirs] for theirs, mine in zip(own, _own_params(method, impl))})
        return method, new

    def _fold_const(self, node: t.AssocConstRef, subst: dict) -> t.TExpr:
        """An associated const's value in this instance."""
        const_subst = {k: self._concrete(v, subst) for k, v in node.subst.items()}
        const = node.const
        if node.trait is not None:
            self_ty = const_subst["Self"]
            tref = t.TraitRef(node.trait.name, tuple(const_subst[p] for p in node.trait.params))
            selection = self.selector.select(self_ty, tref)
            impl = selection.impl_ if selection is not None else None
            const = impl.consts.get(node.name) if impl is not None else None
            if const is not None:
                const_subst = dict(selection.bindings)  # type: ignore[union-attr]
            else:
                const = node.trait.consts[node.name]
        ty = self._type(node.ty, subst)
        if const is None or const.init is None:
            return t.UnitConst(node.span, ty)
        typed = self.copy(const.init, {**const_subst, "__locals__": {}})
        try:
            return constant_node(node.span, ty, evaluate(typed, self._const_fn_body))
        except NotConstant as e:
            if not e.calls:
                e.node = node  # (where this instance uses it)
            reported = e.report(self.sink, msg.CONST_EVAL_FAILED, msg.CONST_EVAL_FAILED, node.span, name=const.name)
            if reported is not None:
                reported.with_note(msg.NOTE_MEMORY_FROM_INSTANCE.format(instance=self.current.symbol))
            return t.UnitConst(node.span, ty)

    def _const_fn_body(self, fn: t.FnDef) -> t.Block | None:
        """The body of an instance a constant's evaluation calls: copied now if
        it is still queued (`drain` keeps it)."""
        if fn.body is None:
            for inst, origin, subst in self.pending:
                if inst is fn:
                    outer, self.current = self.current, inst
                    try:
                        inst.body = self.copy(origin.body, subst)
                    finally:
                        self.current = outer
                    break
        return fn.body

    def check_size(self, ty: Type, span) -> None:
        """T0001 (once per type) for a type bigger than wasm32 allows."""
        big = self.sizes.too_big(ty)
        if big is None or big in self.too_big_reported:
            return
        self.too_big_reported.add(big)
        self.sink.report(msg.TYPE_TOO_BIG(ty=big), span).with_note(
            msg.NOTE_TYPE_TOO_BIG.format(size=self.sizes.size_of(big), max=MAX_TYPE_SIZE))

    def check_static_data(self, statics: list[t.StaticDef]) -> None:
        """T0002 at the static whose data takes the bytes the build writes out
        past MAX_STATIC_DATA_BYTES (see there for what counts, and
        LLVM_GLOBAL_DATA_WEIGHT for how much)."""
        total = 0
        for static in statics:
            if self.sizes.too_big(static.ty) is not None:
                continue  # reported as T0001
            try:
                size = self.sizes.size_of(static.ty)
            except LayoutError:  # (a generic part: not a static's type after checking)
                continue
            zero = t.is_zero_constant(static.init)
            placed = placed_by_farc(static.mem, size, zero, static.export_name is not None, static.passive)
            if zero and placed:
                continue  # placed without a byte written
            llvm_global = not placed and not static.passive  # (a passive static is a segment farc writes)
            total += size * LLVM_GLOBAL_DATA_WEIGHT if llvm_global else size
            if total > MAX_STATIC_DATA_BYTES:
                d = self.sink.report(msg.STATIC_DATA_TOO_BIG(name=static.name, size=total, max=MAX_STATIC_DATA_BYTES),
                                     static.span)
                d.with_note(msg.NOTE_STATIC_DATA.format(weight=LLVM_GLOBAL_DATA_WEIGHT)).with_help(msg.HELP_STATIC_DATA)
                return

    def check_signature_sizes(self, fn: t.FnDef, span) -> None:
        for param in fn.params:
            self.check_size(param.ty, param.span or span)
        self.check_size(fn.ret, span)

    def _check_memory_range(self, inst: t.FnDef, types: list[Type], span) -> None:
        """M0012 (once per instance) when a const argument made a pointer into
        a memory beyond the indices farc can compile.

        Each type's chain of pointees and elements is walked only down to the
        first part known to be in range (nested types share their parts), so
        checking every node of every instance is linear in the types made."""
        if inst.symbol in self.out_of_range:
            return
        for ty in types:
            chain: list[Type] = []
            cur: Type | None = ty
            while cur is not None and cur not in self.in_range:
                chain.append(cur)
                cur = pointee_or_element(cur)
            bad = next((part.mem for part in chain if isinstance(part, PointerType) and isinstance(part.mem, int)
                        and part.mem > MAX_MEMORY_INDEX), None)
            if bad is None:
                self.in_range.update(chain)
                continue
            self.out_of_range.add(inst.symbol)
            self.sink.report(msg.MEM_IDX_TOO_LARGE(value=bad, max=MAX_MEMORY_INDEX), span).with_note(
                msg.NOTE_MEMORY_FROM_INSTANCE.format(instance=inst.symbol)).with_note(
                msg.NOTE_MEMORY_INDEX_RANGE.format(base=ADDRSPACE_BASE))
            return

    def _struct_home(self, ty: StructType) -> MemIndex | None:
        struct = self.structs.get(ty.name)
        return struct.home_in(ty) if struct is not None else None

    def _check_homes(self, fn: t.FnDef, ty: Type, span, node=None) -> None:
        """Design 3 with concrete types: every pointer to a type with a home
        points into that home (M0015: a local's address, or a generic `*const T`
        whose `T` turned out to live elsewhere), and an instance of a generic
        struct holds no value of a type living elsewhere (M0016).

        Both are properties of each part of `ty`: the parts already found
        fine (`homes_fine`, in any function) are not walked again, so checking
        every node is linear in the types made, not in their depth times the
        nodes. A type with a problem never becomes fine: each function that
        uses it reports it (once)."""
        if ty in self.homes_fine:
            return
        bad = misplaced_pointer(ty, self._struct_home, self.homes_fine)
        problem = bad is not None
        if bad is not None and (fn.symbol, bad) not in self.home_reported:
            self.home_reported.add((fn.symbol, bad))
            home = home_of(bad.pointee, self._struct_home)
            if fn.origin is not None:
                d = self.sink.report(msg.POINTER_OUTSIDE_HOME_IN_INSTANCE(ty=bad.pointee, mem=bad.mem, home=home),
                                     span).with_note(msg.NOTE_HOME_FROM_INSTANCE.format(instance=fn.symbol)).with_note(
                    msg.NOTE_GENERIC_T_IN_MEMORY_0)
            else:
                d = self.sink.report(msg.POINTER_OUTSIDE_HOME(ty=bad.pointee, home=home), span,
                                     msg.LABEL_BORROWS_OUTSIDE_HOME.format(ty=bad.pointee, mem=bad.mem))
                if isinstance(node, (t.AddrOf, t.PatBind)):
                    d.with_note(msg.NOTE_LOCAL_COPY)
            d.with_note(msg.NOTE_HOME.format(ty=bad.pointee, home=home))
        for struct_ty in list(_generic_structs(ty, self.homes_fine)):
            struct = self.structs.get(struct_ty.name)
            if struct is None:
                continue
            home = struct.home_in(struct_ty)
            for (name, _), fty in zip(struct.fields, struct.field_types(struct_ty)):
                fhome = home_of(fty, self._struct_home)
                if fhome is None or fhome == home:
                    continue
                problem = True
                if (fn.symbol, struct_ty) not in self.home_reported:
                    self.home_reported.add((fn.symbol, struct_ty))
                    d = self.sink.report(msg.FIELD_OUTSIDE_HOME(field=name, ty=fty, home=fhome, struct=struct_ty), span)
                    if fn.origin is not None:
                        d.with_note(msg.NOTE_HOME_FROM_INSTANCE.format(instance=fn.symbol))
                    if home is not None:
                        d.with_note(msg.NOTE_STRUCT_HOME.format(struct=struct_ty, home=home))
                break
        if not problem:
            self.homes_fine.update(reachable_types(ty, self.homes_fine))

    def _check_instance(self, node) -> None:
        """Memory rules that only concrete memories can decide."""
        instance = self.current.symbol
        ty = getattr(node, "ty", None)
        if isinstance(ty, ErrorType):
            # the checker stands an error-typed node in for what it refused; with
            # no error reported, compiling on would silently drop that code
            raise AssertionError(f"a node of the error type reached monomorphization with no error reported "
                                 f"(in `{instance}`, at {node.span})")
        if ty is not None:
            self._check_memory_range(self.current, [ty], node.span)
            self.check_size(ty, node.span)
            self._check_homes(self.current, ty, node.span, node)
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
        return t.stored_types(self.structs, self.enums, ty)


def _place_memory(place) -> object:
    """The memory of a place (projections keep their base's memory)."""
    while isinstance(place, (t.FieldRef, t.IndexRef, t.RangeIndex)):
        place = place.base
    if isinstance(place, t.Deref) and isinstance(place.ptr.ty, PointerType):
        return place.ptr.ty.mem
    if isinstance(place, t.StaticRef):
        return place.static.mem
    return 0


def _generic_structs(ty: Type, known: set[Type]):
    """Every instance of a generic struct that `ty` mentions (through pointers,
    elements, arguments), outside the parts in `known`."""
    return (cur for cur in reachable_types(ty, known) if isinstance(cur, StructType) and cur.args)


_TEXPRS = tuple(t.TExpr.__args__)  # type: ignore[attr-defined]
#: the nodes a body copy rebuilds: expressions, patterns and match arms
_NODES = _TEXPRS + tuple(t.Pattern.__args__) + (t.MatchArm,)  # type: ignore[attr-defined]
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


def _own_params(fn: t.FnDef, owner: t.TraitDef | t.ImplDef) -> list[str]:
    """The generic parameters of a trait's or impl's method that are its own
    (after `Self` and the trait's, or the impl's), type parameters first."""
    if isinstance(owner, t.TraitDef):
        types = 1 + len([p for p in owner.params if p not in owner.const_params])
        consts = len(owner.const_params)
    else:
        types = len([p for p in owner.params if p not in owner.const_params])
        consts = len(owner.const_params)
    return fn.type_params[types:] + fn.const_params[consts:]


def _instance_symbol(fn: t.FnDef, subst: dict) -> str:
    """A readable, unique name for an instance: `sum<1>`, `Buf<u8, 4>::len`,
    `<Circle as Shape>::area`, `first<u32>`."""
    owner = fn.owner
    own = fn.const_params + fn.type_params
    head = fn.name
    if owner is not None:
        subst_owner = {k: v for k, v in subst.items() if k != "__locals__"}
        if isinstance(owner, t.ImplDef):
            self_ty = substitute(owner.self_ty, subst_owner)
            trait = ""
            if owner.trait is not None:
                trait_args = substitute_args(owner.trait.args, subst_owner)
                trait = f" as {owner.trait.trait}" + (f"<{', '.join(map(str, trait_args))}>" if trait_args else "")
            head = f"<{self_ty}{trait}>::{fn.name.rsplit('::', 1)[-1]}" if trait else \
                f"{self_ty}::{fn.name.rsplit('::', 1)[-1]}"
            own = _own_params(fn, owner)
        else:
            self_ty = subst_owner.get("Self")
            head = f"<{self_ty} as {owner.name}>::{fn.name.rsplit('::', 1)[-1]}"
            own = _own_params(fn, owner)
    args = ", ".join(str(subst[n]) for n in own if n in subst)
    return f"{head}<{args}>" if args else head
