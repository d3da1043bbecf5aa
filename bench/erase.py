"""The memory-erased twin of a farc program: valid Rust for rustc.

Every memory attribute goes (`#![memory(..)]`, `#[mem_idx(..)]`): then every
pointer is an ordinary pointer into memory 0 and, for the programs farc and
Rust share, the program means the same thing. Const generic parameters that
only named a memory go too, with their turbofish arguments (erased, nothing
would determine them). Used by the differential oracle (tests/test_oracle.py)
and by the compile-speed comparison with rustc (bench/compile_speed.py).
"""
from __future__ import annotations

import re

_MEMORY_DECL = re.compile(r"^[ \t]*#!\[memory\(.*?\)\][ \t]*(?://[^\n]*)?\n", re.M)
_MEM_IDX = re.compile(r"#\[mem_idx\([^)]*\)\]\s*")
_GENERIC_FN = re.compile(r"\bfn\s+(\w+)\s*<([^>]*)>")
_GENERIC_TYPE = re.compile(r"\b(?:enum|struct)\s+(\w+)\s*<([^>]*)>")

#: What a `no_std` wasm32 crate needs around an erased program (rustc's
#: `core` only: the erased programs use nothing else).
NO_STD_PRELUDE = """#![no_std]
#![allow(warnings)]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! { loop {} }
"""


def _memory_only_params(source: str, items: re.Pattern = _GENERIC_FN) -> dict[str, list[int]]:
    """fn (or type) name -> positions of its const generic parameters that are
    used only as memory indices (`#[mem_idx(M)]`)."""
    found: dict[str, list[int]] = {}
    for match in items.finditer(source):
        params = [p.strip() for p in match[2].split(",")]
        positions = []
        item = _item_text(source, match.start())
        for i, param in enumerate(params):
            words = param.split()
            if len(words) >= 2 and words[0] == "const":
                name = words[1].rstrip(":")
                uses = len(re.findall(rf"\b{name}\b", item))
                as_memory = len(re.findall(rf"mem_idx\(\s*{name}\s*\)", item))
                if uses == as_memory + 1:  # the declaration itself, and memory uses only
                    positions.append(i)
        if positions:
            found[match[1]] = positions
    return found


def _item_text(source: str, start: int) -> str:
    """The text of the item whose header starts at `start`: its first line if
    that is the whole item, else up to the `}` at the header's indentation
    (parameters of other items may have the same name)."""
    line_start = source.rfind("\n", 0, start) + 1
    line_end = source.find("\n", start)
    line_end = len(source) if line_end < 0 else line_end
    first = source[start:line_end]
    if first.rstrip().endswith(";") or (first.count("{") and first.count("{") == first.count("}")):
        return first
    indent = source[line_start:start][:len(source[line_start:start]) - len(source[line_start:start].lstrip())]
    end = source.find(f"\n{indent}}}", line_end)
    return source[start:] if end < 0 else source[start:end + 2 + len(indent)]


def _drop_args(text: str, positions: list[int]) -> str:
    kept = [a for i, a in enumerate(text.split(",")) if i not in positions]
    return ", ".join(a.strip() for a in kept)


def _erase_type_params(source: str) -> str:
    """Enums and structs lose their memory-only const parameters, and every
    use of them (`Slot<1>`, `Slot::<M>::Far`) the matching arguments; a
    function's parameter then used only there becomes memory-only too."""
    for name, positions in _memory_only_params(source, _GENERIC_TYPE).items():
        def declaration(match: re.Match) -> str:
            rest = _drop_args(match[2], positions)
            return f"{match[1]}<{rest}>" if rest else match[1]
        source = re.sub(rf"\b((?:enum|struct)\s+{name})\s*<([^>]*)>", declaration, source)

        def use(match: re.Match) -> str:
            rest = _drop_args(match[3], positions)
            return f"{match[1]}{match[2]}<{rest}>" if rest else match[1]
        source = re.sub(rf"\b({name})(\s*::\s*|\s*)<([^<>]*)>", use, source)
    return source


def erase_memories(source: str) -> str:
    """The program with every memory attribute removed: all memories become
    memory 0. Const generic parameters that only named a memory go too, with
    their turbofish arguments (of functions, enums and structs)."""
    source = _erase_type_params(source)
    erasable = _memory_only_params(source)
    for name, positions in erasable.items():
        def generics(match: re.Match) -> str:
            rest = _drop_args(match[2], positions)
            return f"fn {match[1]}<{rest}>" if rest else f"fn {match[1]}"
        source = re.sub(rf"\bfn\s+({name})\s*<([^>]*)>", generics, source)

        def turbofish(match: re.Match) -> str:
            rest = _drop_args(match[2], positions)
            return f"{match[1]}::<{rest}>" if rest else match[1]
        source = re.sub(rf"\b({name})::<([^>]*)>", turbofish, source)
    return _MEM_IDX.sub("", _MEMORY_DECL.sub("", source))


def no_std_crate(source: str) -> str:
    """The erased program as a `no_std` crate rustc builds for wasm32 with `core` only."""
    return NO_STD_PRELUDE + erase_memories(source)


__all__ = ["NO_STD_PRELUDE", "erase_memories", "no_std_crate"]
