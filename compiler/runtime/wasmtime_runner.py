"""Run a finished module in wasmtime (PyPI `wasmtime`, Cranelift).

The host creates every imported memory with the limits the module's import
declares (shared ones as `SharedMemory`), provides function imports from
`RunRequest.host_functions` or the built-ins, instantiates, writes the
requested bytes, calls the exports in order and reads memory back. A time
limit uses epoch interruption: a timer bumps the engine's epoch and the
running call traps with kind "timeout".
"""
from __future__ import annotations

import ctypes
import functools
import re
import struct
import threading
from typing import Callable

import wasmtime

from ..wasm.validate import clean_wasmtime_message, engine_config
from .request import (
    HOST_ABORT_MESSAGE,
    HOST_BUILTINS,
    HOST_MODULE,
    LogEntry,
    ModuleInfo,
    RunError,
    RunRequest,
    RunResult,
    TrapInfo,
    check_host_imports,
    check_value_types,
    describe_trap,
    function_name,
    normalize_arg,
    STACK_POINTER,
    reachable_memory,
    reserve_result,
    trap_kind,
)

ENGINE_NAME = "wasmtime"
_F32 = struct.Struct("<f")


@functools.lru_cache(maxsize=2)
def _engine(fuel: bool = False) -> wasmtime.Engine:
    config = engine_config()
    config.epoch_interruption = True
    config.consume_fuel = fuel
    return wasmtime.Engine(config)


def _trap_info(err: Exception, infos: list[ModuleInfo], req: RunRequest | None = None) -> TrapInfo:
    """TrapInfo from a wasmtime Trap (or an error raised while trapping).

    `infos` are the modules of the run (links first, the main module last): the
    innermost frame's function is named from the module whose index and
    name-section name agree, the main module when none can be told apart."""
    raw = getattr(err, "message", None) or str(err)
    lines = [line.strip() for line in raw.strip().splitlines() if line.strip()]
    message = lines[-1] if lines else raw
    message = re.sub(r"^(\d+:\s*)?wasm trap:\s*", "", message)
    frames = list(getattr(err, "frames", None) or [])
    if frames and frames[0].module_name == HOST_MODULE:  # the built-in `abort` (`_host_abort`)
        frames = [f for f in frames if f.module_name != HOST_MODULE]
        message = HOST_ABORT_MESSAGE
    function, index, offset = None, None, None
    if frames:
        index = frames[0].func_index
        function = function_name(infos, index, frames[0].func_name)
        offset = frames[0].module_offset
    code = getattr(err, "trap_code", None)
    kind = trap_kind(message)
    if code == wasmtime.TrapCode.INTERRUPT:
        kind = "timeout"
        if req is not None:
            message = f"the calls did not finish within {req.timeout_s:g} s"
    elif code == wasmtime.TrapCode.OUT_OF_FUEL:
        kind = "fuel"
        if req is not None and req.fuel is not None:
            message = f"the calls used up all {req.fuel} units of fuel"
    return TrapInfo(message, kind, function, index, ENGINE_NAME, module_offset=offset)


def _float32(value: float) -> float:
    """Round a Python float to f32 as the engine would see it."""
    return _F32.unpack(_F32.pack(value))[0]


def _builtin(name: str, log: list) -> Callable:
    """The Python function of built-in logging function `name` (`abort` is `_host_abort`)."""
    wasm_type = name.removeprefix("log_")
    if wasm_type == "f32":
        return lambda value: log.append(LogEntry(wasm_type, _float32(value)))
    return lambda value: log.append(LogEntry(wasm_type, value))


#: `abort` as wasm: a trap raised by a Python host function reaches the caller without
#: the wasm backtrace (wasmtime-py re-raises the Python exception), one in wasm keeps it.
_HOST_WAT = f'(module ${HOST_MODULE} (func (export "abort") unreachable))'


def _host_abort(store: wasmtime.Store, engine: wasmtime.Engine) -> wasmtime.Func:
    instance = wasmtime.Instance(store, _host_module(engine), [])
    func = instance.exports(store)["abort"]
    assert isinstance(func, wasmtime.Func)
    return func


@functools.lru_cache(maxsize=4)
def _host_module(engine: wasmtime.Engine) -> wasmtime.Module:
    return wasmtime.Module(engine, _HOST_WAT)


class _SharedMemory(wasmtime.SharedMemory):
    """wasmtime-py 50's SharedMemory._as_extern wraps its pointer twice (TypeError
    when used as an import); this passes the pointer itself, as the C API expects."""

    def _as_extern(self):  # type: ignore[override]
        try:
            return super()._as_extern()
        except TypeError:
            from wasmtime import _ffi as ffi

            union = ffi.wasmtime_extern_union(sharedmemory=self.ptr())
            return ffi.wasmtime_extern_t(ffi.WASMTIME_EXTERN_SHAREDMEMORY, union)


def _memory_object(store: wasmtime.Store, ty: wasmtime.MemoryType, engine: wasmtime.Engine, what: str):
    """A host memory of type `ty`; RunError when the host cannot create it (too large, ...)."""
    try:
        if ty.is_shared:
            return _SharedMemory(engine, ty)
        return wasmtime.Memory(store, ty)
    except wasmtime.WasmtimeError as err:
        limits = f"{ty.limits.min} pages" + (f", max {ty.limits.max}" if ty.limits.max is not None else "")
        raise RunError(f"the host cannot create the imported memory `{what}` ({limits}): "
                       f"{clean_wasmtime_message(str(err))}") from None


def _memory_len(store: wasmtime.Store, memory) -> int:
    return memory.data_len() if isinstance(memory, wasmtime.SharedMemory) else memory.data_len(store)


def _memory_ptr(store: wasmtime.Store, memory):
    return memory.data_ptr() if isinstance(memory, wasmtime.SharedMemory) else memory.data_ptr(store)


def _check_range(store: wasmtime.Store, memory, offset: int, length: int, what: str) -> None:
    size = _memory_len(store, memory)
    if offset < 0 or offset + length > size:
        raise RunError(f"{what}: bytes {offset}..{offset + length} lie outside the memory ({size} bytes)")


def write_memory(store: wasmtime.Store, memory, offset: int, data: bytes, what: str) -> None:
    _check_range(store, memory, offset, len(data), what)
    base = ctypes.addressof(_memory_ptr(store, memory).contents)
    ctypes.memmove(base + offset, data, len(data))


def read_memory(store: wasmtime.Store, memory, offset: int, length: int, what: str) -> bytes:
    _check_range(store, memory, offset, length, what)
    base = ctypes.addressof(_memory_ptr(store, memory).contents)
    return ctypes.string_at(base + offset, length)


def _imports(req: RunRequest, module: wasmtime.Module, store: wasmtime.Store, engine: wasmtime.Engine, log: list,
             linked: dict[str, wasmtime.Instance], host: dict[tuple[str, str], object]) -> tuple[list, dict]:
    """The import objects of `module` in order, and its imported memories by (module, name).

    An import from a linked module's name is that instance's export; the host
    provides the rest (memories with the import's limits, functions). `host`
    holds the memories the host made for earlier modules of the run: two
    modules importing the same host memory share it, as with any host."""
    values: list = []
    memories: dict[tuple[str, str], object] = {}
    for imp in module.imports:
        key = (imp.module, imp.name or "")
        ty = imp.type
        if key[0] in linked:  # RunRequest.check_links made sure the link exports it
            value = linked[key[0]].exports(store)[key[1]]
            if isinstance(ty, wasmtime.MemoryType):
                memories[key] = value
            values.append(value)
        elif isinstance(ty, wasmtime.MemoryType):
            if key not in host:
                host[key] = _memory_object(store, ty, engine, f"{key[0]}.{key[1]}")
            memories[key] = host[key]
            values.append(host[key])
        elif isinstance(ty, wasmtime.FuncType):
            func = req.host_functions.get(key)
            if func is None and key[1] == "abort":  # check_host_imports made sure it is () -> ()
                values.append(_host_abort(store, engine))
                continue
            if func is None and key[1] in HOST_BUILTINS:
                func = _builtin(key[1], log)
            if func is None:
                raise RunError(f"missing import: function `{key[0]}.{key[1]}` is not provided by the host")
            values.append(wasmtime.Func(store, ty, func))
        else:
            raise RunError(f"missing import: `{key[0]}.{key[1]}` ({type(ty).__name__}) cannot be provided")
    return values, memories


def _compile(engine: wasmtime.Engine, wasm: bytes, what: str) -> wasmtime.Module:
    try:
        return wasmtime.Module(engine, wasm)
    except wasmtime.WasmtimeError as err:
        raise RunError(f"wasmtime rejects {what}: {err}") from None


def _instantiate(store: wasmtime.Store, module: wasmtime.Module, imports: list, what: str) -> wasmtime.Instance:
    """Instantiate; a trap during instantiation (e.g. a data segment outside its memory) propagates."""
    try:
        return wasmtime.Instance(store, module, imports)
    except wasmtime.Trap:
        raise
    except wasmtime.WasmtimeError as err:
        raise RunError(f"wasmtime cannot instantiate {what}: {err}") from None


def _result_value(raw: object) -> object:
    if isinstance(raw, (list, tuple)):
        return [_result_value(v) for v in raw]
    return raw


def run_wasmtime(req: RunRequest) -> RunResult:
    """Run `req` in wasmtime; traps are in `.trap`, setup problems in `.error`.

    Called in the main thread, the module runs in a second one: Python runs its
    signal handlers only in the main thread and only between bytecodes, so a
    main thread inside a long wasm call would hold Ctrl-C back until the call
    ends. Waiting on the runner instead, it gets the KeyboardInterrupt at once,
    stops the wasm (the engine's epoch) and lets it propagate."""
    result = RunResult()
    if threading.current_thread() is not threading.main_thread():
        _run_catching(req, result)
        return result
    failure: list[BaseException] = []

    def work() -> None:
        try:
            _run_catching(req, result)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the calling thread
            failure.append(exc)

    runner = threading.Thread(target=work, name="farc-wasmtime", daemon=True)
    runner.start()
    try:
        runner.join()
    except KeyboardInterrupt:
        _engine(req.fuel is not None).increment_epoch()  # the running call traps at its next check
        runner.join(timeout=5)
        raise
    if failure:
        raise failure[0]
    return result


def _run_catching(req: RunRequest, result: RunResult) -> None:
    try:
        _run(req, result)
    except RunError as err:
        result.error, result.failure = str(err), err


def _run(req: RunRequest, result: RunResult) -> None:
    infos = req.check_links()
    check_host_imports(req, infos)
    info = infos[-1]
    engine = _engine(req.fuel is not None)
    store = wasmtime.Store(engine)
    store.set_epoch_deadline(1)
    if req.fuel is not None:
        store.set_fuel(req.fuel)
    linked: dict[str, wasmtime.Instance] = {}
    shared_host: dict[tuple[str, str], object] = {}
    names = [link.name for link in req.links]
    timer = threading.Timer(req.timeout_s, engine.increment_epoch)
    timer.daemon = True
    timer.start()
    try:
        try:
            for link in req.links:
                what = f"linked module `{link.name}`"
                module = _compile(engine, link.wasm, what)
                imports, _ = _imports(req, module, store, engine, result.log, linked, shared_host)
                linked[link.name] = _instantiate(store, module, imports, what)
            module = _compile(engine, req.wasm, "the module")
            imports, host_memories = _imports(req, module, store, engine, result.log, linked, shared_host)
            instance = _instantiate(store, module, imports, "the module")
        except wasmtime.Trap as err:
            result.trap = describe_trap(_trap_info(err, infos, req), infos, names)
            return
        exports = instance.exports(store)

        def memory_of(index: int, purpose: str):
            decl = reachable_memory(req.memories, index, purpose)
            if decl.imported:
                return host_memories[(decl.import_module, decl.import_name or "")]
            return exports[decl.export_name]

        for index, offset, data in req.host_writes:
            what = f"host write into memory {index}"
            write_memory(store, memory_of(index, what), offset, data, what)

        for number, (name, args) in enumerate(req.calls):
            sig = info.signature(name)
            check_value_types(sig, name)
            size = req.result_size(number)
            hidden = 1 if size is not None else 0
            if len(args) + hidden != len(sig.params):
                raise RunError(f"`{name}` takes {len(sig.params) - hidden} arguments, {len(args)} given")
            values = [normalize_arg(a, t) for a, t in zip(args, sig.params[hidden:])]
            stack = saved = None
            if size is not None:
                stack = exports[STACK_POINTER] if STACK_POINTER in exports else None
                if not isinstance(stack, wasmtime.Global):
                    raise RunError(f"`{name}` returns its result in memory, but the module exports no "
                                   f"`{STACK_POINTER}` to make room for it")
                saved = stack.value(store)
                address = reserve_result(saved, size)
                stack.set_value(store, wasmtime.Val.i32(address))
                values.insert(0, address)
            try:
                raw = exports[name](store, *values)
            except wasmtime.Trap as err:
                result.trap = describe_trap(_trap_info(err, infos, req), infos, names)
                break
            finally:
                if stack is not None:
                    stack.set_value(store, wasmtime.Val.i32(saved))
            if size is not None:
                raw = read_memory(store, memory_of(0, "a result in memory 0"), values[0], size, "a result")
            result.values.append(_result_value(raw))

        for name in req.read_globals:
            if name in exports and isinstance(exports[name], wasmtime.Global):
                result.globals[name] = exports[name].value(store)
        for index, offset, length in req.reads:
            what = f"read from memory {index}"
            memory = memory_of(index, what)
            size = length if length is not None else max(0, _memory_len(store, memory) - offset)
            result.reads.append(read_memory(store, memory, offset, size, what))
    finally:
        timer.cancel()
