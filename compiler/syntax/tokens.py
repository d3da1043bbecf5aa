"""What the lexer, the LALR driver and the AST builder share: tokens, the
problem a syntax error raises, and Rust's reserved words.

Kept apart from `parser.py` (lexing and driving) and `builder.py` (building
the AST) so that neither imports the other's internals.
"""
from __future__ import annotations

from dataclasses import dataclass

from lark import Token

from ..diagnostics import MessageText


class Tok:
    """A token: the attributes the builder reads from lark's `Token`, nothing more.

    The fast path makes ~100k of these per 10k lines, so it is a slotted
    object, not a `str` subclass like lark's Token.
    """

    __slots__ = ("type", "value", "start_pos", "end_pos")

    def __init__(self, type: str, value: str, start_pos: int, end_pos: int) -> None:
        self.type = type
        self.value = value
        self.start_pos = start_pos
        self.end_pos = end_pos

    def __repr__(self) -> str:
        return f"Tok({self.type}, {self.value!r}, {self.start_pos})"


#: The classes a builder child may be when it is a token (ours, or lark's for the reference engine).
TOKEN_CLASSES = frozenset([Token, Tok])


@dataclass(eq=False)
class SyntaxProblem(Exception):
    """A user error found while lexing or building; `parse` reports it."""

    message: MessageText
    start: int
    end: int
    label: str = ""
    notes: tuple[str, ...] = ()
    help: tuple[str, ...] = ()


def describe_char(char: str) -> str:
    """How a message shows a character: `@`, or `\\u{a0}` when it would not be visible."""
    if char.isprintable() and not char.isspace():
        return f"`{char}`"
    return f"`\\u{{{ord(char):x}}}`"


# ---------------------------------------------------------------------------
# Rust's words that farc's grammar does not use but Rust reserves. The lexers
# give them the token type RESERVED, which no grammar rule accepts, so using
# one as a name is an error wherever it stands ("expected identifier, found
# keyword `async`"), as in rustc (edition 2021).

#: Rust's strict keywords that the grammar has no use for yet.
UNUSED_KEYWORDS = frozenset(["async", "await"])
#: Rust's reserved keywords (reserved for future use).
RESERVED_KEYWORDS = frozenset([
    "abstract", "become", "box", "do", "final", "macro", "override", "priv", "try", "typeof", "unsized",
    "virtual", "yield",
])
#: The token type of both.
RESERVED = "RESERVED"
