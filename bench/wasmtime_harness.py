"""The wasmtime timing harness: runs a `Plan` in this process with PyPI
`wasmtime` (Cranelift), instantiating each module once and timing repeated
calls of its exports (see bench/plan.py for the protocol).

The engine has farc's feature set (multi-memory, memory64, SIMD) and no epoch
interruption or fuel, so the timed code has no extra checks. The bridged
variants' host functions are Python callbacks reading the imported memory
through a ctypes pointer: the fastest a Python host can be, and still a
round trip through the interpreter per load.
"""
from __future__ import annotations

import ctypes
import gc
import time
from typing import Callable

import wasmtime

from compiler.wasm.validate import engine_config

from .plan import (BRIDGE_FUNCTIONS, IDENTITY_WASM_HEX, OVERHEAD_CALLS, CaseResult, InstanceSpec, Plan, PlanResult,
                   epoch_rounds, inner_for, reps_for)

ENGINE_NAME = "wasmtime"

_engine_cache: list[wasmtime.Engine] = []


def engine() -> wasmtime.Engine:
    if not _engine_cache:
        _engine_cache.append(wasmtime.Engine(engine_config()))
    return _engine_cache[0]


def engine_version() -> str:
    from importlib.metadata import version

    return f"wasmtime {version('wasmtime')} (PyPI wasmtime, Cranelift)"


def _u32(value: object) -> int:
    return int(value) & 0xFFFFFFFF if value is not None else 0


class _Instance:
    """One instantiated module with its store and host memories."""

    def __init__(self, spec: InstanceSpec) -> None:
        self.spec = spec
        self.store = wasmtime.Store(engine())
        with open(spec.wasm, "rb") as f:
            module = wasmtime.Module(engine(), f.read())
        self.memories: dict[tuple[str, str], wasmtime.Memory] = {}
        imports = []
        for imp in module.imports:
            key = (imp.module, imp.name or "")
            ty = imp.type
            if isinstance(ty, wasmtime.MemoryType):
                memory = wasmtime.Memory(self.store, ty)
                self.memories[key] = memory
                imports.append(memory)
            elif isinstance(ty, wasmtime.FuncType) and key[1] in BRIDGE_FUNCTIONS:
                imports.append(wasmtime.Func(self.store, ty, self._bridge(key[1])))
            else:
                raise RuntimeError(f"{spec.id}: cannot provide import {key[0]}.{key[1]}")
        self.instance = wasmtime.Instance(self.store, module, imports)
        self.exports = self.instance.exports(self.store)

    def _bridge(self, name: str) -> Callable[[int], int]:
        """A host load reading the bridged memory. The pointer is taken lazily:
        the memory object exists only once every import has been created."""
        cache: dict[str, object] = {}

        def pointer(ctype):
            if "p" not in cache:
                assert self.spec.bridge is not None, f"{self.spec.id} imports {name} but has no bridge memory"
                memory = self.memories[tuple(self.spec.bridge)]  # type: ignore[index]
                cache["p"] = ctypes.cast(memory.data_ptr(self.store), ctypes.POINTER(ctype))
            return cache["p"]

        if name == "host_load_u32":
            def load_u32(addr: int) -> int:
                # c_int32 gives the signed value an i32 result needs
                return pointer(ctypes.c_int32)[(addr & 0xFFFFFFFF) >> 2]
            return load_u32

        def load_u8(addr: int) -> int:
            return pointer(ctypes.c_uint8)[addr & 0xFFFFFFFF]
        return load_u8

    def func(self, export: str, args: list[int]) -> Callable[[], int]:
        """A no-argument callable making one call of `export` with `args`."""
        fn = self.exports[export]
        fast = _fast_call(self.store, fn, args)
        if fast is not None:
            return fast
        store = self.store
        return lambda: fn(store, *args)


def _fast_call(store: wasmtime.Store, fn: wasmtime.Func, args: list[int]) -> Callable[[], int] | None:
    """A call through the C API's `wasmtime_func_call_unchecked` with the
    arguments encoded once. `Func.__call__` re-reads the function type and
    boxes every value on each call (about 40 us here; this path about 3 us),
    which would swamp kernels that run for microseconds. Only for i32
    parameters and at most one i32 result (all the kernels); None otherwise,
    or if this wasmtime-py lacks the binding."""
    try:
        from wasmtime import _bindings, _ffi
    except ImportError:
        return None
    call = getattr(_bindings, "_wasmtime_func_call_unchecked", None)
    ty = fn.type(store)
    i32 = wasmtime.ValType.i32()
    if call is None or any(p != i32 for p in ty.params) or len(ty.results) > 1 \
            or any(r != i32 for r in ty.results):
        return None
    width = max(1, len(args), len(ty.results))
    raw = (_ffi.wasmtime_val_raw_t * width)()
    context = store._context()
    func_ref = ctypes.byref(fn._func)
    trap = ctypes.POINTER(_ffi.wasm_trap_t)()
    trap_ref = ctypes.byref(trap)

    def invoke() -> int:
        for i, a in enumerate(args):  # results overwrite the arguments
            raw[i].i32 = a
        error = call(context, func_ref, raw, width, trap_ref)
        if error:
            raise wasmtime.WasmtimeError._from_ptr(error)
        if trap:
            raise wasmtime.Trap._from_ptr(trap)
        return raw[0].i32

    return invoke


def run_plan(plan: Plan) -> PlanResult:
    """Run `plan` in wasmtime; setup failures and traps come back in `.error`."""
    result = PlanResult(ENGINE_NAME, [])
    try:
        _run(plan, result)
    except (wasmtime.WasmtimeError, wasmtime.Trap, RuntimeError, KeyError, OSError) as err:
        result.error = f"{type(err).__name__}: {err}"
    return result


def call_overhead_ns() -> float:
    """Median over 5 batches of the per-call time of an identity export."""
    store = wasmtime.Store(engine())
    module = wasmtime.Module(engine(), bytes.fromhex(IDENTITY_WASM_HEX))
    fn = wasmtime.Instance(store, module, []).exports(store)["f"]
    call = _fast_call(store, fn, [7]) or (lambda: fn(store, 7))
    batches = []
    for _ in range(5):
        start = time.perf_counter_ns()
        for _ in range(OVERHEAD_CALLS):
            call()
        batches.append((time.perf_counter_ns() - start) / OVERHEAD_CALLS)
    return sorted(batches)[2]


def _instantiate(plan: Plan, result: PlanResult, record: bool) -> dict[str, _Instance]:
    instances: dict[str, _Instance] = {}
    for spec in plan.instances:
        inst = _Instance(spec)
        instances[spec.id] = inst
        if spec.init is not None:
            start = time.perf_counter()
            inst.func(spec.init.export, spec.init.args)()
            if record:
                result.init_ms[spec.id] = (time.perf_counter() - start) * 1e3
    return instances


def _run(plan: Plan, result: PlanResult) -> None:
    result.call_overhead_ns = call_overhead_ns()
    warm: dict[str, list[int]] = {case.id: [] for case in plan.cases}
    times: dict[str, list[int]] = {case.id: [] for case in plan.cases}
    inner: dict[str, int] = {}
    reps = 0
    for epoch in range(max(1, plan.epochs)):
        # fresh instances (fresh memories, new physical pages) every epoch
        instances = _instantiate(plan, result, record=epoch == 0)
        calls = [(case, instances[case.instance].func(case.call.export, case.call.args)) for case in plan.cases]
        last_s: dict[str, float] = {}
        for w in range(max(1, plan.warmup) if epoch == 0 else 1):
            for case, fn in calls:
                start = time.perf_counter()
                value = _u32(fn())
                last_s[case.id] = time.perf_counter() - start
                if epoch == 0:
                    warm[case.id].append(value)
                elif value != warm[case.id][0]:
                    result.problems.append(f"{case.id}: epoch {epoch} returned {value:#x}, epoch 0 {warm[case.id][0]:#x}")
        if epoch == 0:
            for spec in plan.instances:
                if spec.check is not None:
                    result.checks[spec.id] = _u32(instances[spec.id].func(spec.check.export, spec.check.args)())
            inner = {case.id: inner_for(last_s[case.id], plan) for case in plan.cases}
            reps = reps_for(sum(last_s[c.id] * inner[c.id] for c in plan.cases), plan)
        gc_was_enabled = gc.isenabled()
        gc.disable()  # a collection inside a sample would be charged to the kernel
        try:
            for r in epoch_rounds(reps, plan.epochs, epoch):
                for case, fn in (calls[i] for i in plan.order(r)):
                    k = inner[case.id]
                    start = time.perf_counter_ns()
                    for _ in range(k):
                        fn()
                    times[case.id].append(time.perf_counter_ns() - start)
        finally:
            if gc_was_enabled:
                gc.enable()
        del calls, instances
    result.cases = [CaseResult(c.id, inner[c.id], times[c.id], warm[c.id]) for c in plan.cases]
