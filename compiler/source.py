"""Source files and spans.

A span is a file and byte offsets; it becomes line:column only when a
diagnostic is rendered, so phases can carry spans cheaply.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open byte range [start, end) in one source file."""

    file: "SourceFile"
    start: int
    end: int

    def to(self, other: "Span") -> "Span":
        """The span covering self and other (same file)."""
        return Span(self.file, min(self.start, other.start), max(self.end, other.end))

    def line_col(self) -> tuple[int, int]:
        """1-based line and column of the start."""
        return self.file.line_col(self.start)

    def __repr__(self) -> str:
        line, col = self.line_col()
        return f"Span({self.file.name}:{line}:{col})"


@dataclass(eq=False)
class SourceFile:
    """The text of one source file, with a line index built once."""

    name: str
    text: str
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._line_starts = [0] + [i + 1 for i, ch in enumerate(self.text) if ch == "\n"]

    @classmethod
    def read(cls, path: str | Path) -> "SourceFile":
        path = Path(path)
        return cls(str(path), path.read_text(encoding="utf-8"))

    def span(self, start: int, end: int) -> Span:
        return Span(self, start, end)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; columns count characters."""
        line_index = bisect.bisect_right(self._line_starts, offset) - 1
        return line_index + 1, offset - self._line_starts[line_index] + 1

    def line_text(self, line: int) -> str:
        """The text of 1-based line `line` without its newline."""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] - 1 if line < len(self._line_starts) else len(self.text)
        return self.text[start:end]

    @property
    def line_count(self) -> int:
        return len(self._line_starts)
