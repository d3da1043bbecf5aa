"""What a run asks for and what it returns, the same for every engine.

A `RunRequest` carries a finished module, the program's `MemoryMap` (to
find imported and exported memories by source index), the exported
functions to call in order, bytes the host writes into imported memories
before the calls, and memory ranges to read back afterwards. Both runners
return a `RunResult`: one value per completed call, the bytes read, the
`log` of the built-in host functions, and a `TrapInfo` when a call trapped
(execution stops at the first trap; reads are still performed). Setup
problems (a missing import, a read from a memory the host cannot reach, an
engine that is not installed) are not behaviour of the program: the runners
report them in `RunResult.error` (internally they raise `RunError`), so no
caller ever sees a traceback.

Built-in host functions: a function import named `log_i32`, `log_i64`,
`log_f32` or `log_f64` (from any module) appends its argument to
`RunResult.log` (a `LogEntry`: the value with its wasm type); one named
`abort` traps (in wasmtime it is a wasm function of a small host module,
`HOST_MODULE`, so the trap's backtrace still reaches the caller's frames). They exist in both engines so the
same module runs unchanged in wasmtime and V8. Their signatures are fixed
(`HOST_SIGNATURES`); an import of one of these names with another signature
is a setup problem (`check_host_imports`), not a call with the wrong values.

Limits: `timeout_s` (wall clock, both engines) and `fuel` (wasmtime only:
a count of executed instructions, deterministic). Reaching one is a trap of
kind "timeout" or "fuel" whose message says which limit it was.

Traps are described in source terms where the module allows it
(`describe_trap`): the innermost frame's module offset, looked up in the
module's `farc.lines` section (`compiler.wasm.lines`), gives the source line
and column; for an out-of-bounds access, the trapping instruction (decoded
at that offset) names the wasm memory, and the `farc.interface` section the
source memory it is.

Linked modules (`RunRequest.links`): a multi-module program is one main
module plus the modules it imports from, each a `LinkedModule` with the name
its importers use (`#[link(wasm_import_module = "lib")]`, `import =
"lib.memory"`). The runners instantiate the links in the given order (a link
may import from the links before it), each with its own defined memories,
then the main module; an import whose module name is a link's name is that
instance's export (a function, a memory), every other import comes from the
host as for a single module (a host memory two modules import by the same
name is one memory, shared). Calls, host writes and reads address the main
module; a memory it imports from a link is reached through that import.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Callable, NamedTuple

from ..memory import MemoryDecl, MemoryMap
from ..wasm.binary import KIND_FUNC, KIND_MEMORY, KIND_NAMES, MemType, Module, parse_module
from ..wasm.encoding import DecodeError

Value = int | float


class LogEntry(NamedTuple):
    """One call of a built-in logging function: its argument and the argument's wasm type."""

    wasm_type: str  # "i32", "i64", "f32" or "f64"
    value: Value
HOST_BUILTINS = ("log_i32", "log_i64", "log_f32", "log_f64", "abort")
VALTYPE_NAMES = {0x7F: "i32", 0x7E: "i64", 0x7D: "f32", 0x7C: "f64", 0x7B: "v128"}


class RunError(Exception):
    """The request cannot be run (not a trap of the program)."""


@dataclass(frozen=True)
class TrapInfo:
    """A trap: the engine's message, a normalized `kind`, and where it happened."""

    message: str
    kind: str  # out_of_bounds, unreachable, divide_by_zero, integer_overflow, invalid_conversion,
    # stack_overflow, indirect_call, misaligned, timeout, host, other
    function: str | None = None  # wasm function name (name section) of the innermost frame
    func_index: int | None = None
    engine: str = ""
    #: byte offset of the trapping instruction in its module, and that module (None: the main one)
    module_offset: int | None = None
    module: str | None = None
    #: filled in by `describe_trap`: source position, and for memory accesses the instruction and memory
    line: int | None = None
    column: int | None = None
    instruction: str | None = None
    memory: int | None = None  # source memory index
    static_offset: int = 0  # the memarg offset of the access
    access_bytes: int | None = None


@dataclass(frozen=True)
class LinkedModule:
    """A module instantiated before the main one; its exports satisfy the imports from `name`."""

    name: str
    wasm: bytes


@dataclass
class RunRequest:
    wasm: bytes
    memories: MemoryMap
    calls: list[tuple[str, list[Value]]] = field(default_factory=list)
    #: (source memory index, byte offset, bytes) written before the calls (imported or exported memories)
    host_writes: list[tuple[int, int, bytes]] = field(default_factory=list)
    #: (source memory index, byte offset, length) read after the calls (imported or exported memories);
    #: length None: up to the end of the memory (as large as it is then)
    reads: list[tuple[int, int, int | None]] = field(default_factory=list)
    #: (module, name) -> Python callable, for wasmtime
    host_functions: dict[tuple[str, str], Callable] = field(default_factory=dict)
    #: (module, name) -> JavaScript function source (e.g. "(x) => x + 1"), for node
    js_host_functions: dict[tuple[str, str], str] = field(default_factory=dict)
    #: modules instantiated first, in order, whose exports the later modules import by name
    links: list[LinkedModule] = field(default_factory=list)
    timeout_s: float = 20.0
    #: wasmtime only: the instructions the calls may execute (None: no limit)
    fuel: int | None = None
    #: per call: None, or the size of an aggregate result the function writes through a
    #: hidden first parameter (C ABI `sret`): the host makes room on memory 0's shadow stack
    #: (the module must export `__stack_pointer`), passes its address first, and the call's
    #: value is the bytes written there
    result_bytes: list[int | None] = field(default_factory=list)
    #: exported globals read after the calls (also after a trap), into RunResult.globals
    read_globals: list[str] = field(default_factory=list)

    def result_size(self, call: int) -> int | None:
        return self.result_bytes[call] if call < len(self.result_bytes) else None

    def link_names(self) -> set[str]:
        return {link.name for link in self.links}

    def check_links(self) -> list["ModuleInfo"]:
        """What the links are, checked: distinct names, every module after the links
        it imports from, every import from a link exported by it with the same kind.
        Returns the ModuleInfo of each link, then of the main module."""
        infos: list[ModuleInfo] = []
        done: dict[str, ModuleInfo] = {}
        names = self.link_names()
        if len(names) != len(self.links):
            raise RunError("two linked modules have the same name")
        for name, wasm in [*((link.name, link.wasm) for link in self.links), (None, self.wasm)]:
            what = f"linked module `{name}`" if name else "the module"
            info = ModuleInfo.of(wasm, what)
            for module, field_name, kind in info.imports:
                if module not in names:
                    continue
                if module not in done:
                    raise RunError(
                        f"{what} imports `{module}.{field_name}`, but `{module}` is not instantiated before it "
                        "(list the links so that every module comes after the ones it imports from)")
                if done[module].export_kinds.get(field_name) != kind:
                    raise RunError(f"missing import: {what} imports {KIND_NAMES[kind]} `{module}.{field_name}`, "
                                   f"which the linked module `{module}` does not export")
            infos.append(info)
            if name:
                done[name] = info
        return infos


@dataclass
class RunResult:
    values: list = field(default_factory=list)  # per call: None, a value, or a list (multi-value)
    reads: list[bytes] = field(default_factory=list)
    trap: TrapInfo | None = None
    log: list[LogEntry] = field(default_factory=list)
    #: set instead of raising when the request cannot be run (see RunError)
    error: str | None = None
    #: the RunError behind `error` (a HostSignatureError says which import)
    failure: "RunError | None" = None
    #: RunRequest.read_globals: name -> value
    globals: dict[str, int | float] = field(default_factory=dict)

    @property
    def signature_error(self) -> "RunError | None":
        return self.failure if isinstance(self.failure, HostSignatureError) else None


# ---------------------------------------------------------------------------
# What both runners need to know about the module


@dataclass(frozen=True)
class Signature:
    params: tuple[str, ...]
    results: tuple[str, ...]

    def __str__(self) -> str:
        return f"({', '.join(self.params)}) -> ({', '.join(self.results)})"


#: The wasm signatures of the built-in host functions.
HOST_SIGNATURES: dict[str, Signature] = {
    "log_i32": Signature(("i32",), ()), "log_i64": Signature(("i64",), ()),
    "log_f32": Signature(("f32",), ()), "log_f64": Signature(("f64",), ()),
    "abort": Signature((), ()),
}
#: How each is declared in farc source, for the help of a mismatch.
HOST_DECLARATIONS = {"log_i32": "fn log_i32(value: i32);", "log_i64": "fn log_i64(value: i64);",
                     "log_f32": "fn log_f32(value: f32);", "log_f64": "fn log_f64(value: f64);",
                     "abort": "fn abort() -> !;"}


class HostSignatureError(RunError):
    """A module imports a built-in host function under another signature."""

    def __init__(self, module: str, name: str, declared: Signature) -> None:
        super().__init__(f"`{module}.{name}` is imported as {declared}, but the host's `{name}` is "
                         f"{HOST_SIGNATURES[name]}")
        self.module, self.name, self.declared = module, name, declared


def check_host_imports(req: "RunRequest", infos: list["ModuleInfo"]) -> None:
    """Every import of a built-in host name has the built-in's signature (HostSignatureError)."""
    links = req.link_names()
    for info in infos:
        for (module, name), sig in info.function_imports.items():
            if module in links or (module, name) in req.host_functions or (module, name) in req.js_host_functions:
                continue
            wanted = HOST_SIGNATURES.get(name)
            if wanted is not None and sig != wanted and not (name == "abort" and not sig.results):
                raise HostSignatureError(module, name, sig)


@dataclass
class ModuleInfo:
    """Export signatures, memory imports and function names, read with farc's own parser."""

    exports: dict[str, Signature]
    memory_imports: dict[tuple[str, str], MemType]
    function_imports: dict[tuple[str, str], Signature]
    function_names: dict[int, str]
    #: every import as (module, name, kind) and every export's kind by name
    imports: list[tuple[str, str, int]] = field(default_factory=list)
    export_kinds: dict[str, int] = field(default_factory=dict)
    wasm: bytes = b""

    @classmethod
    def of(cls, wasm: bytes, what: str = "the module") -> "ModuleInfo":
        try:
            module = parse_module(wasm)
        except DecodeError as err:
            raise RunError(f"{what} is not a valid wasm module: {err}") from None
        return cls(
            exports={e.name: _signature(module, e.index) for e in module.exports if e.kind == KIND_FUNC},
            memory_imports={(i.module, i.name): i.desc for i in module.imports if i.kind == KIND_MEMORY},
            function_imports={
                (i.module, i.name): _sig_of_type(module, i.desc) for i in module.imports if i.kind == KIND_FUNC
            },
            function_names=_function_names(module),
            imports=[(i.module, i.name, i.kind) for i in module.imports],
            export_kinds={e.name: e.kind for e in module.exports},
            wasm=wasm,
        )

    def signature(self, name: str) -> Signature:
        if name not in self.exports:
            raise RunError(f"the module exports no function `{name}` (exports: {', '.join(self.exports) or 'none'})")
        return self.exports[name]


def _sig_of_type(module: Module, type_index: object) -> Signature:
    ftype = module.types[type_index]  # type: ignore[index]
    return Signature(
        tuple(VALTYPE_NAMES.get(p[0], "ref") for p in ftype.params),
        tuple(VALTYPE_NAMES.get(r[0], "ref") for r in ftype.results),
    )


def _signature(module: Module, func_index: int) -> Signature:
    ftype = module.func_type(func_index)
    return Signature(
        tuple(VALTYPE_NAMES.get(p[0], "ref") for p in ftype.params),
        tuple(VALTYPE_NAMES.get(r[0], "ref") for r in ftype.results),
    )


def _function_names(module: Module) -> dict[int, str]:
    total = module.num_imported_funcs + len(module.functions)
    return {i: module.function_name(i) for i in range(total)}


def function_name(infos: list[ModuleInfo], index: int, engine_name: str | None) -> str | None:
    """The name of function `index` of the module a trap frame belongs to.

    Engines report a frame's function index within its own module, and the
    name they found for it; with several modules the index alone is
    ambiguous, so the module whose function `index` has that name wins (the
    main module, last in `infos`, when the engine gave no usable name)."""
    if engine_name:
        for info in reversed(infos):
            if info.function_names.get(index) == engine_name:
                return engine_name
    return infos[-1].function_names.get(index) or engine_name


STACK_POINTER = "__stack_pointer"
#: the shadow stack's alignment (wasm32 C ABI)
STACK_ALIGN = 16


def reserve_result(stack_pointer: int, size: int) -> int:
    """Where on the shadow stack a result of `size` bytes goes: below the stack pointer, aligned."""
    address = (stack_pointer - size) & ~(STACK_ALIGN - 1)
    if address < 0:
        raise RunError(f"no room on the shadow stack for a {size}-byte result")
    return address


def imported_decl(memories: MemoryMap, index: int, purpose: str) -> MemoryDecl:
    """The declaration of imported source memory `index`, or RunError."""
    if index not in memories:
        raise RunError(f"{purpose}: the program declares no memory {index}")
    decl = memories[index]
    if not decl.imported:
        raise RunError(f"{purpose}: memory {index} is not imported, so the host cannot reach it before the calls")
    return decl


def check_value_types(sig: Signature, name: str) -> None:
    for t in sig.params + sig.results:
        if t not in ("i32", "i64", "f32", "f64"):
            raise RunError(f"function `{name}` uses a {t} parameter or result, which the runners cannot pass")


def normalize_arg(value: Value, wasm_type: str) -> Value:
    """Wrap integers into the signed range of their wasm type; floats pass through."""
    if wasm_type in ("i32", "i64"):
        if not isinstance(value, int):
            raise RunError(f"argument {value!r} is not an integer for a {wasm_type} parameter")
        bits = 32 if wasm_type == "i32" else 64
        value &= (1 << bits) - 1
        return value - (1 << bits) if value >> (bits - 1) else value
    return float(value)


# ---------------------------------------------------------------------------
# Trap messages of both engines -> one vocabulary

HOST_ABORT_MESSAGE = "host abort"
#: The name (name section) of the module that provides `abort` in wasmtime: its frames are the host's.
HOST_MODULE = "farc_host"

_KIND_PATTERNS = [
    (HOST_ABORT_MESSAGE, "host"),
    (r"out of bounds memory access|memory access out of bounds|data segment .*out of bounds|memory fault", "out_of_bounds"),
    (r"unreachable", "unreachable"),
    (r"divide by zero|division by zero|remainder by zero", "divide_by_zero"),
    (r"integer overflow|divide result unrepresentable", "integer_overflow"),
    (r"invalid conversion|unrepresentable in integer range|float unrepresentable", "invalid_conversion"),
    (r"call stack exhausted|maximum call stack|stack overflow", "stack_overflow"),
    (r"indirect call|table index|null function|signature mismatch|uninitialized element", "indirect_call"),
    (r"unaligned|misaligned", "misaligned"),
    (r"interrupt|timed out|timeout", "timeout"),
]


def trap_kind(message: str) -> str:
    lowered = message.lower()
    for pattern, kind in _KIND_PATTERNS:
        if re.search(pattern, lowered):
            return kind
    return "other"


# ---------------------------------------------------------------------------
# Traps in source terms


def describe_trap(trap: TrapInfo, infos: list[ModuleInfo], linked_names: list[str]) -> TrapInfo:
    """`trap` with its source line and column (the module's `farc.lines`) and, for a
    memory instruction, the instruction and the source memory it accesses.

    `infos` are the run's modules (links first, the main one last, named by
    `linked_names` then None); the trap's module is the one whose function at
    the frame's index has the frame's name, as for `function_name`."""
    if trap.module_offset is None:
        return trap
    from ..wasm.lines import SourceLines

    index = len(infos) - 1
    if trap.module is not None and trap.module in linked_names:
        index = linked_names.index(trap.module)
    elif trap.func_index is not None and trap.function is not None:
        index = next((i for i in range(len(infos) - 1, -1, -1)
                      if infos[i].function_names.get(trap.func_index) == trap.function), index)
    info = infos[index]
    changes: dict[str, object] = {"module": linked_names[index] if index < len(linked_names) else None}
    lines = SourceLines.of(info.wasm)
    location = lines.at(trap.module_offset) if lines is not None else None
    if location is not None:
        changes.update(line=location.line, column=location.column)
    access = memory_access_at(info.wasm, trap.module_offset)
    if access is not None:
        name, wasm_memory, static_offset, size = access
        changes.update(instruction=name, memory=_source_memory(info.wasm, wasm_memory),
                       static_offset=static_offset, access_bytes=size)
    return replace(trap, **changes)


def memory_access_at(wasm: bytes, offset: int) -> tuple[str, int, int, int | None] | None:
    """(instruction, wasm memory index, memarg offset, bytes accessed) of the memory
    instruction at module offset `offset`, or None if no memory instruction starts there."""
    from ..wasm.binary import decode_bodies
    from ..wasm.instructions import MEMARG, natural_alignment_log2

    try:
        module = decode_bodies(parse_module(wasm))
    except Exception:  # a module the runner could run but farc cannot decode: no details
        return None
    for body in module.code:
        if not body.instrs or body.instrs[0].offset > offset:
            continue
        for instr in body.instrs:
            if instr.offset != offset:
                continue
            for kind, value in zip(instr.op.imms, instr.imm):
                if kind == MEMARG:
                    try:
                        size: int | None = 1 << natural_alignment_log2(instr.name)
                    except ValueError:  # lane, splat and atomic accesses: the width is not shown
                        size = None
                    return instr.name, value.mem, value.offset, size
            if instr.name in ("memory.fill", "memory.size", "memory.grow", "memory.init"):
                return instr.name, instr.imm[-1], 0, None
            if instr.name == "memory.copy":
                return instr.name, instr.imm[0], 0, None
            return None
    return None


def _source_memory(wasm: bytes, wasm_memory: int) -> int:
    """The source memory index of wasm memory `wasm_memory` (the farc.interface section
    knows; a module without one has only wasm indices)."""
    from ..interface import SECTION_NAME, InterfaceError, decode_payload

    try:
        section = next((c for c in parse_module(wasm).customs if c.name == SECTION_NAME), None)
        if section is None:
            return wasm_memory
        payload = decode_payload(section.payload)
    except (DecodeError, InterfaceError):
        return wasm_memory
    return next((source for source, w in payload.wasm_indices.items() if w == wasm_memory), wasm_memory)


def reachable_memory(memories: MemoryMap, index: int, purpose: str) -> MemoryDecl:
    """The declaration of source memory `index` if the host can reach it (imported or
    exported), else RunError."""
    if index not in memories:
        raise RunError(f"{purpose}: the program declares no memory {index}")
    decl = memories[index]
    if not decl.imported and decl.export_name is None:
        raise RunError(f"{purpose}: memory {index} is neither imported nor exported, so the host cannot reach it "
                       f"(declare it with `export = \"name\"`)")
    return decl
