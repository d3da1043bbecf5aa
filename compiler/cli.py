"""`farc`: the command line.

    farc check foo.rs [--link NAME=FILE ...]   front end only; exit 1 on errors
    farc build foo.rs [-O2] [--emit llvm-ir,wasm,wat,obj,llvm-ir-unopt,llvm-ir-legalized] [-o DIR]
                      [--link NAME=FILE ...]
    farc run foo.rs [--link NAME=FILE ...] [--invoke NAME ARGS...] [--engine wasmtime|node]
    farc link main.wasm [NAME=]lib.wasm ... -o app.wasm   static linking (also `build --link ... --static`)
    farc explain CODE

`build` writes its outputs next to the source file unless `-o DIR` is given.
`--link NAME=FILE` names a module the program imports from as NAME (farc
source, compiled first, or a .wasm): the program's imports from NAME are
checked against it (`check.linkage`), and `run` instantiates it first.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .diagnostics import DiagnosticSink, explain
from .source import SourceFile

EMIT_KINDS = ("llvm-ir", "llvm-ir-unopt", "llvm-ir-legalized", "wasm", "wat", "obj")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="farc", description="Compile the farc language to multi-memory WebAssembly.")
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("file", help="source file (.rs)")
        sp.add_argument("--message-format", choices=("human", "json"), default="human",
                        help="how diagnostics are printed (json: one object per line)")

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
                       help="directory for the outputs (default: beside the source file)")
    build.add_argument("--static", action="store_true",
                       help="merge the --link modules into the output module (one module, no imports between them)")
    run = sub.add_parser("run", help="compile and run in wasmtime (or V8)")
    common(run)
    optimization(run)
    run.add_argument("--invoke", nargs="+", metavar=("NAME", "ARGS"), default=None,
                     help="exported function to call, then its arguments (default: main)")
    run.add_argument("--engine", choices=("wasmtime", "node"), default="wasmtime")
    links(run)
    static = sub.add_parser("link", help="merge farc modules into one module (static linking)")
    static.add_argument("modules", nargs="+", metavar="[NAME=]FILE.wasm",
                        help="the main module first, then the modules it imports from (NAME: the import "
                             "module name; default the file's stem)")
    static.add_argument("-o", "--output", type=Path, required=True, help="the merged module")
    static.add_argument("--message-format", choices=("human", "json"), default="human")
    ex = sub.add_parser("explain", help="print the long explanation of an error code")
    ex.add_argument("code")
    return p


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:
        # output piped into `head` and the like: stop quietly, as other tools do
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130


def _main(argv: list[str] | None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "explain":
        text = explain(args.code)
        if text is None:
            print(f"error: no explanation for `{args.code}`: not a farc error code", file=sys.stderr)
            return 1
        print(text.rstrip())
        return 0
    if args.command == "link":
        sink = DiagnosticSink()
        status = _link(args, sink)
        _print_diagnostics(sink, args.message_format)
        return 1 if sink.has_errors else status
    sink = DiagnosticSink()
    try:
        source = SourceFile.read(args.file)
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: cannot read `{args.file}`: {exc.strerror if isinstance(exc, OSError) else exc}",
              file=sys.stderr)
        return 1
    handler = {"check": _check, "build": _build, "run": _run}[args.command]
    status = handler(args, source, sink)
    _print_diagnostics(sink, args.message_format)
    return 1 if sink.has_errors else status


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
    kinds = [k.strip() for k in args.emit.split(",") if k.strip()]
    unknown = [k for k in kinds if k not in EMIT_KINDS]
    if unknown:
        print(f"error: unknown --emit kind `{unknown[0]}` (expected: {', '.join(EMIT_KINDS)})", file=sys.stderr)
        return 1
    links = _read_links(args.link, sink)
    built = build_links(links, sink, args.opt, args.opaque_intrinsics) if links is not None else None
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
    out_dir = args.out_dir if args.out_dir is not None else Path(args.file).resolve().parent
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = Path(args.file).stem
    written = []
    for kind in kinds:
        path, data = _artifact(kind, out, out_dir, stem)
        if data is None:
            continue
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
        written.append(str(path))
    print("wrote " + ", ".join(written))
    return 0


def _link(args, sink: DiagnosticSink) -> int:
    """`farc link main.wasm [NAME=]lib.wasm ... -o app.wasm`."""
    from .driver import link_static
    modules = []
    for spec in args.modules:
        name, sep, path = spec.partition("=")
        if not sep:
            name, path = Path(spec).stem, spec
        try:
            modules.append((name, Path(path).read_bytes()))
        except OSError as exc:
            sink.error("L0005", f"cannot read `{path}`: {exc.strerror}")
            return 1
    names = [n for n, _ in modules]
    if len(set(names)) != len(names):
        sink.error("L0005", "two modules are linked under the same name").with_help(
            "name them explicitly: `farc link main.wasm lib=path/to/lib.wasm ...`")
        return 1
    merged = link_static(modules[0][1], dict(modules[1:]), sink)
    if merged is None:
        return 1
    args.output.write_bytes(merged)
    print(f"wrote {args.output}")
    return 0


def _artifact(kind: str, out, out_dir: Path, stem: str):
    if kind == "llvm-ir":
        return out_dir / f"{stem}.ll", out.llvm_ir
    if kind == "llvm-ir-unopt":
        return out_dir / f"{stem}.unopt.ll", out.llvm_ir_unoptimized
    if kind == "llvm-ir-legalized":
        return out_dir / f"{stem}.legalized.ll", out.llvm_ir_legalized
    if kind == "obj":
        return out_dir / f"{stem}.o", out.object_bytes
    if kind == "wat":
        from .wasm.wat import to_wat
        return out_dir / f"{stem}.wat", to_wat(out.wasm)
    return out_dir / f"{stem}.wasm", out.wasm


def _parse_arg(text: str) -> int | float:
    try:
        return int(text, 0)
    except ValueError:
        return float(text)


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
                links.append(Link(name, wasm=Path(path).read_bytes()))
            else:
                links.append(Link(name, source=SourceFile.read(path)))
        except (OSError, UnicodeDecodeError) as exc:
            sink.error("L0005", f"cannot read `{path}` (linked as `{name}`): "
                       f"{exc.strerror if isinstance(exc, OSError) else exc}")
            return None
    return links


def _run(args, source: SourceFile, sink: DiagnosticSink) -> int:
    from .driver import compile_linked
    from .runtime import LinkedModule, RunRequest, run_node, run_wasmtime

    links = _read_links(args.link, sink)
    if links is None:
        return 1
    built = compile_linked(source, links, sink, args.opt, legalize_first=args.opaque_intrinsics)
    out = built.main
    if sink.has_errors or not built.ok:
        return 1
    name, raw_args = (args.invoke[0], args.invoke[1:]) if args.invoke else ("main", [])
    try:
        call_args = [_parse_arg(a) for a in raw_args]
    except ValueError as exc:
        sink.error("B0004", f"cannot parse argument for `{name}`: {exc}")
        return 1
    request = RunRequest(wasm=out.wasm, memories=out.program.memories, calls=[(name, call_args)],
                         links=[LinkedModule(n, wasm) for n, wasm in built.links.items()])
    runner = run_wasmtime if args.engine == "wasmtime" else run_node
    result = runner(request)
    for value in result.log:
        print(f"log: {value}")
    if result.error:
        d = sink.error("B0004", result.error)
        if "import" in result.error:
            d.with_help("`farc run` provides the host functions `log_i32`, `log_i64`, `log_f32`, `log_f64` "
                        "(printed as `log:` lines) and `abort`, and links the modules given with "
                        "`--link NAME=FILE`; other imports need a host of your own")
        return 1
    if result.trap is not None:
        d = sink.error("B0004", f"wasm trap in `{result.trap.function or name}`: {result.trap.message}")
        d.with_note(f"while running `{name}({', '.join(raw_args)})` in {args.engine}")
        return 1
    for value in result.values:
        if value is not None:
            print(value)
    return 0


if __name__ == "__main__":
    sys.exit(main())
