"""`farc run`: compile a program and run it as a host would, in wasmtime or V8.

    farc run foo.rs [--invoke NAME ARGS...]... [--memory NAME[@OFFSET]=FILE]... [--dump-memory NAME=FILE]...
                    [--timeout S] [--fuel N] [--engine wasmtime|node] [--link NAME=FILE]...

* What runs: each `--invoke` in order on one instance (state carries over);
  without one, `main` (exported for the run even without `#[no_mangle]`).
* Arguments and results in the function's farc types (`runtime.values`): out
  of range is an error (R0002), unsigned results print unsigned, a struct
  or tuple result is read back from memory 0. Results print one line per call that
  returns a value; the built-in logging functions print `log: ...` lines.
* Memories: `--memory` fills an imported or exported memory from a file
  before the first call, `--dump-memory` writes it (all of it, as large as it
  is then) after the last; NAME is the memory's source index, export name or
  import name.
* Limits: `--timeout S` (default 60 s, both engines) and `--fuel N`
  (wasmtime: that many instructions); reaching one is R0003 saying which.
* Traps are B0004 at the source line that trapped (the module is built with
  a `farc.lines` section), with the trap's kind, the function, and for a
  memory instruction the instruction and the source memory.

The exit status is 1 when anything failed: a diagnostic, a trap, a limit, or output
that did not reach its reader (`| head` closing early).
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from . import messages as msg
from .diagnostics import DiagnosticSink
from .source import MAX_MODULE_BYTES, SourceFile, SourceReadError, Span, display_path, read_regular_file

DEFAULT_TIMEOUT_S = 60.0
ENTRY = "main"


@dataclass
class RunOptions:
    invocations: list[list[str]] = field(default_factory=list)  # [name, arg, ...] each
    engine: str = "wasmtime"
    timeout_s: float = DEFAULT_TIMEOUT_S
    fuel: int | None = None
    memory_files: list[str] = field(default_factory=list)  # NAME[@OFFSET]=FILE
    dump_files: list[str] = field(default_factory=list)  # NAME=FILE
    opt_level: int = 2
    legalize_first: bool = False


@dataclass
class _Call:
    name: str
    texts: list[str]
    values: list = field(default_factory=list)
    signature: object = None  # values.TypedSignature, or None for a function without farc types
    result_bytes: int | None = None  # size of a struct result returned through memory 0


def run_program(source: SourceFile, links: list, options: RunOptions, sink: DiagnosticSink,
                out=None) -> int:
    """Compile `source` (with its `--link` modules), run it, print results to `out`; the exit status."""
    from .driver import compile_linked

    out = out or sys.stdout
    built = compile_linked(source, links, sink, options.opt_level, legalize_first=options.legalize_first,
                           source_lines=True, run_entry=ENTRY)
    if sink.has_errors or not built.ok:
        return 1
    artifacts = built.main
    program = artifacts.program
    invocations = options.invocations or [[ENTRY]]
    calls = _prepare_calls(invocations, artifacts.wasm, program, sink)
    if calls is None:
        return 1
    writes = _memory_writes(options.memory_files, program.memories, sink)
    dumps = _memory_dumps(options.dump_files, program.memories, sink)
    if writes is None or dumps is None:
        return 1
    return _run(artifacts, built.links, calls, writes, dumps, options, sink, out)


# ---------------------------------------------------------------------------
# Calls


def _prepare_calls(invocations: list[list[str]], wasm: bytes, program, sink: DiagnosticSink) -> list[_Call] | None:
    from .interface import SECTION_NAME, decode_payload
    from .runtime.values import ArgumentError, MemoryValues, parse_argument, signature_of
    from .wasm.binary import parse_module

    module = parse_module(wasm)
    section = next(c for c in module.customs if c.name == SECTION_NAME)
    payload = decode_payload(section.payload)
    values = MemoryValues(payload.structs, program.memories, payload.enums)
    calls = []
    for name, *texts in invocations:
        sig = payload.functions.get(name)
        if sig is None:
            if name == ENTRY:
                sink.report(msg.NO_ENTRY(name=name)).with_help(msg.HELP_ADD_MAIN.format())
            else:
                exported = ", ".join(f"`{n}`" for n in sorted(payload.functions)) or "none"
                sink.report(msg.NO_ENTRY(name=name)).with_note(f"the exported functions are: {exported}")
            return None
        typed = signature_of(name, sig)
        call = _Call(name, texts, signature=typed)
        shown = sig.render(name)
        if len(texts) != typed.arity:
            sink.report(msg.ARGUMENT_COUNT(name=name, expected=msg.count(typed.arity, "argument"),
                                           supplied=len(texts))).with_note(msg.NOTE_SIGNATURE.format(
                                               name=name, signature=shown))
            return None
        for number, (text, ty) in enumerate(zip(texts, sig.params), start=1):
            try:
                call.values.append(parse_argument(text, ty, program.memories))
            except ArgumentError as err:
                sink.report(msg.BAD_ARGUMENT(number=number, name=name, reason=err)).with_note(
                    msg.NOTE_SIGNATURE.format(name=name, signature=shown))
                return None
        if typed.sret:
            call.result_bytes = values.size_align(sig.ret)[0]
        calls.append(call)
    return calls


# ---------------------------------------------------------------------------
# Memories


def _memory_index(name: str, memories) -> int | None:
    """Source memory `name`: an index, `m1`, an export name or an import `module.name`."""
    text = name[1:] if name.startswith("m") and name[1:].isdigit() else name
    if text.isdigit() and int(text) in memories:
        return int(text)
    for decl in memories:
        if decl.export_name == name or (decl.imported and f"{decl.import_module}.{decl.import_name}" == name):
            return decl.index
    return None


def _memory_spec(option: str, spec: str, memories, sink: DiagnosticSink) -> tuple[int, int, str] | None:
    """(source memory index, byte offset, file) of `NAME[@OFFSET]=FILE`."""
    where, sep, path = spec.partition("=")
    name, at, offset_text = where.partition("@")
    problem = None
    offset = 0
    if not sep or not name or not path:
        problem = "expected NAME=FILE"
    elif at:
        try:
            offset = int(offset_text, 0)
            if offset < 0:
                raise ValueError
        except ValueError:
            problem = f"`{offset_text}` is not a byte offset"
    index = _memory_index(name, memories) if problem is None else None
    if problem is None and index is None:
        declared = ", ".join(f"{d.index}" + (f" (`{d.export_name}`)" if d.export_name else "") for d in memories)
        problem = f"the program has no memory `{name}` (its memories: {declared})"
    if problem is None:
        decl = memories[index]
        if not decl.imported and decl.export_name is None:
            problem = (f"memory {index} is neither imported nor exported, so the host cannot reach it "
                       "(declare it with `export = \"name\"`)")
    if problem is not None:
        sink.report(msg.BAD_MEMORY_SPEC(option=option, spec=spec, reason=problem)).with_help(
            msg.HELP_MEMORY_SPEC.format(option=option))
        return None
    return index, offset, path


def _memory_writes(specs: list[str], memories, sink: DiagnosticSink) -> list[tuple[int, int, bytes]] | None:
    writes = []
    for spec in specs:
        parsed = _memory_spec("--memory", spec, memories, sink)
        if parsed is None:
            return None
        index, offset, path = parsed
        try:
            writes.append((index, offset, read_regular_file(path, MAX_MODULE_BYTES)))
        except SourceReadError as exc:
            sink.report(msg.CANNOT_READ(path=display_path(path), reason=exc.reason))
            return None
    return writes


def _memory_dumps(specs: list[str], memories, sink: DiagnosticSink) -> list[tuple[int, int, Path]] | None:
    dumps = []
    for spec in specs:
        parsed = _memory_spec("--dump-memory", spec, memories, sink)
        if parsed is None:
            return None
        index, offset, path = parsed
        dumps.append((index, offset, Path(path)))
    return dumps


# ---------------------------------------------------------------------------
# Running


def _run(artifacts, links: dict[str, bytes], calls: list[_Call], writes, dumps, options: RunOptions,
         sink: DiagnosticSink, out) -> int:
    from .outputs import OutputError, write_outputs
    from .runtime import LinkedModule, RunRequest, run_node, run_wasmtime
    from .runtime.request import HostSignatureError
    from .runtime.values import format_log

    request = RunRequest(wasm=artifacts.wasm, memories=artifacts.program.memories,
                         calls=[(c.name, c.values) for c in calls], host_writes=writes,
                         reads=[(index, offset, None) for index, offset, _ in dumps],
                         links=[LinkedModule(n, wasm) for n, wasm in links.items()],
                         timeout_s=options.timeout_s, fuel=options.fuel,
                         result_bytes=[c.result_bytes for c in calls])
    runner = run_wasmtime if options.engine == "wasmtime" else run_node
    result = runner(request)
    status = 0
    lines = [f"log: {format_log(entry.value, entry.wasm_type)}" for entry in result.log]
    if result.error:
        error = result.signature_error
        if isinstance(error, HostSignatureError):
            _report_host_signature(error, artifacts.program, sink)
        else:
            sink.report(msg.HOST_SETUP(reason=result.error)).with_help(msg.HELP_HOST_FUNCTIONS)
        status = 1
    values = _formatted_results(calls, result.values, artifacts)
    lines += [text for text in values if text is not None]
    if result.trap is not None:
        done = len(result.values)
        address = _trap_address(result.trap, request, runner)
        _report_trap(result.trap, calls[min(done, len(calls) - 1)], options, artifacts, sink, address)
        status = 1
    if status == 0 and dumps:
        try:
            write_outputs([(path, data) for (_, _, path), data in zip(dumps, result.reads)])
        except OutputError as exc:
            diagnostic = sink.report(exc.message)
            if exc.help:
                diagnostic.with_help(exc.help)
            status = 1
    if not _print_lines(lines, out):
        status = 1
    return status


def _print_lines(lines: list[str], out) -> bool:
    """Print the run's output; False when a reader went away before all of it arrived
    (`| head`): farc stops quietly, but the run failed."""
    try:
        for line in lines:
            print(line, file=out)
        out.flush()
    except BrokenPipeError:
        return False
    return True


def _formatted_results(calls: list[_Call], raw_values: list, artifacts) -> list[str | None]:
    from .interface import SECTION_NAME, decode_payload
    from .runtime.values import MemoryValues, format_scalar
    from .types import UnitType
    from .wasm.binary import parse_module

    module = parse_module(artifacts.wasm)
    payload = decode_payload(next(c for c in module.customs if c.name == SECTION_NAME).payload)
    memory_values = MemoryValues(payload.structs, artifacts.program.memories, payload.enums)
    texts: list[str | None] = []
    for call, raw in zip(calls, raw_values):
        ret = call.signature.sig.ret
        if call.result_bytes is not None:
            texts.append(memory_values.format(raw, ret))
        elif raw is None or isinstance(ret, UnitType):
            texts.append(None)
        else:
            texts.append(format_scalar(raw, ret))
    return texts


def _trap_address(trap, request, runner) -> int | None:
    """The address operand of the load or store that trapped out of bounds, found by
    running the calls again with that instruction probed (`compiler.wasm.probe`)."""
    from dataclasses import replace

    from .wasm.probe import ADDRESS_EXPORT, address_probe

    if trap.kind != "out_of_bounds" or trap.module_offset is None or trap.module is not None:
        return None
    probed = address_probe(request.wasm, trap.module_offset)
    if probed is None:
        return None
    again = runner(replace(request, wasm=probed, read_globals=[ADDRESS_EXPORT], reads=[]))
    value = again.globals.get(ADDRESS_EXPORT)
    if again.trap is None or again.trap.kind != "out_of_bounds" or value is None:
        return None
    value = int(value) & (1 << 64) - 1
    return None if value == (1 << 64) - 1 else value


def _report_host_signature(error, program, sink: DiagnosticSink) -> None:
    from .runtime.request import HOST_DECLARATIONS, HOST_SIGNATURES

    fn = next((f for f in program.functions if f.is_import and (f.import_name or f.name) == error.name
               and f.import_module == error.module), None)
    d = sink.report(msg.HOST_SIGNATURE(name=error.name), fn.span if fn is not None else None,
                    msg.LABEL_HOST_SIGNATURE.format(declared=error.declared, name=error.name,
                                                    wanted=HOST_SIGNATURES[error.name]))
    d.with_help(msg.HELP_DECLARE_HOST_FN.format(declaration=HOST_DECLARATIONS[error.name]))


def _report_trap(trap, call: _Call, options: RunOptions, artifacts, sink: DiagnosticSink,
                 address: int | None = None) -> None:
    running = f"{call.name}({', '.join(call.texts)})"
    if trap.kind in ("timeout", "fuel"):
        d = sink.report(msg.LIMIT_REACHED(name=call.name, reason=trap.message))
        if trap.kind == "timeout":
            d.with_help(msg.HELP_TIMEOUT.format(limit=options.timeout_s))
        else:
            d.with_help(msg.HELP_FUEL.format(limit=options.fuel))
        d.with_note(msg.NOTE_TRAP_RUNNING.format(call=running, engine=trap.engine))
        return
    span = None
    source = artifacts.program and _source_file(artifacts)
    if trap.line is not None and trap.module is None and source is not None:
        span = _span_at(source, trap.line, trap.column or 1)
    kind = "`abort` called" if trap.kind == "host" else trap.kind.replace("_", " ")
    d = sink.report(msg.TRAP(function=trap.function or call.name, message=trap.message), span,
                    msg.LABEL_TRAPPED_HERE.format(kind=kind) if span is not None else "")
    if trap.instruction is not None and trap.memory is not None:
        decl = artifacts.program.memories[trap.memory] if trap.memory in artifacts.program.memories else None
        name = ""
        if decl is not None and decl.export_name:
            name = f" (exported as `{decl.export_name}`)"
        elif decl is not None and decl.imported:
            name = f" (imported as `{decl.import_module}.{decl.import_name}`)"
        d.with_note(msg.NOTE_TRAP_ACCESS.format(
            instruction=trap.instruction, offset=f" offset={trap.static_offset}" if trap.static_offset else "",
            width=(f"{'an' if str(trap.access_bytes)[0] == '8' else 'a'} {trap.access_bytes}-byte access "
                   if trap.access_bytes else ""), mem=trap.memory, name=name))
        if address is not None and trap.access_bytes:
            start = address + trap.static_offset
            d.with_note(msg.NOTE_TRAP_ADDRESS.format(start=start, end=start + trap.access_bytes, mem=trap.memory,
                                                     address=address))
    if span is None:
        d.with_note(msg.NOTE_NO_SOURCE_LINE.format(function=trap.function or call.name))
    d.with_note(msg.NOTE_TRAP_RUNNING.format(call=running, engine=trap.engine))


def _source_file(artifacts) -> SourceFile | None:
    """The source file the program's spans point into."""
    for fn in artifacts.program.functions:
        if fn.span is not None:
            return fn.span.file
    return None


def _span_at(source: SourceFile, line: int, column: int) -> Span | None:
    """A one-character span at 1-based `line`:`column` (None outside the file)."""
    if not 1 <= line <= source.line_count:
        return None
    start = source.offset_of(line, column)
    return Span(source, start, min(start + 1, len(source.text)))
