"""A small typed model of printed LLVM IR, for the passes that rewrite it after LLVM.

Why: llvmlite's binding reads modules but cannot change them, so the passes
that run after the optimizer (`legalize.py`: far accesses into intrinsic
calls; `wide_pointers.py`: 64-bit memory pointers into integers) rewrite the
module's printed text. A pass that moves or fuses instructions must know
exactly what lies between two instructions and who uses a value, so it
never reasons about raw lines: `parse_function` reads one function once into
`Instruction`s (opcode, result, block, typed operands in LLVM's operand
order) and counts every value's uses once, in time linear in the function.

The parser knows the grammar of the instructions the passes read or change.
Every other instruction is kept with its opcode and result only
(`Instruction.form` is None) and is never considered harmless:
`load_may_cross` allows a load to move only across the opcodes of
PURE_OPCODES (no memory access, no call, no trap, not a terminator) and
plain loads, and everything else is a barrier - the rule is by exclusion,
so an instruction this module does not know cannot be moved across.

`cross_check` compares the model of a function with llvmlite's own parse of
the same function (opcodes, result names, operand types), so an instruction
the model misread is an internal compiler error, never a miscompile.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterator

from ..memory import ADDRSPACE_BASE


class IRModelError(Exception):
    """Text the model cannot read (or that disagrees with LLVM's reading)."""


# ---------------------------------------------------------------------------
# Tokens

VALUE_NAME = r'%(?:[-a-zA-Z$._0-9]+|"[^"]*")'
_VALUE_NAME = re.compile(VALUE_NAME)
_RESULT = re.compile(rf"^\s*({VALUE_NAME}) = ")
_ADDRSPACE = re.compile(r"addrspace\((\d+)\)")
_OPEN = {"(": ")", "[": "]", "{": "}", "<": ">"}

#: parameter attributes that may stand between an argument's type and value
PARAM_ATTRS = frozenset({
    "noundef", "nonnull", "writeonly", "readonly", "readnone", "nocapture", "noalias", "immarg",
    "zeroext", "signext", "nofree", "captures", "dereferenceable", "dereferenceable_or_null",
    "initializes", "range", "align", "inreg", "writable", "dead_on_unwind", "dead_on_return",
    "nofpclass", "returned", "nest", "byval", "byref", "sret", "elementtype", "inalloca", "preallocated",
    "swiftself", "swifterror", "swiftasync", "allocalign", "allocptr", "noext",
})
#: fast-math and wrap flags that follow an opcode
_FLAGS = frozenset({
    "fast", "nnan", "ninf", "nsz", "arcp", "contract", "afn", "reassoc",
    "nuw", "nsw", "exact", "disjoint", "nneg", "samesign", "inbounds", "nusw",
})
_CALL_KINDS = ("tail", "musttail", "notail")


#: the characters that matter when splitting operand text: brackets, quotes, commas
_SPECIAL = re.compile(r'["()\[\]{}<>,]')
_CLOSERS = {")", "]", "}", ">"}


def _specials(text: str, start: int = 0) -> Iterator[tuple[int, str]]:
    """(index, character) of every bracket and comma outside quoted strings."""
    for match in _SPECIAL.finditer(text, start):
        yield match.start(), match.group()


def matching(text: str, start: int) -> int:
    """Index just past the bracket group that opens at text[start]."""
    stack: list[str] = []
    quote_end = -1
    for i, ch in _specials(text, start):
        if i < quote_end:
            continue
        if ch == '"':
            quote_end = text.index('"', i + 1) + 1
        elif ch in _OPEN:
            stack.append(_OPEN[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
            if not stack:
                return i + 1
    raise IRModelError(f"unbalanced brackets in `{text}`")


def split_top_level(text: str, sep: str = ",") -> list[str]:
    """Split at commas outside brackets and quotes; parts are stripped.
    (`<` opens only vector types and constants; `->` never occurs in IR.)"""
    assert sep == ","
    parts, depth, begin, quote_end = [], 0, 0, -1
    for i, ch in _specials(text):
        if i < quote_end:
            continue
        if ch == '"':
            quote_end = text.index('"', i + 1) + 1
        elif ch in _OPEN:
            depth += 1
        elif ch in _CLOSERS:
            depth -= 1
        elif depth == 0:  # a comma at the top level
            parts.append(text[begin:i].strip())
            begin = i + 1
    parts.append(text[begin:].strip())
    return parts


def find_top_level(text: str, word: str) -> int:
    """Index of ` word ` in `text` outside brackets and quotes, or -1."""
    needle = f" {word} "
    at = text.find(needle)
    while at >= 0:
        depth, quote_end = 0, -1
        for i, ch in _specials(text[:at]):
            if i < quote_end:
                continue
            if ch == '"':
                quote_end = text.index('"', i + 1) + 1
            elif ch in _OPEN:
                depth += 1
            elif ch in _CLOSERS:
                depth -= 1
        if depth == 0 and quote_end <= at:
            return at
        at = text.find(needle, at + 1)
    return -1


_SIMPLE_TYPE = re.compile(r"ptr(?: addrspace\(\d+\))?|%(?:[-a-zA-Z$._0-9]+|\"[^\"]*\")|[a-z][a-z0-9_]*")


def split_type(text: str) -> tuple[str, str]:
    """(type, rest) for text that starts with an LLVM type. A function type
    (`i32 (i32, ...)`, in calls of variadic functions) is one type."""
    text = text.strip()
    if not text:
        raise IRModelError("missing type")
    if text[0] in "<[{":
        end = matching(text, 0)
    else:
        match = _SIMPLE_TYPE.match(text)
        if match is None:
            raise IRModelError(f"cannot read a type from `{text}`")
        end = match.end()
    if text.startswith(" (", end) and (text[end + 2:].startswith(("...", ")")) or _starts_with_type(text[end + 2:])):
        # `T (params)` is a function type only where a type is expected next to it
        close = matching(text, end + 1)
        if text[close:close + 1] in (" ", ""):
            return text[:close], text[close:].strip()
    return text[:end], text[end:].strip()


def _starts_with_type(text: str) -> bool:
    return bool(re.match(r"(?:i\d+|float|double|half|bfloat|fp128|ptr|void|<|\[|\{|%)", text))


def strip_param_attrs(text: str) -> tuple[str, str]:
    """(attributes, value) for an argument's text after its type
    (`noundef align 8 captures(none) %dst` -> (`noundef align 8 captures(none)`, `%dst`))."""
    start = text
    while True:
        match = re.match(r"([a-z_]+)", text)
        if not match or match.group(1) not in PARAM_ATTRS:
            attrs = start[:len(start) - len(text)].strip()
            return attrs, text
        end = match.end()
        if end < len(text) and text[end] == "(":
            end = matching(text, end)
        elif match.group(1) in ("align", "dereferenceable", "dereferenceable_or_null"):
            number = re.match(r"\s+\d+", text[end:])
            end += number.end() if number else 0
        text = text[end:].strip()


def address_spaces(text: str) -> set[int]:
    """Every address space a piece of IR text names."""
    return {int(m) for m in _ADDRSPACE.findall(text)}


def pointer_space(type_text: str) -> int:
    """The address space of a pointer type (0 for `ptr`)."""
    if type_text == "ptr":
        return 0
    match = re.fullmatch(r"ptr addrspace\((\d+)\)", type_text)
    if match is None:
        raise IRModelError(f"`{type_text}` is not a pointer type")
    return int(match.group(1))


def far_space(type_text: str) -> int | None:
    """The far address space (>= ADDRSPACE_BASE) of a pointer type, else None."""
    match = re.fullmatch(r"ptr addrspace\((\d+)\)", type_text)
    if match is None:
        return None
    space = int(match.group(1))
    return space if space >= ADDRSPACE_BASE else None


def mentions_far_space(text: str) -> bool:
    return "addrspace(" in text and any(s >= ADDRSPACE_BASE for s in address_spaces(text))


def value_names(text: str) -> list[str]:
    """Every local value (or block) name used in a piece of text, normalized."""
    return [normalize_name(m) for m in _VALUE_NAME.findall(text)]


def normalize_name(name: str) -> str:
    """`%"far$1"` and `%far$1` are one name: the text without `%` and quotes."""
    name = name[1:] if name.startswith("%") else name
    return name[1:-1] if name.startswith('"') else name


# ---------------------------------------------------------------------------
# Operands and instruction forms


@dataclass(frozen=True)
class Operand:
    """A typed value: `type` and `value` as printed, and (call arguments)
    the parameter attributes between them."""

    type: str
    value: str
    attrs: str = ""

    def __str__(self) -> str:
        return f"{self.type} {self.attrs} {self.value}" if self.attrs else f"{self.type} {self.value}"

    @classmethod
    def parse(cls, text: str, with_attrs: bool = False) -> "Operand":
        ty, rest = split_type(text)
        attrs = ""
        if with_attrs:
            attrs, rest = strip_param_attrs(rest)
        if not rest:
            raise IRModelError(f"operand without a value: `{text}`")
        return cls(ty, rest, attrs)


def _flags(text: str) -> tuple[tuple[str, ...], str]:
    """Leading flag words (`nuw`, `fast`, `inbounds`, `inrange(0, 4)` ...) and the rest."""
    words = []
    while True:
        match = re.match(r"(inrange)\(|([a-z]+)\s", text)
        if match is None:
            return tuple(words), text
        if match.group(1):
            end = matching(text, len("inrange"))
            words.append(text[:end])
            text = text[end:].lstrip()
        elif match.group(2) in _FLAGS:
            words.append(match.group(2))
            text = text[match.end():]
        else:
            return tuple(words), text


def _render_flags(opcode: str, flags: tuple[str, ...]) -> str:
    return " ".join((opcode, *flags))


def _join(head: str, parts: tuple[str, ...]) -> str:
    return ", ".join((head, *parts)) if parts else head


def align_of(trailing: tuple[str, ...]) -> int:
    """The `align N` among an instruction's trailing parts (1 if absent)."""
    for part in trailing:
        match = re.fullmatch(r"align (\d+)", part)
        if match:
            return int(match.group(1))
    return 1


@dataclass(frozen=True)
class Load:
    type: str
    pointer: Operand
    trailing: tuple[str, ...]  # `align 4`, `!alias.scope !0`, ...
    volatile: bool = False
    atomic: bool = False

    @property
    def align(self) -> int:
        return align_of(self.trailing)

    def operands(self) -> tuple[Operand, ...]:
        return (self.pointer,)

    def render(self) -> str:
        words = ["load"] + (["atomic"] if self.atomic else []) + (["volatile"] if self.volatile else [])
        return _join(f"{' '.join(words)} {self.type}, {self.pointer}", self.trailing)


@dataclass(frozen=True)
class Store:
    value: Operand
    pointer: Operand
    trailing: tuple[str, ...]
    volatile: bool = False
    atomic: bool = False

    @property
    def align(self) -> int:
        return align_of(self.trailing)

    def operands(self) -> tuple[Operand, ...]:
        return (self.value, self.pointer)

    def render(self) -> str:
        words = ["store"] + (["atomic"] if self.atomic else []) + (["volatile"] if self.volatile else [])
        return _join(f"{' '.join(words)} {self.value}, {self.pointer}", self.trailing)


@dataclass(frozen=True)
class Call:
    """`[tail|musttail|notail] call PREFIX CALLEE(ARGS) SUFFIX`: `prefix` holds
    fast-math flags, calling convention, return attributes and the return
    type; `suffix` function attributes, operand bundles and metadata."""

    kind: str  # "", "tail", "musttail" or "notail"
    prefix: str
    callee: str  # `@name`, `@"name"` or `%fp`
    args: tuple[Operand, ...]
    suffix: str  # as printed after the closing parenthesis (with its leading space or comma)

    @property
    def callee_name(self) -> str:
        name = self.callee[1:]
        return name[1:-1] if name.startswith('"') else name

    def operands(self) -> tuple[Operand, ...]:
        return self.args  # LLVM's operand list continues with bundle operands and the callee

    def render(self) -> str:
        head = f"{self.kind} call" if self.kind else "call"
        args = ", ".join(str(a) for a in self.args)
        return f"{head} {self.prefix} {self.callee}({args}){self.suffix}"


@dataclass(frozen=True)
class Gep:
    flags: tuple[str, ...]
    source_type: str
    base: Operand
    indices: tuple[Operand, ...]
    trailing: tuple[str, ...] = ()

    def operands(self) -> tuple[Operand, ...]:
        return (self.base, *self.indices)

    def render(self) -> str:
        parts = [self.source_type, str(self.base), *(str(i) for i in self.indices)]
        return _join(f"{_render_flags('getelementptr', self.flags)} {', '.join(parts)}", self.trailing)


@dataclass(frozen=True)
class Cast:
    opcode: str
    flags: tuple[str, ...]
    value: Operand
    to: str
    trailing: tuple[str, ...] = ()

    def operands(self) -> tuple[Operand, ...]:
        return (self.value,)

    def render(self) -> str:
        return _join(f"{_render_flags(self.opcode, self.flags)} {self.value} to {self.to}", self.trailing)


@dataclass(frozen=True)
class Binary:
    """A binary operator or comparison: `OP flags [PRED] T a, b` (b untyped)."""

    opcode: str
    flags: tuple[str, ...]
    predicate: str  # icmp/fcmp only, else ""
    type: str
    lhs: str
    rhs: str
    trailing: tuple[str, ...] = ()

    def operands(self) -> tuple[Operand, ...]:
        return (Operand(self.type, self.lhs), Operand(self.type, self.rhs))

    def render(self) -> str:
        pred = f" {self.predicate}" if self.predicate else ""
        return _join(f"{_render_flags(self.opcode, self.flags)}{pred} {self.type} {self.lhs}, {self.rhs}",
                     self.trailing)


@dataclass(frozen=True)
class Phi:
    flags: tuple[str, ...]
    type: str
    incoming: tuple[tuple[str, str], ...]  # (value, block label)
    trailing: tuple[str, ...] = ()

    def operands(self) -> tuple[Operand, ...]:
        return tuple(Operand(self.type, v) for v, _ in self.incoming)

    def render(self) -> str:
        pairs = ", ".join(f"[ {v}, {b} ]" for v, b in self.incoming)
        return _join(f"{_render_flags('phi', self.flags)} {self.type} {pairs}", self.trailing)


@dataclass(frozen=True)
class Generic:
    """An instruction that is a list of typed operands after its opcode and
    flags (`select`, `freeze`, `extractelement`, `insertelement`,
    `shufflevector`, `ret`), with trailing plain parts (`extractvalue`'s and
    `insertvalue`'s indices, metadata). `llvm_operands` is how many of the
    typed operands LLVM counts as operands (the shuffle mask is not one)."""

    opcode: str
    flags: tuple[str, ...]
    typed: tuple[Operand, ...]
    trailing: tuple[str, ...] = ()
    llvm_operands: int | None = None

    def operands(self) -> tuple[Operand, ...]:
        return self.typed if self.llvm_operands is None else self.typed[:self.llvm_operands]

    def render(self) -> str:
        head = _render_flags(self.opcode, self.flags)
        if not self.typed:  # `ret void`
            return " ".join((head, *self.trailing))
        return _join(f"{head} {', '.join(str(o) for o in self.typed)}", self.trailing)


@dataclass(frozen=True)
class Alloca:
    type: str
    trailing: tuple[str, ...]  # `i32 4` (a count), `align 8`, `addrspace(N)`

    def operands(self) -> tuple[Operand, ...]:
        for part in self.trailing:
            if not part.startswith(("align", "addrspace", "!")):
                return (Operand.parse(part),)
        return (Operand("i32", "1"),)

    def render(self) -> str:
        return _join(f"alloca {self.type}", self.trailing)


Form = Load | Store | Call | Gep | Cast | Binary | Phi | Generic | Alloca

BINARY_OPCODES = frozenset({
    "add", "sub", "mul", "udiv", "sdiv", "urem", "srem", "shl", "lshr", "ashr", "and", "or", "xor",
    "fadd", "fsub", "fmul", "fdiv", "frem", "icmp", "fcmp",
})
CAST_OPCODES = frozenset({
    "trunc", "zext", "sext", "fptrunc", "fpext", "fptoui", "fptosi", "uitofp", "sitofp",
    "ptrtoint", "ptrtoaddr", "inttoptr", "bitcast", "addrspacecast",
})
_GENERIC_OPCODES = {  # opcode -> how many leading comma parts are typed operands (None: all)
    "select": 3, "freeze": 1, "fneg": 1, "extractelement": 2, "insertelement": 3, "shufflevector": 3,
    "extractvalue": 1, "insertvalue": 2, "ret": None,
}

#: Opcodes that do not touch memory, call, trap or end a block: a far load may
#: be moved across them. Everything else is a barrier (division may trap in
#: wasm, `frem` is a libcall, float-to-int conversions may trap, `phi` and
#: labels start blocks, unknown instructions are unknown).
PURE_OPCODES = frozenset({
    "add", "sub", "mul", "shl", "lshr", "ashr", "and", "or", "xor",
    "fadd", "fsub", "fmul", "fdiv", "fneg", "icmp", "fcmp", "select", "freeze",
    "trunc", "zext", "sext", "fptrunc", "fpext", "uitofp", "sitofp", "ptrtoint", "inttoptr", "bitcast",
    "getelementptr", "extractelement", "insertelement", "shufflevector", "extractvalue", "insertvalue",
})


def parse_form(opcode: str, body: str, kind: str = "") -> Form | None:
    """The operands of one instruction (`body` starts at its opcode), or None
    for an opcode outside the grammar this model knows."""
    rest = body[len(opcode):].strip() if body.startswith(opcode) else body
    if opcode == "call":
        return _parse_call(kind, rest)
    if opcode == "load":
        return _parse_load(rest)
    if opcode == "store":
        return _parse_store(rest)
    if opcode == "getelementptr":
        flags, rest = _flags(rest + " ")
        parts = split_top_level(rest.strip())
        operands = [p for p in parts[1:] if not p.startswith("!")]
        meta = tuple(p for p in parts[1:] if p.startswith("!"))
        base, *indices = (Operand.parse(p) for p in operands)
        return Gep(flags, parts[0], base, tuple(indices), meta)
    if opcode in CAST_OPCODES:
        flags, rest = _flags(rest + " ")
        parts = split_top_level(rest.strip())
        head = parts[0]
        at = find_top_level(head, "to")
        if at < 0:
            raise IRModelError(f"`{opcode}` without `to`: `{body}`")
        return Cast(opcode, flags, Operand.parse(head[:at]), head[at + 4:].strip(), tuple(parts[1:]))
    if opcode in BINARY_OPCODES:
        flags, rest = _flags(rest + " ")
        predicate = ""
        if opcode in ("icmp", "fcmp"):
            predicate, _, rest = rest.partition(" ")
        parts = split_top_level(rest.strip())
        ty, lhs = split_type(parts[0])
        return Binary(opcode, flags, predicate, ty, lhs, parts[1], tuple(parts[2:]))
    if opcode == "phi":
        flags, rest = _flags(rest + " ")
        ty, rest = split_type(rest)
        incoming, trailing = [], []
        for part in split_top_level(rest):
            if part.startswith("["):
                value, label = split_top_level(part[1:-1])
                incoming.append((value, label))
            else:
                trailing.append(part)
        return Phi(flags, ty, tuple(incoming), tuple(trailing))
    if opcode == "alloca":
        parts = split_top_level(rest)
        if parts[0].startswith("inalloca"):
            return None
        return Alloca(parts[0], tuple(parts[1:]))
    if opcode in _GENERIC_OPCODES:
        flags, rest = _flags(rest + " ")
        rest = rest.strip()
        if opcode == "ret" and rest == "void":
            return Generic(opcode, (), (), ("void",), 0)
        parts = split_top_level(rest) if rest else []
        count = _GENERIC_OPCODES[opcode]
        # `ret T %v, !dbg !12`: attachments are trailing parts, never operands
        typed_parts = [p for p in parts if not p.startswith("!")] if count is None else parts[:count]
        typed = tuple(Operand.parse(p) for p in typed_parts)
        llvm_count = 2 if opcode == "shufflevector" else None
        return Generic(opcode, flags, typed, tuple(parts[len(typed_parts):]), llvm_count)
    return None


def _parse_load(rest: str) -> Load:
    atomic = rest.startswith("atomic ")
    rest = rest.removeprefix("atomic ")
    volatile = rest.startswith("volatile ")
    rest = rest.removeprefix("volatile ")
    parts = split_top_level(rest)
    pointer = Operand.parse(parts[1])
    return Load(parts[0], pointer, tuple(parts[2:]), volatile, atomic)


def _parse_store(rest: str) -> Store:
    atomic = rest.startswith("atomic ")
    rest = rest.removeprefix("atomic ")
    volatile = rest.startswith("volatile ")
    rest = rest.removeprefix("volatile ")
    parts = split_top_level(rest)
    return Store(Operand.parse(parts[0]), Operand.parse(parts[1]), tuple(parts[2:]), volatile, atomic)


_CALLEE = re.compile(r'[@%](?:[-a-zA-Z$._0-9]+|"[^"]*")\(')


def _parse_call(kind: str, rest: str) -> Call | None:
    """`rest` follows the word `call`. None for inline asm (no named callee)."""
    i = 0
    while i < len(rest):
        ch = rest[i]
        if ch == '"':
            i = rest.index('"', i + 1) + 1
            continue
        if ch in "<[{(":
            i = matching(rest, i)
            continue
        if ch in "@%" and (i == 0 or rest[i - 1] == " "):
            match = _CALLEE.match(rest, i)
            if match:
                close = matching(rest, match.end() - 1)
                args_text = rest[match.end():close - 1].strip()
                args = tuple(Operand.parse(a, with_attrs=True) for a in split_top_level(args_text)) \
                    if args_text else ()
                return Call(kind, rest[:i].strip(), rest[i:match.end() - 1], args, rest[close:])
        i += 1
    return None


# ---------------------------------------------------------------------------
# Functions


@dataclass
class Instruction:
    """One instruction of a function, as the model reads it."""

    line: str            # as printed (with its indentation; several lines for a `switch`)
    opcode: str          # LLVM's opcode name; every call form is "call" (as llvmlite says)
    result: str | None   # `%x` as printed, or None
    block: int           # index of its basic block in the function
    call_kind: str = ""  # "", "tail", "musttail" or "notail" for calls
    _form: Form | None = field(default=None, repr=False)
    _parsed: bool = field(default=False, repr=False)

    @property
    def body(self) -> str:
        """The text from the opcode on (after `%x = `)."""
        text = self.line.strip()
        match = _RESULT.match(text)
        return text[match.end():] if match else text

    @property
    def form(self) -> Form | None:
        """The parsed operands (parsed on first use, once); None for opcodes
        outside the model's grammar."""
        if not self._parsed:
            body = self.body
            if self.call_kind:
                body = body[len(self.call_kind) + 1:]
            try:
                self._form = parse_form(self.opcode, body, self.call_kind)
            except (IRModelError, ValueError, IndexError) as exc:
                raise IRModelError(f"cannot read `{self.line.strip()}` ({exc})") from None
            self._parsed = True
        return self._form

    @property
    def name(self) -> str:
        """The result's name without `%` and quotes ("" when none)."""
        return normalize_name(self.result) if self.result else ""


def load_may_cross(ins: Instruction) -> bool:
    """Whether a (plain) load may be moved across `ins`: by exclusion, only
    a pure instruction or another plain load. Two loads that are neither
    volatile nor atomic commute: neither changes memory, and if one of them
    traps (out of bounds), memory is the same at the trap in either order.
    Stores, calls of every form, fences, atomics, volatile loads and
    anything this model does not know are barriers."""
    if ins.opcode in PURE_OPCODES:
        return True
    # `load [atomic] [volatile] T, ...`: the modifiers follow the opcode
    return ins.opcode == "load" and not ins.body.startswith(("load atomic ", "load volatile "))


def instruction(line: str, block: int = 0) -> Instruction:
    """Read one instruction line (its opcode and result; operands on demand)."""
    text = line.strip()
    match = _RESULT.match(text)
    result = match.group(1) if match else None
    body = text[match.end():] if match else text
    word, _, rest = body.partition(" ")
    kind = ""
    if word in _CALL_KINDS and rest.startswith("call "):
        kind, word = word, "call"
    return Instruction(line, word, result, block, kind)


@dataclass
class Function:
    """One `define`: its header line, block labels and instructions, and the
    number of uses of every local name (computed once, by one scan)."""

    name: str
    header: str                  # the `define ... {` line
    labels: list[str]            # one line per block ("" for an unnamed entry block)
    instructions: list[Instruction]
    uses: dict[str, int] = field(default_factory=dict)

    def use_count(self, value: str) -> int:
        """How many times `value` (a `%name`) is used as an operand."""
        return self.uses.get(normalize_name(value), 0)

    def lines(self) -> Iterator[str]:
        """The function's text, as printed (header, labels, instructions, `}`)."""
        yield self.header
        block = -1
        for ins in self.instructions:
            while block < ins.block:
                block += 1
                if block > 0:
                    yield ""
                if self.labels[block]:
                    yield self.labels[block]
            yield ins.line
        yield "}"


def defined_function(define_line: str) -> str:
    """The name of the function a `define ...` line defines."""
    match = re.search(r'@("[^"]*"|[-\w$.]+)\(', define_line)
    return match.group(1).strip('"') if match else "?"


_LABEL = re.compile(r'^(?:[-a-zA-Z$._0-9]+|"[^"]*"):')


def parse_function(lines: list[str]) -> Function:
    """A function from its lines (`define ... {` through `}`). Linear: every
    line is read once and every value name counted once."""
    header, body = lines[0], lines[1:-1]
    labels: list[str] = []
    instructions: list[Instruction] = []
    pending: list[str] = []  # the lines of an instruction that spans several (`switch`)
    for line in body:
        if pending:
            pending.append(line)
            if not line.strip().startswith("]"):  # `]`, or `], !dbg !12` with attachments
                continue
            line, pending = "\n".join(pending), []
        elif not line.strip():
            continue
        elif _LABEL.match(line):
            labels.append(line)
            continue
        elif line.rstrip().endswith("[") and instruction(line).opcode == "switch":
            pending = [line]
            continue
        if not labels:
            labels.append("")  # an entry block without a printed label
        instructions.append(instruction(line, len(labels) - 1))
    if pending:
        raise IRModelError(f"unterminated instruction `{pending[0].strip()}`")
    # every name in the instructions is a use, except each result's definition
    # (labels' `; preds = %a` comments name blocks, which are never counted)
    uses: dict[str, int] = {}
    for raw, count in Counter(_VALUE_NAME.findall("\n".join(ins.line for ins in instructions))).items():
        name = normalize_name(raw)  # `%"a"` and `%a` are one name
        uses[name] = uses.get(name, 0) + count
    for ins in instructions:
        if ins.result is not None:
            uses[ins.name] -= 1
    return Function(defined_function(header), header, labels, instructions, uses)


@dataclass
class ModuleText:
    """A module's text split into top-level lines and function definitions
    (`items` keeps their order: a str is a line, a list of str a definition)."""

    items: list[str | list[str]]

    @classmethod
    def parse(cls, text: str) -> "ModuleText":
        items: list[str | list[str]] = []
        current: list[str] | None = None
        for line in text.splitlines():
            if current is not None:
                current.append(line)
                if line.startswith("}"):
                    items.append(current)
                    current = None
            elif line.startswith("define "):
                current = [line]
            else:
                items.append(line)
        if current is not None:
            raise IRModelError(f"function `{defined_function(current[0])}` has no end")
        return cls(items)

    def definitions(self) -> Iterator[list[str]]:
        return (item for item in self.items if isinstance(item, list))

    def text(self) -> str:
        out: list[str] = []
        for item in self.items:
            if isinstance(item, list):
                out.extend(item)
            else:
                out.append(item)
        return "\n".join(out) + "\n"


def with_result(ins: Instruction, body: str) -> str:
    """The line of an instruction with the same indentation and result as `ins`."""
    indent = ins.line[:len(ins.line) - len(ins.line.lstrip())]
    return f"{indent}{ins.result} = {body}" if ins.result else f"{indent}{body}"


def rebuilt(ins: Instruction, form: Form) -> str:
    """The line of `ins` with its operands replaced by `form`'s."""
    return with_result(ins, form.render())


# ---------------------------------------------------------------------------
# Agreement with LLVM's own parse


def _llvm_type(type_ref) -> str:
    text = str(type_ref)
    # llvmlite prints a named struct as its definition: `%T = type { ... }`
    return text.split(" = type ", 1)[0] if " = type " in text else text


@dataclass(frozen=True)
class Expected:
    """What one instruction must be in LLVM's parse: its opcode, its result
    name and the types of its leading operands (None: not read)."""

    opcode: str
    name: str
    operand_types: tuple[str, ...] | None

    @classmethod
    def of(cls, ins: Instruction) -> "Expected":
        form = ins.form
        types = None if form is None else tuple(o.type for o in form.operands())
        return cls(ins.opcode, "" if ins.name.isdigit() else ins.name, types)


@dataclass
class FunctionView:
    """The model's view of a function that `cross_check` compares with LLVM's:
    how many blocks it has, the opcodes of every instruction in each block
    that holds one a pass wrote or relied on, and for those instructions
    their result names and operand types, by (block, position in the block)."""

    block_count: int
    opcodes: dict[int, list[str]]
    checked: dict[int, dict[int, Expected]]


def view(function: Function, positions: set[int]) -> FunctionView:
    """The view of `function` that checks the instructions at `positions`
    (and the opcodes of every instruction in their blocks)."""
    blocks = {function.instructions[i].block for i in positions}
    opcodes: dict[int, list[str]] = {b: [] for b in blocks}
    checked: dict[int, dict[int, Expected]] = {}
    for i, ins in enumerate(function.instructions):
        if ins.block not in opcodes:
            continue
        if i in positions:
            checked.setdefault(ins.block, {})[len(opcodes[ins.block])] = Expected.of(ins)
        opcodes[ins.block].append(ins.opcode)
    return FunctionView(len(function.labels), opcodes, checked)


def cross_check(llvm_function, expected: FunctionView) -> str | None:
    """Compare a function of llvmlite's parsed module with the model's view
    of it: the same number of blocks, and in every block of the view the
    same instructions (opcode by opcode), the checked ones with the same
    result name and operand types. A description of the first disagreement,
    or None. (Blocks outside the view are not walked: the walk goes through
    llvmlite's FFI, several calls per instruction.)"""
    blocks = list(llvm_function.blocks)
    if len(blocks) != expected.block_count:
        return f"the model reads {expected.block_count} blocks, LLVM has {len(blocks)}"
    for number, block in enumerate(blocks):
        opcodes = expected.opcodes.get(number)
        if opcodes is None:
            continue
        wanted = expected.checked.get(number, {})
        count = 0
        for ins in block.instructions:
            where = f"block {number}, instruction {count}"
            if count >= len(opcodes):
                return f"block {number}: LLVM has more than the model's {len(opcodes)} instructions"
            if ins.opcode != opcodes[count]:
                return f"{where}: the model reads `{opcodes[count]}`, LLVM `{ins.opcode}`"
            want = wanted.get(count)
            count += 1
            if want is None:
                continue
            if ins.name != want.name:
                return f"{where}: the model names it `{want.name}`, LLVM `{ins.name}`"
            if want.operand_types is not None:
                got = tuple(_llvm_type(op.type) for op in list(ins.operands)[:len(want.operand_types)])
                if got != want.operand_types:
                    return (f"{where} (`{want.opcode}`): the model reads operand types "
                            f"{list(want.operand_types)}, LLVM {list(got)}")
        if count != len(opcodes):
            return f"block {number}: the model reads {len(opcodes)} instructions, LLVM {count}"
    return None


__all__ = [
    "Alloca", "Binary", "Call", "Cast", "Expected", "Function", "FunctionView", "Gep", "Generic", "IRModelError",
    "Instruction", "Load", "ModuleText", "Operand", "PURE_OPCODES", "Phi", "Store", "address_spaces",
    "align_of", "cross_check", "defined_function", "far_space", "find_top_level",
    "instruction", "load_may_cross", "matching", "mentions_far_space", "normalize_name", "parse_form",
    "parse_function", "pointer_space", "rebuilt", "split_top_level", "split_type", "strip_param_attrs",
    "value_names", "view", "with_result",
]
