"""Diagnostics: the one error type every phase reports through.

A phase never prints and never raises for a user error: it adds a
`Diagnostic` to a `DiagnosticSink`. The driver stops between phases when the
sink has errors. Internal compiler errors (bugs in farc, LLVM aborting, a tool
misbehaving) are diagnostics too, with level `error` and code `ICE`, so the
user always sees the same format and never a traceback.

Every code is registered in `CODES` with a one-line title; its long
explanation lives in `docs/errors/<CODE>.md` and is printed by `farc explain`.
The words of each diagnostic are `Message`s kept in one catalog
(`compiler/messages.py`), not written where they are reported.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from .source import Span


class Level(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True)
class Code:
    """A registered diagnostic code and its one-line title."""

    code: str
    title: str


def _codes(*pairs: tuple[str, str]) -> dict[str, Code]:
    return {c: Code(c, t) for c, t in pairs}


#: Every code farc can emit. `E` codes reuse rustc's number where rustc has the
#: same error; `M` codes are the memory rules; `S` syntax; `B` back end and tools;
#: `L` modules linked together; `F` files (reading the source, writing the outputs);
#: `X` export and import names.
CODES: dict[str, Code] = _codes(
    # syntax
    ("S0001", "unexpected token"),
    ("S0002", "unexpected character or unterminated comment"),
    ("S0003", "invalid literal"),
    ("S0004", "invalid or misplaced attribute"),
    ("S0005", "unexpected end of file"),
    ("S0006", "the program nests too deeply"),
    # names and items (rustc numbers)
    ("E0425", "cannot find value or function in this scope"),
    ("E0412", "cannot find type in this scope"),
    ("E0428", "the name is defined multiple times"),
    ("E0433", "failed to resolve a path"),
    ("E0423", "expected a value, found another kind of item"),
    ("E0573", "expected a type, found another kind of item"),
    ("E0432", "unresolved import"),
    ("E0252", "a name is imported twice"),
    ("E0255", "an imported name is also defined in the module"),
    ("E0603", "the item is private"),
    ("E0616", "the field is private"),
    ("E0451", "a private field in a struct literal"),
    ("E0742", "a visibility restricted to a module that is not an ancestor"),
    ("E0583", "file not found for module"),
    ("E0761", "two files for one module"),
    ("E0308", "mismatched types"),
    ("E0061", "wrong number of arguments to a function"),
    ("E0107", "wrong number of generic arguments"),
    ("E0282", "type annotations needed"),
    ("E0384", "cannot assign twice to an immutable variable"),
    ("E0594", "cannot assign to an immutable place"),
    ("E0596", "cannot borrow as mutable"),
    ("E0133", "operation is unsafe and requires an unsafe block"),
    ("E0369", "binary operation cannot be applied to these types"),
    ("E0600", "unary operation cannot be applied to this type"),
    ("E0605", "non-primitive cast"),
    ("E0606", "invalid cast"),
    ("E0599", "no method with this name for this type"),
    ("E0609", "no field with this name"),
    ("E0560", "struct has no field with this name"),
    ("E0063", "missing field in struct literal"),
    ("E0608", "cannot index into a value of this type"),
    ("E0614", "cannot dereference a value of this type"),
    ("E0268", "`break` or `continue` outside of a loop"),
    ("E0277", "the type lacks a property the operation needs (a trait it does not implement)"),
    ("E0426", "use of an undeclared label"),
    ("E0695", "unlabeled `break` or `continue` inside a labeled block"),
    ("E0696", "`continue` pointing to a labeled block"),
    ("E0070", "invalid left-hand side of assignment"),
    ("E0015", "non-constant value in a constant or static initializer"),
    ("E0069", "`return;` in a function whose return type is not `()`"),
    ("E0617", "invalid extern function or import"),
    ("E0080", "evaluation of a constant failed"),
    ("E0601", "unsupported language feature"),
    ("E0072", "recursive type has infinite size"),
    ("E0124", "field is already declared"),
    ("E0062", "field specified more than once"),
    ("E0023", "literal out of range for its type"),
    ("E0618", "expected function, found another kind of value"),
    ("E0571", "`break` with a value from a `while` or `for` loop"),
    ("E0416", "identifier bound more than once in the same pattern"),
    ("E0026", "struct pattern names a field the struct does not have"),
    ("E0025", "field bound more than once in a struct pattern"),
    ("E0027", "struct pattern does not mention every field"),
    # the memory rules
    ("M0001", "pointer into one memory used where a pointer into another memory is expected"),
    ("M0002", "argument points into a different memory than the parameter"),
    ("M0003", "returned pointer points into a different memory than the return type"),
    ("M0004", "comparison of pointers into different memories"),
    ("M0005", "distance between pointers into different memories"),
    ("M0006", "`as` cast of a pointer from one memory to another"),
    ("M0007", "far pointer stored into a field or element of a different pointer type"),
    ("M0008", "const generic instantiation makes two memories meet"),
    ("M0009", "access to a memory the file does not declare"),
    ("M0010", "64-bit memory pointer used as a 32-bit address"),
    ("M0011", "invalid memory declaration"),
    ("M0012", "invalid `#[mem_idx]` attribute"),
    # back end and tools
    ("B0001", "linking failed"),
    ("B0002", "the generated module is invalid"),
    ("B0003", "a required tool is missing"),
    ("B0004", "runtime trap"),
    ("B0005", "instruction the wasm rewriter cannot decode"),
    ("B0006", "far statics do not fit in their memory's initial pages"),
    ("B0007", "a memory declaration does not fit the linked program (limits, sharing, 64-bit memory 0)"),
    ("B0008", "the program exceeds the explorer's limits (source size, compile time or memory)"),
    ("B0009", "the module cannot be lowered to one memory"),
    # modules linked together
    ("L0001", "the linked module does not export the imported function or memory"),
    ("L0002", "far function declared with another signature than the linked module's"),
    ("L0003", "far pointer into another memory than the linked module's signature says"),
    ("L0004", "imported memory's flags or limits differ from the linked module's memory"),
    ("L0005", "invalid module link (name, file or order)"),
    ("L0006", "modules cannot be linked statically"),
    # exports and imports
    ("X0001", "two exports have the same name"),
    ("X0002", "an export or import name the tool chain cannot carry"),
    # files: reading the source, writing the outputs
    ("F0001", "the source file cannot be read"),
    ("F0002", "an output file cannot be written"),
    ("F0003", "an output file would overwrite an input file"),
    # isolation policies (`secret, only = [...]`), checked on the final module
    ("I0001", "a function outside a secret memory's `only` list accesses it"),
    ("I0002", "a secret memory is exported or imported"),
    ("ICE", "internal compiler error (a bug in farc)"),
)

ERRORS_DOC_DIR = Path(__file__).resolve().parent.parent / "docs" / "errors"


def explain(code: str) -> str | None:
    """The long explanation of `code` from docs/errors, or None if unknown."""
    code = code.upper()
    if code not in CODES:
        return None
    doc = ERRORS_DOC_DIR / f"{code}.md"
    if doc.is_file():
        return doc.read_text(encoding="utf-8")
    return f"{code}: {CODES[code].title}\n"


@dataclass(frozen=True)
class Message:
    """A diagnostic's main line: its code and a `str.format` template."""

    code: str
    template: str

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unregistered diagnostic code {self.code!r}")

    def __call__(self, **fields: object) -> "MessageText":
        """The message with its fields filled in, ready to report."""
        return MessageText(self.code, self.template.format(**fields))


@dataclass(frozen=True)
class MessageText:
    """A filled-in `Message`: what `DiagnosticSink.report` turns into a diagnostic."""

    code: str
    text: str


@dataclass(frozen=True)
class Label:
    """A span with a short text under its carets."""

    span: Span
    text: str = ""


@dataclass
class Diagnostic:
    level: Level
    code: str | None
    message: str
    span: Span | None = None
    label: str = ""
    labels: list[Label] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    help: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.code is not None and self.code not in CODES:
            raise ValueError(f"unregistered diagnostic code {self.code!r}")

    @property
    def is_error(self) -> bool:
        return self.level is Level.ERROR

    def with_note(self, note: str) -> "Diagnostic":
        self.notes.append(note)
        return self

    def with_help(self, text: str) -> "Diagnostic":
        self.help.append(text)
        return self

    def with_label(self, span: Span, text: str = "") -> "Diagnostic":
        self.labels.append(Label(span, text))
        return self

    # ----- rendering -----
    def render(self) -> str:
        """rustc-style text: header, location, source lines with carets, notes."""
        head = self.level.value
        if self.code == "ICE":
            head = "error: internal compiler error"
            first = f"{head}: {self.message}"
        else:
            first = f"{head}[{self.code}]: {self.message}" if self.code else f"{head}: {self.message}"
        out = [first]
        marks: list[tuple[Span, str, str]] = []
        if self.span is not None:
            marks.append((self.span, self.label, "^"))
        marks += [(lab.span, lab.text, "-") for lab in self.labels]
        if marks:
            gutter_width = max(len(str(s.line_col()[0])) for s, _, _ in marks)
            pad = " " * gutter_width
            primary = marks[0][0]
            line, col = primary.line_col()
            out.append(f"{pad}--> {primary.file.name}:{line}:{col}")
            out.append(f"{pad} |")
            for span, text, char in sorted(marks, key=lambda m: m[0].start):
                out += _render_mark(span, text, char, gutter_width)
            out.append(f"{pad} |")
        else:
            pad = ""
        for note in self.notes:
            out.append(f"{pad} = note: {note}")
        for text in self.help:
            out.append(f"{pad} = help: {text}")
        return "\n".join(out)

    def to_json(self) -> dict:
        spans = []
        if self.span is not None:
            spans.append(_span_json(self.span, self.label, True))
        spans += [_span_json(lab.span, lab.text, False) for lab in self.labels]
        return {
            "level": self.level.value,
            "code": self.code,
            "message": self.message,
            "spans": spans,
            "notes": list(self.notes),
            "help": list(self.help),
            "rendered": self.render(),
        }


def _span_json(span: Span, label: str, primary: bool) -> dict:
    line, col = span.line_col()
    end_line, end_col = span.file.line_col(max(span.start, span.end))
    return {
        "file": span.file.name,
        "line": line,
        "column": col,
        "end_line": end_line,
        "end_column": end_col,
        "byte_start": span.start,
        "byte_end": span.end,
        "is_primary": primary,
        "label": label or None,
    }


def _render_mark(span: Span, text: str, char: str, width: int) -> list[str]:
    """The source line of span's start with carets under the span (first line only)."""
    line, col = span.line_col()
    source_line = span.file.line_text(line).replace("\t", " ")
    end_line, end_col = span.file.line_col(max(span.start, span.end))
    last_col = end_col if end_line == line else len(source_line) + 1
    length = max(1, last_col - col)
    underline = " " * (col - 1) + char * length + (f" {text}" if text else "")
    return [f"{line:>{width}} | {source_line}", f"{' ' * width} | {underline}"]


class DiagnosticSink:
    """Collects diagnostics from every phase, in the order they are reported."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []

    def add(self, diagnostic: Diagnostic) -> Diagnostic:
        self.diagnostics.append(diagnostic)
        return diagnostic

    def error(self, code: str, message: str, span: Span | None = None, label: str = "") -> Diagnostic:
        return self.add(Diagnostic(Level.ERROR, code, message, span, label))

    def report(self, message: MessageText, span: Span | None = None, label: str = "") -> Diagnostic:
        """An error whose code and text come from a catalog entry (`Message(...)`)."""
        return self.error(message.code, message.text, span, label)

    def warning(self, code: str | None, message: str, span: Span | None = None, label: str = "") -> Diagnostic:
        return self.add(Diagnostic(Level.WARNING, code, message, span, label))

    def ice(self, message: str, *notes: str) -> Diagnostic:
        diagnostic = Diagnostic(Level.ERROR, "ICE", message, notes=list(notes))
        diagnostic.notes.append("this is a bug in farc; please report it with the source that triggered it")
        return self.add(diagnostic)

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    def render(self) -> str:
        parts = [d.render() for d in self.diagnostics]
        n = len(self.errors)
        if n:
            parts.append(f"error: aborting due to {n} previous error{'s' if n != 1 else ''}")
        return "\n\n".join(parts)

    def render_json_lines(self) -> str:
        return "\n".join(json.dumps(d.to_json()) for d in self.diagnostics)


class CompileError(Exception):
    """Raised by the driver to stop between phases; carries the sink."""

    def __init__(self, sink: DiagnosticSink) -> None:
        super().__init__(sink.render())
        self.sink = sink
