"""The driver: runs the phases in order, stopping between phases on errors.

Library entry points (no printing, no exit): `check_source`, `compile_source`.
The CLI (`cli.py`) renders what they return.
"""
from __future__ import annotations

import gc
import re
import sys
import threading
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, field

from . import processes
from .diagnostics import DiagnosticSink
from .source import SourceFile
from .check import tree as t


@dataclass
class Artifacts:
    """What a successful compilation produced (each None when not asked for or failed)."""

    program: t.Program | None = None
    llvm_ir_unoptimized: str | None = None
    llvm_ir: str | None = None  # optimized, far accesses still in their address spaces
    llvm_ir_legalized: str | None = None  # what became the object: far accesses are intrinsic calls
    object_bytes: bytes | None = None
    wasm: bytes | None = None
    far_segments: list = field(default_factory=list)
    #: wasm-ld's output with its DWARF line table, before the rewrite (only with `debug_lines`)
    linked_with_debug: bytes | None = None


def _guard(sink: DiagnosticSink, phase: str, fn, *args, **kwargs):
    """Run one phase; a Python exception inside it is a bug in farc, reported as an ICE."""
    try:
        return fn(*args, **kwargs)
    except MemoryError:  # a resource limit (this machine's, or `ulimit -v`), not a bug in farc
        from .codegen.emit import report_out_of_memory
        report_out_of_memory(sink, phase)
    except RecursionError:
        sink.error("S0006", f"{phase}: the program nests expressions or blocks too deeply for farc").with_note(
            f"farc handles nesting up to several thousand levels (recursion limit {_RECURSION_LIMIT})")
    except Exception as exc:  # noqa: BLE001 - the one place that turns bugs into diagnostics
        tb = traceback.extract_tb(exc.__traceback__)
        where = f"{tb[-1].filename.rsplit('/', 1)[-1]}:{tb[-1].lineno}" if tb else "?"
        sink.ice(f"{phase} crashed: {type(exc).__name__}: {exc}", f"at {where}")
    return None


#: The phases walk trees recursively; deeply nested programs (a long chain of
#: `+`, thousands of nested blocks) need a deeper stack than Python's default.
_STACK_BYTES = 1024 * 1024 * 1024
_RECURSION_LIMIT = 400_000


def _on_deep_stack(fn, *args, **kwargs):
    """fn(*args, **kwargs) on a thread with a large stack and recursion limit."""
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["value"] = fn(*args, **kwargs)
        except BaseException as exc:  # re-raised in the caller's thread
            outcome["error"] = exc

    old_size = threading.stack_size(_STACK_BYTES)
    old_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old_limit, _RECURSION_LIMIT))
    try:
        # a daemon: when Ctrl-C interrupts the join below, the process can
        # exit without waiting for the phase the worker is in to finish
        worker = threading.Thread(target=target, name="farc", daemon=True)
        worker.start()
        try:
            worker.join()
        except BaseException:
            processes.stop_all()  # LLVM's process and the linker stop with us
            raise
    finally:
        threading.stack_size(old_size)
        sys.setrecursionlimit(old_limit)
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]


@contextmanager
def _cyclic_gc_paused():
    """Python's cyclic garbage collector off for the duration (restored after).

    A compilation builds hundreds of thousands of objects that all live to its
    end (the trees, the typed program, llvmlite's IR objects, the decoded
    wasm); every collection would scan them again for nothing: it doubled the
    front end's time and tripled IR generation's and the wasm rewriter's.
    What a compilation leaves behind in cycles is collected once the
    collector runs again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def front_end(source: SourceFile, sink: DiagnosticSink) -> t.Program | None:
    """Parse, check and monomorphize: the fully typed, concrete program."""
    with _cyclic_gc_paused():
        return _front_end(source, sink)


def _front_end(source: SourceFile, sink: DiagnosticSink) -> t.Program | None:
    from .syntax.parser import parse
    from .syntax.modules import load_crate
    from .check.checker import check
    from .check.lints import run_lints
    from .mono.monomorphize import monomorphize

    module = _guard(sink, "parsing", parse, source, sink)
    if module is None or sink.has_errors:
        return None
    # a module file that cannot be read is reported, and checking goes on without it (as rustc does)
    files = _guard(sink, "reading the module files", load_crate, module, source, sink)
    if files is None:
        return None
    program = _guard(sink, "type checking", check, module, sink, module_name(source.name), files)
    if program is None or sink.has_errors:
        return None
    _guard(sink, "lints", run_lints, module, program, sink)
    if sink.has_errors:  # a lint denied with `-D` / `#[deny]`
        return None
    program = _guard(sink, "monomorphization", monomorphize, program, sink)
    if program is None or sink.has_errors:
        return None
    return program


def module_name(file_name: str) -> str:
    """The LLVM module name for a source file: its stem, reduced to characters
    every tool prints and parses back (file names may hold quotes, newlines
    or bytes that are not UTF-8)."""
    stem = file_name.rsplit("/", 1)[-1].removesuffix(".rs")
    return re.sub(r"[^A-Za-z0-9_.-]", "_", stem) or "main"


def check_source(source: SourceFile, sink: DiagnosticSink, links: dict[str, bytes] | None = None) -> t.Program | None:
    """The checked program; with `links` (import module name -> finished wasm) it is
    also checked against the modules it imports from (`check.linkage`)."""
    return _on_deep_stack(_checked_against_links, source, sink, links or {})


def _checked_against_links(source: SourceFile, sink: DiagnosticSink, links: dict[str, bytes]) -> t.Program | None:
    program = front_end(source, sink)
    if program is None or not links:
        return program
    from .check.linkage import check_links
    interfaces = _link_interfaces(links, sink)
    if interfaces is None:
        return None
    _guard(sink, "checking the links", check_links, program, interfaces, sink)
    return None if sink.has_errors else program


def _link_interfaces(links: dict[str, bytes], sink: DiagnosticSink):
    """The ModuleInterface of every linked module; None (with L0005) if one cannot be read."""
    from .interface import InterfaceError
    from .wasm.encoding import DecodeError
    from .wasm.interface import read_interface
    interfaces = {}
    for name, wasm in links.items():
        try:
            interfaces[name] = read_interface(name, wasm)
        except (DecodeError, InterfaceError) as err:
            sink.error("L0005", f"the module linked as `{name}` cannot be read: {err}")
            return None
    return interfaces


def compile_source(source: SourceFile, sink: DiagnosticSink, opt_level: int = 2,
                   legalize_first: bool = False, links: dict[str, bytes] | None = None,
                   debug_lines: bool = False, source_lines: bool = False, run_entry: str | None = None) -> Artifacts:
    """Source -> memory-indexed wasm module, keeping every intermediate form.

    `legalize_first` turns far accesses into intrinsic calls *before* LLVM
    optimizes (the "opaque intrinsics" baseline of the benchmarks). `links`
    (import module name -> finished wasm) are the modules the program is
    checked against (see `check_source`). The module carries its own
    `farc.interface` section (`compiler.interface`) for the modules linked
    against it.

    `debug_lines` (for the farc explorer) gives every instruction its source
    line as an LLVM debug location and keeps the linked module's DWARF line
    table in `Artifacts.linked_with_debug`; the finished module is the same.
    `source_lines` (for `farc run` and `farc build -g`) uses the same debug
    locations to give the finished module a `farc.lines` section, which maps
    each instruction back to its source line (`compiler.wasm.lines`: traps).
    Debug locations do not change the generated code.

    `run_entry` (for `farc run`): the module is built for a host that calls
    it: the function of that name is exported even without `#[no_mangle]`,
    and so is the shadow stack pointer (`__stack_pointer`), through which the
    host makes room for a struct result."""
    with _cyclic_gc_paused():
        return _on_deep_stack(_compile_source, source, sink, opt_level, legalize_first, links or {}, debug_lines,
                              source_lines, run_entry)


def _compile_source(source: SourceFile, sink: DiagnosticSink, opt_level: int,
                    legalize_first: bool, links: dict[str, bytes], debug_lines: bool = False,
                    source_lines: bool = False, run_entry: str | None = None) -> Artifacts:
    from .codegen.build import build_module
    from .codegen.llvm_ir import exported_data_symbols
    from .codegen.emit import compile_to_object
    from .interface import hands_out_function_pointers, interface_payload
    from .wasm.interface import embed
    from .wasm.link import link
    from .wasm.postlink import finalize

    out = Artifacts()
    debug = debug_lines or source_lines
    out.program = _checked_against_links(source, sink, links)
    if out.program is None:
        return out
    if run_entry is not None:
        export_entry(out.program, run_entry)
    built = _guard(sink, "LLVM IR generation", build_module, out.program, sink, debug)
    if built is None or sink.has_errors:
        return out
    module, out.far_segments = built.module, built.far_segments
    result = _guard(sink, "code generation", compile_to_object, module, opt_level, sink,
                    legalize_first=legalize_first)
    if result is None or sink.has_errors:
        return out
    out.llvm_ir_unoptimized = result.unoptimized_ir_text
    out.llvm_ir = result.pre_legalize_ir_text or result.optimized_ir_text
    out.llvm_ir_legalized = result.optimized_ir_text
    out.object_bytes = result.object_bytes
    # exported memory-0 statics: wasm-ld exports a data symbol (a global with its address) only on request
    exports = [f"--export={name}" for name in exported_data_symbols(out.program)]
    if run_entry is not None:
        exports.append(f"--export={STACK_POINTER}")
    if hands_out_function_pointers(out.program):  # other modules' `#[far(..)] fn` pointers index its table
        exports.append("--export-table")
    linked = _guard(sink, "linking", link, [result.object_bytes], sink, global_base=built.global_base,
                    extra_flags=exports, keep_debug=debug)
    if linked is None or sink.has_errors:
        return out
    if debug_lines:
        out.linked_with_debug = linked
    wasm = _guard(sink, "wasm rewriting", finalize, linked, out.program.memories, out.far_segments, sink,
                  source_lines=source_lines)
    if wasm is not None and _guard(sink, "checking isolation policies", _policies_hold, wasm, out.program, sink):
        out.wasm = embed(wasm, interface_payload(out.program))
    return out


#: wasm-ld's shadow stack pointer global (memory 0), exported for `farc run`'s host
STACK_POINTER = "__stack_pointer"


def export_entry(program: t.Program, name: str) -> bool:
    """Export the non-generic function `name` under its own name if nothing is exported
    as `name` yet (`fn main()` without `#[no_mangle]`); whether `name` is exported now."""
    if any(fn.export_name == name for fn in program.functions):
        return True
    fn = next((fn for fn in program.functions if fn.name == name and not fn.is_import and fn.origin is None
               and fn.body is not None), None)
    if fn is None:
        return False
    fn.export_name = name
    return True


def isolation_policies(program: t.Program) -> list:
    """The `secret, only = [...]` policies of `program`, in terms of its final module."""
    from .interface import policy_symbols
    from .wasm.isolation import Policy
    return [Policy(program.memories.wasm_index(index), index, allowed, program.memories[index].only,
                   program.memories[index].span)
            for index, allowed in policy_symbols(program).items()]


def _policies_hold(wasm: bytes, program: t.Program, sink: DiagnosticSink) -> bool:
    policies = isolation_policies(program)
    if not policies:
        return True
    from .wasm.audit import audit_wasm
    from .wasm.isolation import check
    spans = {fn.symbol: fn.span for fn in program.functions if fn.span is not None}
    return check(audit_wasm(wasm), policies, sink, spans)


# ---------------------------------------------------------------------------
# Programs of several modules


@dataclass(frozen=True)
class Link:
    """A module the program is linked with, under the import module name `name`:
    farc source to compile, or a finished wasm module."""

    name: str
    source: SourceFile | None = None
    wasm: bytes | None = None


@dataclass
class LinkedBuild:
    """The main module's artifacts and every linked module's finished wasm, in link order."""

    main: Artifacts
    links: dict[str, bytes] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.main.wasm is not None and all(self.links.values())


def build_links(links: list[Link], sink: DiagnosticSink, opt_level: int = 2,
                legalize_first: bool = False, source_lines: bool = False) -> dict[str, bytes] | None:
    """Every linked module's finished wasm, in link order (source links are compiled,
    each checked against the links before it); None when one has errors."""
    built: dict[str, bytes] = {}
    for link in links:
        if link.name in built:
            sink.error("L0005", f"two modules are linked under the name `{link.name}`").with_help(
                "give each `--link NAME=FILE` its own NAME")
            return None
        if link.wasm is not None:
            built[link.name] = link.wasm
            continue
        assert link.source is not None, "a Link has source or wasm"
        artifacts = compile_source(link.source, sink, opt_level, legalize_first, links=dict(built),
                                   source_lines=source_lines)
        if artifacts.wasm is None or sink.has_errors:
            return None
        built[link.name] = artifacts.wasm
    return built


def compile_linked(source: SourceFile, links: list[Link], sink: DiagnosticSink, opt_level: int = 2,
                   legalize_first: bool = False, source_lines: bool = False,
                   run_entry: str | None = None) -> LinkedBuild:
    """Compile every linked module (in order), then the main module, checked against them.

    Stops before the main module when a linked one has errors. The linked
    modules are instantiated in this order at run time, so a link may import
    from the links before it."""
    built = build_links(links, sink, opt_level, legalize_first, source_lines)
    if built is None:
        return LinkedBuild(Artifacts())
    main = compile_source(source, sink, opt_level, legalize_first, links=built, source_lines=source_lines,
                          run_entry=run_entry)
    return LinkedBuild(main, built)


def link_static(main: bytes, links: dict[str, bytes], sink: DiagnosticSink) -> bytes | None:
    """`main` and its links merged into one validated module (`compiler.wasm.merge`);
    None with an L0006 diagnostic when they cannot be merged."""
    from .wasm.encoding import DecodeError
    from .wasm.merge import MergeError, MergeInput, merge
    if not _static_far_calls_fit({"main": main, **links}, sink):
        return None
    try:
        merged = merge([MergeInput("main", main), *(MergeInput(name, wasm) for name, wasm in links.items())])
    except MergeError as err:
        diag = sink.error("L0006", f"static linking failed: {err.message}")
        for note in err.notes:
            diag.with_note(note)
        return None
    except DecodeError as err:
        sink.error("L0006", f"static linking failed: a module cannot be read: {err}")
        return None
    merged = _validated(merged, "the statically linked module", "farc's merger", sink)
    if merged is None or not _merged_policies_hold(merged, {"main": main, **links}, sink):
        return None
    return merged


def _static_far_calls_fit(modules: dict[str, bytes], sink: DiagnosticSink) -> bool:
    """False (with L0007) when a far call between the modules passes an aggregate by value
    (`check.linkage.check_static_far_calls`); a module that cannot be read is merge()'s to report."""
    from .check.linkage import check_static_far_calls
    from .interface import InterfaceError
    from .wasm.encoding import DecodeError
    from .wasm.interface import read_interface
    interfaces = {}
    for name, wasm in modules.items():
        try:
            interfaces[name] = read_interface(name, wasm)
        except (DecodeError, InterfaceError):
            continue
    errors = len(sink.errors)
    check_static_far_calls(interfaces, sink)
    return len(sink.errors) == errors


def _merged_policies_hold(merged: bytes, modules: dict[str, bytes], sink: DiagnosticSink) -> bool:
    """Every input's isolation policies, checked again on the merged module (its memories and
    functions are there under the names the merger gives them: `lib.m1`, `lib.seal`)."""
    from .interface import InterfaceError
    from .wasm.audit import audit_wasm
    from .wasm.encoding import DecodeError
    from .wasm.interface import read_interface
    from .wasm.isolation import Policy, check
    report = audit_wasm(merged)
    memory_of = {m.name: m.index for m in report.memories}
    policies = []
    for position, (name, wasm) in enumerate(modules.items()):
        prefix = "" if position == 0 else f"{name}."
        try:
            iface = read_interface(name, wasm)
        except (DecodeError, InterfaceError):
            continue  # merge() read it already; a module without an interface has no policy
        for source, allowed in sorted(iface.policies.items()):
            where = memory_of.get(f"{prefix}m{source}")
            if where is None:
                sink.error("I0002", f"the secret memory {source} of `{name}` cannot be found in the merged module")
                return False
            policies.append(Policy(where, source, frozenset(prefix + s for s in allowed),
                                   tuple(sorted(prefix + s for s in allowed))))
    return check(report, policies, sink)


def _validated(wasm: bytes, what: str, made_by: str, sink: DiagnosticSink) -> bytes | None:
    """`wasm` if both validators accept it, else None with a B0002 naming the step that made it."""
    from .wasm.validate import validate
    problems = validate(wasm)
    if not problems:
        return wasm
    diag = sink.error("B0002", f"{what} is invalid")
    for problem in problems[:8]:
        diag.with_note(problem)
    diag.with_note(f"this is a bug in {made_by}; please report it")
    return None


def lower_multi_memory(wasm: bytes, sink: DiagnosticSink) -> bytes | None:
    """`wasm` with its memories folded into one, each in a bounds-checked region
    (`compiler.wasm.lower`); None with a B0009 diagnostic when it cannot be lowered."""
    from .wasm.binary import decode_bodies, encode_module, parse_module
    from .wasm.lower import LowerError, lower
    try:
        lowered = encode_module(lower(decode_bodies(parse_module(wasm))))
    except LowerError as err:
        sink.error("B0009", f"cannot lower the module to one memory: {err}")
        return None
    return _validated(lowered, "the lowered module", "farc's multi-memory lowering", sink)
