"""Source files and spans.

A span is a file and character offsets into its text; it becomes
line:column (columns count characters, as rustc's do) only when a diagnostic
is rendered, and byte offsets (`SourceFile.byte_offset`, for rustc's JSON
`byte_start`/`byte_end`) only when one is written as JSON, so phases can carry
spans cheaply.
"""
from __future__ import annotations

import bisect
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

#: The largest source file farc reads (bytes). Real programs are far smaller;
#: the limit keeps `farc check /dev/zero`-like inputs from eating all memory.
MAX_SOURCE_BYTES = 64 * 1024 * 1024
#: The same for wasm modules given to `--link` and `farc link`.
MAX_MODULE_BYTES = 1024 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range [start, end) in one source file's text."""

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
    #: where the file was read from (None for text that never was a file): the
    #: files of its `mod name;` declarations are found beside it
    path: Path | None = field(default=None, repr=False, compare=False)
    #: UTF-8 byte offset of each line start, built on first use (only JSON output needs bytes)
    _line_byte_starts: list[int] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._line_starts = [0] + [i + 1 for i, ch in enumerate(self.text) if ch == "\n"]

    @classmethod
    def read(cls, path: str | Path) -> "SourceFile":
        """The file at `path`, named for display by `display_path`.

        Raises `SourceReadError` (never blocks, never reads without bound):
        only regular files of at most MAX_SOURCE_BYTES of UTF-8 are sources."""
        return cls(display_path(path), decode_source(read_regular_file(path)), path=Path(path))

    def span(self, start: int, end: int) -> Span:
        return Span(self, start, end)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; columns count characters."""
        line_index = bisect.bisect_right(self._line_starts, offset) - 1
        return line_index + 1, offset - self._line_starts[line_index] + 1

    def offset_of(self, line: int, column: int) -> int:
        """The character offset of 1-based `line`:`column` (the inverse of `line_col`)."""
        return min(self._line_starts[line - 1] + column - 1, len(self.text))

    def byte_offset(self, offset: int) -> int:
        """The UTF-8 byte offset of character offset `offset` (offsets past the end clamp to it)."""
        offset = max(0, min(offset, len(self.text)))
        if self._line_byte_starts is None:
            starts, total, previous = [], 0, 0
            for start in self._line_starts:
                total += len(self.text[previous:start].encode("utf-8", "surrogatepass"))
                starts.append(total)
                previous = start
            self._line_byte_starts = starts
        line_index = bisect.bisect_right(self._line_starts, offset) - 1
        line_start = self._line_starts[line_index]
        return self._line_byte_starts[line_index] + len(self.text[line_start:offset].encode("utf-8", "surrogatepass"))

    def line_text(self, line: int) -> str:
        """The text of 1-based line `line` without its newline."""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] - 1 if line < len(self._line_starts) else len(self.text)
        return self.text[start:end]

    @property
    def line_count(self) -> int:
        return len(self._line_starts)


class SourceReadError(Exception):
    """Why a source file cannot be read, in words for a diagnostic."""

    def __init__(self, reason: str, help: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.help = help


def display_path(path: str | Path) -> str:
    """`path` as diagnostics print it: bytes that are not UTF-8 (file names
    are bytes on Linux) as `\\xNN`, control characters escaped, so a file name
    can neither break the output's encoding nor send terminal escapes."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def file_kind(mode: int) -> str:
    """What kind of file `mode` describes, for a message ("a directory")."""
    for test, words in ((stat.S_ISREG, "a file"), (stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                        (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                        (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return words
    return "a special file"


def read_regular_file(path: str | Path, limit: int = MAX_SOURCE_BYTES) -> bytes:
    """The bytes of the regular file at `path` (a source or a wasm module),
    at most `limit` of them.

    The file is checked before it is opened (a device or FIFO is never
    opened: opening a FIFO waits for a writer, some devices act on open) and
    again after (the path may have changed in between); reading stops after
    `limit + 1` bytes, so a file that grows or lies about its size (`/proc`)
    cannot exhaust memory."""
    try:
        before = os.stat(path)
        if not stat.S_ISREG(before.st_mode):
            raise SourceReadError(f"it is {file_kind(before.st_mode)}",
                                  "farc reads regular files only")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as exc:
        raise SourceReadError(os_reason(exc)) from None
    try:
        after = os.fstat(fd)
        if not stat.S_ISREG(after.st_mode):
            raise SourceReadError(f"it is {file_kind(after.st_mode)}")
        if after.st_size > limit:
            raise _too_large(limit)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        return b"".join(chunks)
    except OSError as exc:
        raise SourceReadError(os_reason(exc)) from None
    finally:
        os.close(fd)


def _too_large(limit: int) -> SourceReadError:
    return SourceReadError(f"it is larger than {_size_words(limit)}, the largest file of its kind farc reads")


def _size_words(size: int) -> str:
    return f"{size // (1024 * 1024)} MiB" if size >= 1024 * 1024 else f"{size} bytes"


def decode_source(data: bytes) -> str:
    """`data` as UTF-8 text; SourceReadError naming the line and column of
    the first byte that is not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[line_start:exc.start].decode("utf-8", "replace")) + 1
        raise SourceReadError(
            f"it is not valid UTF-8 (byte 0x{data[exc.start]:02x} at line {line}, column {column})",
            "farc source files are UTF-8 text; convert the file, e.g. `iconv -f latin1 -t utf-8`") from None


def os_reason(exc: OSError) -> str:
    """An OSError in words, without the path Python appends."""
    return (exc.strerror or str(exc)).lower() if exc.errno is not None else str(exc)
