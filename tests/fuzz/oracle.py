"""What one input does to farc, and which outcomes are findings.

An input is fine when farc rejects it with coded diagnostics (spans inside
the file, rendering without error) or compiles it into a module that
validates and is the same byte for byte when compiled again. Findings:

    traceback        an exception escaped farc's library entry points
    ice              an internal compiler error diagnostic
    uncoded          an error without a registered code
    bad-span         a diagnostic span outside the source text
    render           rendering diagnostics (text or JSON) raised
    invalid-module   B0002 (farc's own validators), B0005 (the rewriter could
                     not decode what LLVM emitted), or wasmtime rejects the module
    nondeterministic two builds of one input differ
    out-of-memory    B0010: the build needed more than the child's address space
                     (a program the fuzzer makes should not need gigabytes)
    (hang and crash are found by the runner: the input did not finish)
"""
from __future__ import annotations

import traceback
from dataclasses import dataclass, field

from compiler.diagnostics import CODES, DiagnosticSink
from compiler.source import SourceFile, SourceReadError, decode_source

#: Back-end codes that are never the program's fault.
BUG_CODES = {"ICE": "ice", "B0002": "invalid-module", "B0005": "invalid-module", "B0010": "out-of-memory"}


@dataclass
class Outcome:
    status: str  # "unreadable", "rejected", "checked", "built"
    codes: list[str] = field(default_factory=list)
    findings: list[tuple[str, str]] = field(default_factory=list)  # (kind, detail)

    def to_json(self) -> dict:
        return {"status": self.status, "codes": self.codes, "findings": [list(f) for f in self.findings]}

    @classmethod
    def from_json(cls, data: dict) -> "Outcome":
        return cls(data["status"], data["codes"], [tuple(f) for f in data["findings"]])


def examine(data: bytes, opt_level: int = 2, build: bool = True, twice: bool = False) -> Outcome:
    """Run `data` through farc like `farc check` (and `farc build` when the
    front end accepts it and `build` is set); `twice` builds it again and
    compares."""
    try:
        text = decode_source(data)
    except SourceReadError:
        return Outcome("unreadable")
    source = SourceFile("fuzz.rs", text)
    try:
        return _examine(source, opt_level, build, twice)
    except BaseException as exc:  # noqa: BLE001 - this is what the fuzzer looks for
        if isinstance(exc, KeyboardInterrupt):
            raise
        return Outcome("crashed", findings=[("traceback", "".join(traceback.format_exception(exc))[-3000:])])


def _examine(source: SourceFile, opt_level: int, build: bool, twice: bool) -> Outcome:
    from compiler.driver import check_source, compile_source
    sink = DiagnosticSink()
    if not build:
        check_source(source, sink)
        return _judge(sink, source, "checked")
    out = compile_source(source, sink, opt_level)
    outcome = _judge(sink, source, "built" if out.wasm is not None else "checked")
    if out.wasm is None or sink.has_errors:
        return outcome
    problems = _validate(out.wasm)
    if problems:
        outcome.findings.append(("invalid-module", "; ".join(problems)))
    if twice:
        again = compile_source(source, DiagnosticSink(), opt_level)
        for what in ("wasm", "llvm_ir", "llvm_ir_legalized", "object_bytes"):
            if getattr(out, what) != getattr(again, what):
                outcome.findings.append(("nondeterministic", f"two builds give different {what}"))
                break
    return outcome


def _judge(sink: DiagnosticSink, source: SourceFile, status: str) -> Outcome:
    codes = [d.code or "" for d in sink.diagnostics]
    outcome = Outcome("rejected" if sink.has_errors else status, sorted(set(codes)))
    for d in sink.diagnostics:
        if d.code in BUG_CODES:
            outcome.findings.append((BUG_CODES[d.code], d.render()))
        elif d.is_error and (d.code is None or d.code not in CODES):
            outcome.findings.append(("uncoded", d.render()))
        spans = ([d.span] if d.span is not None else []) + [label.span for label in d.labels]
        for span in spans:
            if not (0 <= span.start <= span.end <= len(source.text)) or span.file is not source:
                outcome.findings.append(("bad-span", f"{d.code}: {d.message} at {span.start}..{span.end}"))
    try:
        sink.render()
        sink.render_json_lines()
    except Exception as exc:  # noqa: BLE001
        outcome.findings.append(("render", f"{type(exc).__name__}: {exc}"))
    return outcome


def _validate(wasm: bytes) -> list[str]:
    """wasmtime's verdict, independently of the pipeline's own validation."""
    from compiler.wasm.validate import validate_wasmtime
    return validate_wasmtime(wasm)
