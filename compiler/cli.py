"""`farc`: the command line.

    farc check foo.rs [--link NAME=FILE ...]   front end only; exit 1 on errors
    farc build foo.rs [-O2] [--emit llvm-ir,wasm,wat,obj,llvm-ir-unopt,llvm-ir-legalized] [-o DIR]
                      [--link NAME=FILE ...]
    farc run foo.rs [--link NAME=FILE ...] [--invoke NAME ARGS...] [--engine wasmtime|node]
    farc link main.wasm [NAME=]lib.wasm ... -o app.wasm   static linking (also `build --link ... --static`)
    farc audit app.wasm [--format table|json]   who touches which memory (also `build --emit memory-map`)
    farc explain CODE
    farc serve [--port N]             the farc explorer: a playground in the browser

`build` writes its outputs next to the source file unless `-o DIR` is given.
`--link NAME=FILE` names a module the program imports from as NAME (farc
source, compiled first, or a .wasm): the program's imports from NAME are
checked against it (`check.linkage`), and `run` instantiates it first.
"""
from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

from . import messages as msg
from .diagnostics import LINT_GROUPS, LINTS, DiagnosticSink, LintLevel, LintOptions, explain
from .outputs import OUTPUT_SUFFIXES
from .runner import DEFAULT_TIMEOUT_S
from .source import MAX_MODULE_BYTES, SourceFile, SourceReadError, display_path, read_regular_file

EMIT_KINDS = tuple(OUTPUT_SUFFIXES)


class UsageError(Exception):
    """A bad command line (argparse's complaint), reported as a diagnostic."""

    def __init__(self, message: str, usage: str) -> None:
        super().__init__(message)
        self.message = message
        self.usage = usage


class _Parser(argparse.ArgumentParser):
    """argparse, but a bad option raises UsageError instead of printing and exiting,
    so it becomes a diagnostic in the requested format (rustc does the same)."""

    def error(self, message: str):  # type: ignore[override]
        raise UsageError(message, self.format_usage().strip())


class _LintFlag(argparse.Action):
    """`-A/-W/-D NAME`: appended in command-line order to one list (the last flag for a lint wins)."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        name = str(values).replace("-", "_")
        if name not in LINTS and name not in LINT_GROUPS:
            raise UsageError(f"unknown lint `{values}` (farc's lints: {', '.join(sorted(LINTS))}, or `warnings`)",
                             parser.format_usage().strip())
        levels = list(getattr(namespace, self.dest) or [])
        levels.append((name, self.const))
        setattr(namespace, self.dest, levels)


#: The spellings of the diagnostics-format option (rustc's and cargo's).
FORMAT_OPTIONS = ("--message-format", "--error-format")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="farc", description="Compile the farc language to multi-memory WebAssembly.")
    sub = p.add_subparsers(dest="command", required=True)

    def message_format(sp: argparse.ArgumentParser) -> None:
        sp.add_argument(*FORMAT_OPTIONS, dest="message_format", choices=("human", "json"), default="human",
                        help="how diagnostics are printed (json: rustc's JSON diagnostics, one object per line)")

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("file", help="source file (.rs)")
        message_format(sp)
        for flag, level, what in (("-A", LintLevel.ALLOW, "allow"), ("-W", LintLevel.WARN, "warn about"),
                                  ("-D", LintLevel.DENY, "deny (make an error)")):
            sp.add_argument(flag, dest="lint_levels", action=_LintFlag, const=level, default=[], metavar="LINT",
                            help=f"{what} a lint (`warnings`: every warning)")

    def optimization(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("-O", dest="opt", type=int, choices=(0, 1, 2, 3), default=2,
                        help="LLVM optimization level (default 2)")
        sp.add_argument("--opaque-intrinsics", action="store_true",
                        help="legalize far accesses into calls before optimizing (benchmark baseline)")

    def links(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--link", action="append", default=[], metavar="NAME=FILE",
                        help="a module this one imports from as NAME: farc source (.rs) or a .wasm module; "
                             "repeat it, dependencies first")

    check = sub.add_parser("check", help="parse and type-check only")
    common(check)
    links(check)
    build = sub.add_parser("build", help="compile to .ll and .wasm")
    common(build)
    optimization(build)
    links(build)
    build.add_argument("--emit", default="llvm-ir,wasm",
                       help=f"comma-separated outputs: {', '.join(EMIT_KINDS)} (default llvm-ir,wasm)")
    build.add_argument("-o", "--out-dir", type=Path, default=None,
                       help="directory for the outputs, created if missing (default: beside the source file)")
    build.add_argument("--lower-multi-memory", action="store_true",
                       help="fold the memories into one, each in a bounds-checked region (engines without "
                            "multi-memory)")
    build.add_argument("--static", action="store_true",
                       help="merge the --link modules into the output module (one module, no imports between them)")
    run = sub.add_parser("run", help="compile and run in wasmtime (or V8)")
    common(run)
    optimization(run)
    run.add_argument("--invoke", nargs="+", action="append", metavar=("NAME", "ARGS"), default=[],
                     help="exported function to call, then its arguments in its declared types; repeat it to "
                          "call several in order on one instance (default: main)")
    run.add_argument("--engine", choices=("wasmtime", "node"), default="wasmtime")
    run.add_argument("--memory", action="append", default=[], metavar="NAME[@OFFSET]=FILE",
                     help="fill an imported or exported memory (index, export or import name) from FILE "
                          "before the first call")
    run.add_argument("--dump-memory", action="append", default=[], metavar="NAME=FILE",
                     help="write a memory's bytes to FILE after the last call")
    run.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S, metavar="SECONDS",
                     help=f"stop the calls after this long (default {DEFAULT_TIMEOUT_S:g} s)")
    run.add_argument("--fuel", type=int, default=None, metavar="N",
                     help="wasmtime: stop the calls after N units of fuel (about N instructions)")
    links(run)
    static = sub.add_parser("link", help="merge farc modules into one module (static linking)")
    static.add_argument("modules", nargs="+", metavar="[NAME=]FILE.wasm",
                        help="the main module first, then the modules it imports from (NAME: the import "
                             "module name; default the file's stem)")
    static.add_argument("-o", "--output", type=Path, required=True, help="the merged module")
    message_format(static)
    aud = sub.add_parser("audit", help="which function reads, writes, sizes, grows or copies which memory")
    aud.add_argument("wasm", type=Path, help="a finished module (.wasm)")
    aud.add_argument("--format", choices=("table", "json"), default="table")
    ex = sub.add_parser("explain", help="print the long explanation of an error code")
    ex.add_argument("code")
    serve = sub.add_parser("serve", help="start the farc explorer (a local web playground)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (0: any free port; default 8000)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1: this machine only)")
    serve.add_argument("--compile-timeout", type=float, default=30.0, metavar="S",
                       help="seconds one compilation may take (default 30)")
    serve.add_argument("--memory-limit-mb", type=int, default=4096, metavar="N",
                       help="address space of one compilation, in MiB (default 4096; farc needs 1536 or more)")
    serve.add_argument("--max-source-kb", type=int, default=256, metavar="K",
                       help="largest program accepted, in KiB (default 256)")
    serve.add_argument("--verbose", action="store_true", help="log every request")
    return p


def main(argv: list[str] | None = None, *, exits_after: bool = False) -> int:
    """Run one farc command; `exits_after`: the process ends right after it (`run`)."""
    argv = sys.argv[1:] if argv is None else argv
    try:
        return _main(argv, exits_after)
    except BrokenPipeError:
        # output piped into `head` and the like: stop quietly, as other tools do, but
        # fail: what farc had to say (a result, a diagnostic) did not all arrive. (`run`
        # exits without flushing the broken stream again.)
        return 1
    except KeyboardInterrupt:
        return 130


def _requested_format(argv: list[str]) -> str:
    """The diagnostics format asked for, read before parsing (a bad command line is
    reported in it too): the last `--message-format`/`--error-format` given."""
    fmt = "human"
    for i, arg in enumerate(argv):
        name, sep, value = arg.partition("=")
        if name in FORMAT_OPTIONS:
            value = value if sep else (argv[i + 1] if i + 1 < len(argv) else "")
            fmt = "json" if value == "json" else "human"
    return fmt


def _main(argv: list[str], exits_after: bool = False) -> int:
    try:
        args = _parser().parse_args(argv)
    except UsageError as err:
        sink = DiagnosticSink()
        sink.error(None, err.message).with_help(err.usage).with_help("`farc --help` lists the commands and options")
        _print_diagnostics(sink, _requested_format(argv))
        return 2
    if args.command == "explain":
        text = explain(args.code)
        if text is None:
            sink = DiagnosticSink()
            sink.error(None, f"no explanation for `{args.code}`: not a farc error code").with_help(
                "codes look like `E0308`, `M0002` (the code in `error[...]`)")
            _print_diagnostics(sink, "human")
            return 1
        print(text.rstrip())
        return 0
    if args.command == "audit":
        return _audit(args)
    if args.command == "link":
        sink = DiagnosticSink()
        status = _link(args, sink)
        _print_diagnostics(sink, args.message_format)
        return 1 if sink.has_errors else status
    if args.command == "serve":
        return _serve(args)
    sink = DiagnosticSink(LintOptions(args.lint_levels))
    try:
        source = SourceFile.read(args.file)
    except SourceReadError as exc:
        diagnostic = sink.report(msg.CANNOT_READ(path=display_path(args.file), reason=exc.reason))
        if exc.help:
            diagnostic.with_help(exc.help)
        _print_diagnostics(sink, args.message_format)
        return 1
    if exits_after and args.command in ("check", "build"):
        # The compilation pauses the cyclic collector (driver._cyclic_gc_paused);
        # turned back on, it would scan the whole heap of the finished
        # compilation once (0.4 s for 10,000 lines) just before the process
        # exits without freeing anything (`run`). `farc run` keeps it: the
        # program it runs may call back into Python for as long as it likes.
        gc.disable()
    handler = {"check": _check, "build": _build, "run": _run}[args.command]
    status = handler(args, source, sink)
    _print_diagnostics(sink, args.message_format)
    return 1 if sink.has_errors else status


def _serve(args) -> int:
    from .explorer.jobs import Limits
    from .explorer.server import serve
    try:
        limits = Limits(max_source_bytes=args.max_source_kb * 1024, timeout_s=args.compile_timeout,
                        memory_bytes=args.memory_limit_mb * 1024**2)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return serve(args.host, args.port, limits, verbose=args.verbose)


def _print_diagnostics(sink: DiagnosticSink, fmt: str) -> None:
    if not sink.diagnostics:
        return
    if fmt == "json":
        print(sink.render_json_lines(), file=sys.stderr)
    else:
        print(sink.render(), file=sys.stderr)


def _check(args, source: SourceFile, sink: DiagnosticSink) -> int:
    from .driver import build_links, check_source
    links = _read_links(args.link, sink)
    built = build_links(links, sink) if links is not None else None
    if built is None:
        return 1
    check_source(source, sink, built)
    return 0


def _build(args, source: SourceFile, sink: DiagnosticSink) -> int:
    from .driver import build_links, compile_source
    from .outputs import OutputError, plan_outputs, write_outputs

    kinds = [k.strip() for k in args.emit.split(",") if k.strip()]
    unknown = [k for k in kinds if k not in EMIT_KINDS]
    if unknown or not kinds:
        what = f"unknown --emit kind `{unknown[0]}`" if unknown else "--emit names no output"
        sink.error(None, what).with_help(f"the kinds are {', '.join(EMIT_KINDS)} (comma-separated)")
        return 1
    links = _read_links(args.link, sink)
    if links is None:
        return 1
    try:
        # before compiling: a build that cannot write its outputs should fail at once
        planned = plan_outputs(args.file, args.out_dir, kinds, other_inputs=_link_paths(args.link))
    except OutputError as exc:
        return _output_error(sink, exc)
    built = build_links(links, sink, args.opt, args.opaque_intrinsics)
    if built is None:
        return 1
    out = compile_source(source, sink, args.opt, legalize_first=args.opaque_intrinsics, links=built)
    if sink.has_errors or out.wasm is None:
        return 1
    if args.static:
        if not built:
            sink.error("L0005", "`--static` merges the modules given with `--link`, and there is none")
            return 1
        from .driver import link_static
        out.wasm = link_static(out.wasm, built, sink)
        if out.wasm is None:
            return 1
    if args.lower_multi_memory:
        from .driver import lower_multi_memory
        out.wasm = lower_multi_memory(out.wasm, sink)
        if out.wasm is None:
            return 1
    outputs = [(path, data) for kind, path in planned if (data := _artifact(kind, out)) is not None]
    try:
        write_outputs(outputs)
    except OutputError as exc:
        return _output_error(sink, exc)
    print("wrote " + ", ".join(display_path(path) for path, _ in outputs))
    return 0


def _output_error(sink: DiagnosticSink, exc) -> int:
    diagnostic = sink.report(exc.message)
    if exc.help:
        diagnostic.with_help(exc.help)
    return 1


def _link(args, sink: DiagnosticSink) -> int:
    """`farc link main.wasm [NAME=]lib.wasm ... -o app.wasm`."""
    from .driver import link_static
    from .outputs import OutputError, check_output_path, write_outputs
    modules = []
    paths = []
    for spec in args.modules:
        name, sep, path = spec.partition("=")
        if not sep:
            name, path = Path(spec).stem, spec
        try:
            modules.append((name, read_regular_file(path, MAX_MODULE_BYTES)))
        except SourceReadError as exc:
            sink.error("L0005", f"cannot read `{display_path(path)}`: {exc.reason}")
            return 1
        paths.append(path)
    names = [n for n, _ in modules]
    if len(set(names)) != len(names):
        sink.error("L0005", "two modules are linked under the same name").with_help(
            "name them explicitly: `farc link main.wasm lib=path/to/lib.wasm ...`")
        return 1
    try:
        check_output_path(args.output, paths)
    except OutputError as exc:
        return _output_error(sink, exc)
    merged = link_static(modules[0][1], dict(modules[1:]), sink)
    if merged is None:
        return 1
    try:
        write_outputs([(args.output, merged)])
    except OutputError as exc:
        return _output_error(sink, exc)
    print(f"wrote {display_path(args.output)}")
    return 0


def _audit(args) -> int:
    """`farc audit app.wasm [--format json]`."""
    from .wasm.audit import audit_wasm
    from .wasm.binary import BodyDecodeError
    from .wasm.encoding import DecodeError
    sink = DiagnosticSink()
    try:
        report = audit_wasm(read_regular_file(args.wasm, MAX_MODULE_BYTES))
    except SourceReadError as exc:
        sink.error("F0001", f"cannot read `{display_path(args.wasm)}`: {exc.reason}")
    except (DecodeError, BodyDecodeError) as exc:
        sink.error(None, f"`{display_path(args.wasm)}` is not a wasm module farc can read: {exc}")
    if sink.has_errors:
        _print_diagnostics(sink, "human")
        return 1
    print(report.json_text() if args.format == "json" else report.render(), end="" if args.format == "table" else "\n")
    return 0


def _artifact(kind: str, out) -> bytes | None:
    """The bytes of one --emit kind (None when the build did not produce it)."""
    if kind == "wat":
        from .wasm.wat import to_wat
        text: str | bytes | None = to_wat(out.wasm)
    elif kind in ("memory-map", "memory-map-json"):
        from .wasm.audit import audit_wasm
        report = audit_wasm(out.wasm)
        text = report.render() if kind == "memory-map" else report.json_text() + "\n"
    else:
        text = {"llvm-ir": out.llvm_ir, "llvm-ir-unopt": out.llvm_ir_unoptimized,
                "llvm-ir-legalized": out.llvm_ir_legalized, "obj": out.object_bytes, "wasm": out.wasm}[kind]
    return text.encode("utf-8") if isinstance(text, str) else text


def _read_links(specs: list[str], sink: DiagnosticSink):
    """`--link NAME=FILE` arguments as driver Links; None (with L0005 diagnostics) on a bad one."""
    from .driver import Link
    links = []
    for spec in specs:
        name, sep, path = spec.partition("=")
        if not sep or not name or not path:
            sink.error("L0005", f"`--link {spec}`: expected NAME=FILE").with_help(
                "NAME is the module name the program imports from (`#[link(wasm_import_module = \"NAME\")]`)")
            return None
        try:
            if path.endswith(".wasm"):
                links.append(Link(name, wasm=read_regular_file(path, MAX_MODULE_BYTES)))
            else:
                links.append(Link(name, source=SourceFile.read(path)))
        except SourceReadError as exc:
            sink.error("L0005", f"cannot read `{display_path(path)}` (linked as `{name}`): {exc.reason}")
            return None
    return links


def _link_paths(specs: list[str]) -> list[str]:
    """The files of `--link NAME=FILE` arguments (already checked by `_read_links`)."""
    return [spec.partition("=")[2] for spec in specs]


def _run(args, source: SourceFile, sink: DiagnosticSink) -> int:
    """`farc run` (compiler/runner.py does the work)."""
    from .runner import RunOptions, run_program

    links = _read_links(args.link, sink)
    if links is None:
        return 1
    options = RunOptions(invocations=args.invoke, engine=args.engine, timeout_s=args.timeout, fuel=args.fuel,
                         memory_files=args.memory, dump_files=args.dump_memory, opt_level=args.opt,
                         legalize_first=args.opaque_intrinsics)
    return run_program(source, links, options, sink)


def run() -> None:
    """The console entry point: `main`, then exit without tearing the
    interpreter down. Freeing a big program's objects one by one takes a
    noticeable part of a second, which made Ctrl-C feel ignored; nothing
    farc holds needs finalizing (outputs are complete and renamed, children
    stopped)."""
    status = main(exits_after=True)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:
            status = status or 1  # the last of the output was lost (`| head`): the command failed
        except ValueError:  # a closed stream
            pass
    os._exit(status)


if __name__ == "__main__":
    run()
