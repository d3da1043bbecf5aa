"""Byte-level primitives of the wasm binary format: LEB128 and a cursor.

Every other module of `compiler.wasm` reads through `Reader` and writes with
`uleb`/`sleb`, so malformed input always surfaces as one exception type,
`DecodeError`, carrying the byte offset where decoding stopped. Encoders emit
the shortest LEB128 form; decoders accept padded forms (wasm-ld pads
relocated indices to 5 bytes), so a decode/encode round trip may shrink a
module but never changes its meaning.
"""
from __future__ import annotations

import struct


class DecodeError(Exception):
    """Malformed or unsupported wasm bytes at `offset` (absolute in the buffer)."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(f"{message} (at byte offset {offset:#x})")
        self.message = message
        self.offset = offset


def uleb(value: int) -> bytes:
    """Unsigned LEB128, shortest form."""
    if value < 0:
        raise ValueError(f"uleb of negative value {value}")
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def sleb(value: int) -> bytes:
    """Signed LEB128, shortest form."""
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7  # arithmetic shift keeps the sign
        done = (value == 0 and not byte & 0x40) or (value == -1 and byte & 0x40)
        if done:
            out.append(byte)
            return bytes(out)
        out.append(byte | 0x80)


def name_bytes(text: str) -> bytes:
    """A wasm `name`: length-prefixed UTF-8."""
    raw = text.encode("utf-8")
    return uleb(len(raw)) + raw


def vec(items: list[bytes]) -> bytes:
    """A wasm `vec`: count, then the already-encoded items."""
    return uleb(len(items)) + b"".join(items)


class Reader:
    """A cursor over `data[pos:end]`; offsets reported in errors are absolute."""

    __slots__ = ("data", "pos", "end")

    def __init__(self, data: bytes, pos: int = 0, end: int | None = None) -> None:
        self.data = data
        self.pos = pos
        self.end = len(data) if end is None else end

    @property
    def at_end(self) -> bool:
        return self.pos >= self.end

    def fail(self, message: str, offset: int | None = None) -> DecodeError:
        return DecodeError(message, self.pos if offset is None else offset)

    def u8(self) -> int:
        if self.pos >= self.end:
            raise self.fail("unexpected end of data")
        byte = self.data[self.pos]
        self.pos += 1
        return byte

    def peek(self) -> int:
        if self.pos >= self.end:
            raise self.fail("unexpected end of data")
        return self.data[self.pos]

    def take(self, n: int) -> bytes:
        if n < 0 or self.pos + n > self.end:
            raise self.fail(f"need {n} bytes, {self.end - self.pos} left")
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return bytes(chunk)

    def _leb(self, bits: int, signed: bool) -> int:
        start = self.pos
        result = 0
        shift = 0
        max_bytes = (bits + 6) // 7
        for _ in range(max_bytes):
            byte = self.u8()
            result |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                if signed and byte & 0x40:
                    result -= 1 << shift
                return result
        raise self.fail(f"LEB128 longer than {max_bytes} bytes for a {bits}-bit value", start)

    def u32(self) -> int:
        pos = self.pos
        if pos < self.end and self.data[pos] < 0x80:  # fast path: one-byte LEB
            self.pos = pos + 1
            return self.data[pos]
        return self._leb(32, False)

    def u64(self) -> int:
        return self._leb(64, False)

    def s32(self) -> int:
        return self._leb(32, True)

    def s33(self) -> int:
        return self._leb(33, True)

    def s64(self) -> int:
        return self._leb(64, True)

    def f32_bytes(self) -> bytes:
        return self.take(4)

    def f64_bytes(self) -> bytes:
        return self.take(8)

    def name(self) -> str:
        start = self.pos
        raw = self.take(self.u32())
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            raise self.fail("name is not valid UTF-8", start) from None

    def sub(self, length: int) -> "Reader":
        """A reader over the next `length` bytes; advances self past them."""
        if self.pos + length > self.end:
            raise self.fail(f"section or entry of {length} bytes runs past the end")
        child = Reader(self.data, self.pos, self.pos + length)
        self.pos += length
        return child


def f32_value(raw: bytes) -> float:
    return struct.unpack("<f", raw)[0]


def f64_value(raw: bytes) -> float:
    return struct.unpack("<d", raw)[0]
