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
    HELP = "help"
    #: rustc's level for the closing "For more information ..." lines
    FAILURE_NOTE = "failure-note"


@dataclass(frozen=True)
class Code:
    """A registered diagnostic code and its one-line title."""

    code: str
    title: str


def _codes(*pairs: tuple[str, str]) -> dict[str, Code]:
    codes = {c: Code(c, t) for c, t in pairs}
    assert len(codes) == len(pairs), "a code is registered twice"  # (the later title would win silently)
    return codes


#: Every code farc can emit. `E` codes reuse rustc's number where rustc has the
#: same error; `M` codes are the memory rules; `S` syntax; `B` back end and tools;
#: `L` modules linked together; `F` files (reading the source, writing the outputs);
#: `X` export and import names; `R` `farc run`'s host; `T` types and data too big for the target.
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
    ("E0071", "a struct literal or pattern names a type alias of a type that is no struct"),
    ("E0428", "the name is defined multiple times"),
    ("E0433", "failed to resolve a path"),
    ("E0423", "expected a value, found another kind of item"),
    ("E0405", "cannot find trait in this scope"),
    ("E0404", "expected a trait, found another kind of item"),
    ("E0782", "a trait used as a type"),
    ("E0407", "method is not a member of the trait"),
    ("E0438", "associated const is not a member of the trait"),
    ("E0437", "associated type is not a member of the trait"),
    ("E0046", "not all trait items implemented"),
    ("E0053", "method has an incompatible type for the trait"),
    ("E0050", "method has a different number of parameters than in the trait"),
    ("E0186", "method has a `self` parameter in the trait but not in the impl"),
    ("E0185", "method has a `self` parameter in the impl but not in the trait"),
    ("E0049", "method has a different number of generic parameters than in the trait"),
    ("E0119", "conflicting implementations of a trait"),
    ("E0117", "impl of a foreign trait for a foreign type"),
    ("E0390", "inherent impl for a primitive type"),
    ("E0379", "functions in traits and trait impls cannot be declared const"),
    ("E0391", "a cycle: a type alias that names itself, a static whose type needs itself"),
    ("E0118", "inherent impl for a type that is not a struct"),
    ("E0592", "duplicate definitions of an associated item"),
    ("E0201", "duplicate definitions in one impl or trait"),
    ("E0207", "impl parameter not constrained"),
    ("E0200", "safe impl of an unsafe trait"),
    ("E0199", "unsafe impl of a safe trait"),
    ("E0277", "the trait bound is not satisfied"),
    ("E0204", "`Copy` impl for a type with non-Copy fields"),
    ("E0307", "invalid `self` parameter type"),
    ("E0424", "`self` outside an associated function"),
    ("E0411", "`Self` outside an impl or trait"),
    ("E0220", "associated type not found"),
    ("E0223", "ambiguous associated type"),
    ("E0229", "associated item constraint where it is not allowed"),
    ("E0658", "unstable feature"),
    ("E0449", "visibility qualifier not permitted here"),
    ("E0261", "use of an undeclared lifetime name"),
    ("E0034", "multiple applicable items in scope"),
    ("E0624", "private method or associated function"),
    ("E0368", "compound assignment operator on a type without it"),
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
    ("E0597", "a borrowed value does not live long enough"),
    ("E0525", "a closure does not implement the closure trait a bound needs"),
    ("E0381", "a local used before it is assigned on every path"),
    ("E0382", "use of a moved value"),
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
    ("E0732", "explicit discriminants on an enum with fields need an integer representation"),
    ("E0081", "discriminant value assigned more than once"),
    ("E0370", "enum discriminant overflowed"),
    ("E0552", "unrecognized representation hint"),
    ("E0559", "enum variant has no field with this name"),
    ("E0436", "struct update syntax on something that is not a struct"),
    ("E0574", "expected a struct or struct variant"),
    ("E0533", "expected a value, found a struct variant"),
    ("E0004", "non-exhaustive patterns in `match`"),
    ("E0005", "refutable pattern in `let` or a function parameter"),
    ("E0408", "variable not bound in every alternative of an or-pattern"),
    ("E0409", "variable bound inconsistently across the alternatives of an or-pattern"),
    ("E0530", "binding would shadow a tuple struct, tuple variant or static"),
    ("E0532", "expected a unit struct, unit variant or constant in a pattern"),
    ("E0164", "expected a tuple struct or tuple variant in a pattern"),
    ("E0029", "invalid literal or range pattern"),
    ("E0030", "range pattern whose lower bound is above its upper bound"),
    ("E0579", "exclusive range pattern that matches nothing"),
    ("E0158", "constant of a type that cannot be matched used in a pattern"),
    ("E0527", "array pattern of an array whose length is not known"),
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
    ("M0013", "atomic wait on a memory that is not shared"),
    ("M0014", "atomic access to a type without atomic instructions"),
    ("M0015", "pointer to a type that lives in another memory"),
    ("M0016", "value of a type that lives in another memory placed outside it"),
    ("M0017", "passive data segment used as a value or place"),
    ("M0018", "invalid `#[passive]` static"),
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
    ("B0010", "compiling the program ran out of memory"),
    # modules linked together
    ("L0001", "the linked module does not export the imported function or memory"),
    ("L0002", "far function declared with another signature than the linked module's"),
    ("L0003", "far pointer into another memory than the linked module's signature says"),
    ("L0004", "imported memory's flags or limits differ from the linked module's memory"),
    ("L0005", "invalid module link (name, file or order)"),
    ("L0006", "modules cannot be linked statically"),
    ("L0007", "far call passes or returns a struct, tuple, array or slice by value"),
    ("L0008", "two linked farc modules keep their data in the same memory"),
    # target limits
    ("T0001", "a type is too big for wasm32"),
    ("T0002", "the static data is too big to build"),
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
    # `farc run`: the host
    ("R0001", "the host cannot provide what the module imports"),
    ("R0002", "an argument, memory file or function of `farc run` does not fit the program"),
    ("R0003", "the run reached its time or fuel limit"),
    ("ICE", "internal compiler error (a bug in farc)"),
)



class LintLevel(str, Enum):
    ALLOW = "allow"
    WARN = "warn"
    DENY = "deny"


@dataclass(frozen=True)
class Lint:
    """A warning the lint pass (`compiler/check/lints.py`) can give, under rustc's name."""

    name: str
    title: str
    default: LintLevel = LintLevel.WARN


#: Every lint, by the name `#[allow(NAME)]`, `-A NAME`, `-D NAME` use. Lints are
#: diagnostic codes too (rustc's JSON gives the lint name as the code).
LINTS: dict[str, Lint] = {lint.name: lint for lint in (
    Lint("unused_variables", "a variable is never used"),
    Lint("unused_mut", "a variable is declared `mut` but never changed"),
    Lint("unreachable_code", "code that can never run"),
    Lint("unused_far_statics", "a static placed in a far memory is never used"),
)}
#: Lint groups (as rustc's): a level given to the group applies to each member.
#: `warnings` is every warning.
LINT_GROUPS: dict[str, tuple[str, ...]] = {
    "unused": ("unused_variables", "unused_mut", "unreachable_code", "unused_far_statics"),
    "dead_code": ("unused_far_statics",),
    "warnings": tuple(LINTS),
}
CODES.update(_codes(*((lint.name, lint.title) for lint in LINTS.values())))

ERRORS_DOC_DIR = Path(__file__).resolve().parent.parent / "docs" / "errors"


def explain(code: str) -> str | None:
    """The long explanation of `code` from docs/errors, or None if unknown."""
    code = code.replace("-", "_").lower() if code.replace("-", "_").lower() in LINTS else code.upper()
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


#: How sure a suggestion is (rustc's `suggestion_applicability`): tools such as
#: `cargo fix` apply MachineApplicable ones without asking.
MACHINE_APPLICABLE = "MachineApplicable"
MAYBE_INCORRECT = "MaybeIncorrect"
HAS_PLACEHOLDERS = "HasPlaceholders"


@dataclass(frozen=True)
class Suggestion:
    """A help with a fix: replace the text of `span` with `replacement` ("" deletes it)."""

    span: Span
    message: str
    replacement: str
    applicability: str = MACHINE_APPLICABLE
    #: rustc's two ways of showing one: beside the underline (`- help: remove this `mut``),
    #: or `verbose`, a `help:` block of its own showing the changed line
    verbose: bool = False


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
    suggestions: list[Suggestion] = field(default_factory=list)

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
        """Label `span` too, if it is in the primary span's file: the snippet
        shows one file, and a label into another (core's text, or another
        module's file) would be drawn on this file's lines."""
        if self.span is None or span.file is self.span.file:
            self.labels.append(Label(span, text))
        return self

    def with_suggestion(self, span: Span, message: str, replacement: str,
                        applicability: str = MACHINE_APPLICABLE, verbose: bool = False) -> "Diagnostic":
        self.suggestions.append(Suggestion(span, message, replacement, applicability, verbose))
        return self

    # ----- rendering -----
    def render(self) -> str:
        """rustc-style text: header, location, source lines with carets and labels, notes, help."""
        if self.code == "ICE":
            out = [f"error: internal compiler error: {self.message}"]
        elif self.code and self.code not in LINTS:  # rustc names a lint in a note, not in the header
            out = [f"{self.level.value}[{self.code}]: {self.message}"]
        else:
            out = [f"{self.level.value}: {self.message}"]
        marks = self._marks()
        pad = ""
        if marks:
            width = max(len(str(m.span.file.line_col(max(m.span.start, m.span.end - 1))[0])) for m in marks)
            pad = " " * width
            line, col = marks[0].span.line_col()
            out.append(f"{pad}--> {marks[0].span.file.name}:{line}:{col}")
            out.append(f"{pad} |")
            out += _render_snippet(marks, width)
            if self.notes or self.help or self._verbose():
                out.append(f"{pad} |")
        for note in self.notes:
            out.append(f"{pad} = note: {note}")
        for text in self.help:
            out.append(f"{pad} = help: {text}")
        for sg in self._verbose():
            out += _render_verbose(sg)
        return "\n".join(out)

    def _verbose(self) -> list[Suggestion]:
        return [sg for sg in self.suggestions if sg.verbose and sg.span.line_col()[0] == sg.span.file.line_col(
            sg.span.end)[0]]

    def _marks(self) -> list["_Mark"]:
        """The primary span, the labels and the suggestions, as marks in the source snippet.

        A suggestion for exactly the primary span (with no label of its own) is
        written as the primary's label, as rustc does (`^ help: ...: `_x``)."""
        marks: list[_Mark] = []
        label = self.label
        verbose = self._verbose()
        suggestions = [sg for sg in self.suggestions if sg not in verbose]
        if any(sg.span == self.span for sg in verbose):
            label = ""  # rustc shows the fix below instead of the primary's label
        if self.span is not None:
            same = next((sg for sg in suggestions if sg.span == self.span), None)
            if same is not None and not label:
                label = _suggestion_text(same)
                suggestions.remove(same)
            marks.append(_Mark(self.span, label, "^"))
        marks += [_Mark(lab.span, lab.text, "-") for lab in self.labels]
        marks += [_Mark(sg.span, _suggestion_text(sg), "-") for sg in suggestions]
        return marks

    def to_json(self) -> dict:
        """The diagnostic in rustc's JSON schema (`--error-format=json`), one object."""
        spans = []
        if self.span is not None:
            spans.append(_span_json(self.span, self.label or None, True))
        spans += [_span_json(lab.span, lab.text or None, False) for lab in self.labels]
        children = [_child_json(Level.NOTE, note) for note in self.notes]
        children += [_child_json(Level.HELP, text) for text in self.help]
        children += [_child_json(Level.HELP, sg.message,
                                 [_span_json(sg.span, None, True, sg.replacement, sg.applicability)])
                     for sg in self.suggestions]
        return {
            "$message_type": "diagnostic",
            "message": self.message,
            "code": _code_json(self.code),
            "level": self.level.value,
            "spans": spans,
            "children": children,
            "rendered": self.render() + "\n\n",
        }


def _render_verbose(sg: Suggestion) -> list[str]:
    """A `help:` block with the line as the suggestion changes it: inserted characters
    marked `+` under the new line, anything else as the old line `-` and the new `+`."""
    line, col = sg.span.line_col()
    _, end_col = sg.span.file.line_col(sg.span.end)
    old = sg.span.file.line_text(line).replace("\t", " ")
    new = old[: col - 1] + sg.replacement + old[end_col - 1:]
    width = len(str(line))
    pad = " " * width
    out = [f"help: {sg.message}", f"{pad} |"]
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    if len(new) > len(old) and prefix + suffix == len(old):  # a pure insertion
        out.append(f"{line} | {new}".rstrip())
        out.append(f"{pad} | " + " " * prefix + "+" * (len(new) - len(old)))
    else:
        out.append(f"{line} - {old}".rstrip())
        out.append(f"{line} + {new}".rstrip())
        out.append(f"{pad} |")
    return out


def _suggestion_text(sg: Suggestion) -> str:
    """A suggestion as a label: `help: MESSAGE: `REPLACEMENT`` (a deletion shows the message only)."""
    return f"help: {sg.message}: `{sg.replacement}`" if sg.replacement else f"help: {sg.message}"


def _code_json(code: str | None) -> dict | None:
    if code is None:
        return None
    explanation = explain(code) if code != "ICE" and code not in LINTS else None
    return {"code": code, "explanation": explanation}


def _child_json(level: Level, message: str, spans: list | None = None) -> dict:
    return {"message": message, "code": None, "level": level.value, "spans": spans or [], "children": [],
            "rendered": None}


def _span_json(span: Span, label: str | None, primary: bool, replacement: str | None = None,
               applicability: str | None = None) -> dict:
    """One span in rustc's schema: bytes for byte_start/byte_end, characters (1-based) for columns."""
    file = span.file
    start, end = span.start, max(span.start, span.end)
    line_start, column_start = file.line_col(start)
    line_end, column_end = file.line_col(end)
    text = []
    for line in range(line_start, line_end + 1):
        source = file.line_text(line)
        first = column_start if line == line_start else 1
        last = column_end if line == line_end else len(source) + 1
        text.append({"text": source, "highlight_start": first, "highlight_end": last})
    return {
        "file_name": file.name,
        "byte_start": file.byte_offset(start),
        "byte_end": file.byte_offset(end),
        "line_start": line_start,
        "line_end": line_end,
        "column_start": column_start,
        "column_end": column_end,
        "is_primary": primary,
        "text": text,
        "label": label,
        "suggested_replacement": replacement,
        "suggestion_applicability": applicability if replacement is not None else None,
        "expansion": None,
    }


@dataclass(frozen=True)
class _Mark:
    span: Span
    text: str
    char: str  # "^" primary, "-" secondary


def _render_snippet(marks: list[_Mark], width: int) -> list[str]:
    """The source lines the marks start on, each once, with every mark of the line
    underlined; the rightmost mark's label follows its underline, the others
    hang below it on `|` lines (rustc's layout). Lines that are not shown
    between two shown ones are `...`, but a single such line is shown as it is,
    as rustc does (the `...` would not be shorter)."""
    by_line: dict[int, list[_Mark]] = {}
    for mark in marks:
        by_line.setdefault(mark.span.line_col()[0], []).append(mark)
    out: list[str] = []
    previous = None
    gutter = " " * width
    for line in sorted(by_line):
        file = by_line[line][0].span.file
        if previous is not None and line == previous + 2:
            out.append(f"{line - 1:>{width}} | {file.line_text(line - 1).replace(chr(9), ' ')}".rstrip())
        elif previous is not None and line > previous + 2:
            out.append("...")
        previous = line
        source = file.line_text(line).replace("\t", " ")
        out.append(f"{line:>{width}} | {source}".rstrip())
        out += [f"{gutter} | {row}".rstrip() for row in _underlines(by_line[line], line, len(source))]
    return out


def _underlines(marks: list[_Mark], line: int, line_length: int) -> list[str]:
    """The underline row and the hanging label rows of one source line."""
    placed = []
    for mark in marks:
        _, col = mark.span.line_col()
        end_line, end_col = mark.span.file.line_col(max(mark.span.start, mark.span.end))
        last = end_col if end_line == line else line_length + 1
        placed.append((col, max(1, last - col), mark))
    placed.sort(key=lambda p: (p[0], p[2].char != "^"))
    row: list[str] = []
    for col, length, mark in placed:
        if len(row) < col - 1 + length:
            row += [" "] * (col - 1 + length - len(row))
        for i in range(col - 1, col - 1 + length):  # the primary first: secondaries draw over it (rustc)
            row[i] = mark.char
    labelled = [(col, col - 1 + length, mark.text) for col, length, mark in placed if mark.text]
    if not labelled:
        return ["".join(row)]
    rows = ["".join(row)]
    hanging = [(col, text) for col, _, text in labelled]
    col, end, text = max(labelled, key=lambda p: p[0])
    if end >= len(row) and all(other < col for other, _, _ in labelled if (other, text) != (col, text)):
        rows[0] += " " + text  # nothing to its right: the rightmost label follows its underline
        hanging.remove((col, text))
    if hanging:
        rows.append(_pipe_row([c for c, _ in hanging]))
        for i in range(len(hanging) - 1, -1, -1):
            col, text = hanging[i]
            rows.append(_pipe_row([c for c, _ in hanging[:i]]).ljust(col - 1) + text)
    return rows


def _pipe_row(cols: list[int]) -> str:
    row = [" "] * (max(cols) if cols else 0)
    for col in cols:
        row[col - 1] = "|"
    return "".join(row)


# ---------------------------------------------------------------------------
# Lint levels


@dataclass
class LintOptions:
    """Lint levels from the command line (`-A NAME`, `-W NAME`, `-D NAME`, in order;
    NAME a lint, a group of `LINT_GROUPS`, or `warnings`: every warning, as in
    rustc). Attributes in the source (`#[allow(NAME)]`, `#[deny(NAME)]`) are
    applied by the lint pass and override these, as in rustc."""

    levels: list[tuple[str, LintLevel]] = field(default_factory=list)

    def level(self, lint: str, source_level: LintLevel | None = None) -> LintLevel:
        """The level of `lint` where the source says `source_level` (None: no attribute)."""
        level = source_level
        if level is None:
            level = LINTS[lint].default
            for name, flag in self.levels:
                if name != "warnings" and (name == lint or lint in LINT_GROUPS.get(name, ())):
                    level = flag
        if level is LintLevel.WARN:  # `-D warnings` / `-A warnings` act on what would warn
            for name, flag in self.levels:
                if name == "warnings":
                    level = flag
        return level


# ---------------------------------------------------------------------------
# The sink


class DiagnosticSink:
    """Collects diagnostics from every phase, in the order they are reported."""

    def __init__(self, lints: LintOptions | None = None) -> None:
        self.diagnostics: list[Diagnostic] = []
        self.lints = lints or LintOptions()

    def add(self, diagnostic: Diagnostic) -> Diagnostic:
        self.diagnostics.append(diagnostic)
        return diagnostic

    def error(self, code: str | None, message: str, span: Span | None = None, label: str = "") -> Diagnostic:
        return self.add(Diagnostic(Level.ERROR, code, message, span, label))

    def report(self, message: MessageText, span: Span | None = None, label: str = "") -> Diagnostic:
        """An error whose code and text come from a catalog entry (`Message(...)`)."""
        return self.error(message.code, message.text, span, label)

    def warning(self, code: str | None, message: str, span: Span | None = None, label: str = "") -> Diagnostic:
        return self.add(Diagnostic(Level.WARNING, code, message, span, label))

    def lint(self, message: MessageText, span: Span | None = None, label: str = "",
             source_level: LintLevel | None = None) -> Diagnostic | None:
        """A warning of the lint `message.code` at the level the command line and the
        source's attributes (`source_level`) give it: None when allowed, an error when denied."""
        lint = message.code
        level = self.lints.level(lint, source_level)
        if level is LintLevel.ALLOW:
            return None
        diagnostic = Diagnostic(Level.ERROR if level is LintLevel.DENY else Level.WARNING, lint, message.text,
                                span, label)
        if not any(d.code == lint for d in self.diagnostics):
            diagnostic.notes.append(_lint_origin(lint, level, self.lints, source_level))
        return self.add(diagnostic)

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

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level is Level.WARNING]

    def summary(self) -> list[Diagnostic]:
        """rustc's closing diagnostics: `aborting due to N previous errors` (or `N warnings
        emitted`), and which codes `farc explain` explains."""
        errors, warnings = len(self.errors), len(self.warnings)
        warned = f"{warnings} warning{'s' if warnings != 1 else ''} emitted"
        out: list[Diagnostic] = []
        if errors:
            text = f"aborting due to {'1 previous error' if errors == 1 else f'{errors} previous errors'}"
            out.append(Diagnostic(Level.ERROR, None, text + (f"; {warned}" if warnings else "")))
        elif warnings:
            out.append(Diagnostic(Level.WARNING, None, warned))
        explained = sorted({d.code for d in self.errors if d.code and d.code != "ICE" and d.code not in LINTS
                            and (ERRORS_DOC_DIR / f"{d.code}.md").is_file()})
        if len(explained) == 1:
            out.append(Diagnostic(Level.FAILURE_NOTE, None,
                                  f"For more information about this error, try `farc explain {explained[0]}`."))
        elif explained:
            out.append(Diagnostic(Level.FAILURE_NOTE, None,
                                  f"Some errors have detailed explanations: {', '.join(explained)}."))
            out.append(Diagnostic(Level.FAILURE_NOTE, None,
                                  f"For more information about an error, try `farc explain {explained[0]}`."))
        return out

    def render(self) -> str:
        """Every diagnostic as rustc prints it, then the closing lines."""
        parts = [d.render() + "\n" for d in self.diagnostics]
        closing = self.summary()
        failure_notes = [d.message for d in closing if d.level is Level.FAILURE_NOTE]
        parts += [d.render() + "\n" for d in closing if d.level is not Level.FAILURE_NOTE]
        if failure_notes:
            parts.append("\n".join(failure_notes))
        return "\n".join(parts).rstrip("\n")

    def render_json_lines(self) -> str:
        """One rustc-schema JSON object per line: the diagnostics, then the closing ones."""
        lines = [json.dumps(d.to_json()) for d in self.diagnostics]
        for d in self.summary():
            obj = d.to_json()
            if d.level is Level.FAILURE_NOTE:
                obj["rendered"] = d.message + "\n"
            lines.append(json.dumps(obj))
        return "\n".join(lines)


def _lint_origin(lint: str, level: LintLevel, options: LintOptions, source_level: LintLevel | None) -> str:
    """rustc's note on the first diagnostic of a lint: where its level comes from."""
    if source_level is not None and source_level is level:
        return f"the lint level is defined by a `#[{level.value}(...)]` attribute naming `{lint}` or its group"
    flags = [name for name, flag in options.levels
             if flag is level and (name == lint or lint in LINT_GROUPS.get(name, ()))]
    if flags:
        flag = {"allow": "-A", "warn": "-W", "deny": "-D"}[level.value]
        shown = flags[-1].replace("_", "-")
        if shown == lint.replace("_", "-"):
            return f"requested on the command line with `{flag} {shown}`"
        return f"`{flag} {lint.replace('_', '-')}` implied by `{flag} {shown}`"
    groups = "".join(f" (part of `#[{level.value}({group})]`)" for group in ("unused",) if lint in LINT_GROUPS[group])
    return f"`#[{level.value}({lint})]`{groups} on by default"


class CompileError(Exception):
    """Raised by the driver to stop between phases; carries the sink."""

    def __init__(self, sink: DiagnosticSink) -> None:
        super().__init__(sink.render())
        self.sink = sink
