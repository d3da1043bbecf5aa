"""The outer attributes farc knows, and where each may be written.

One table for the whole front end: the parser checks every outer attribute
against it when it builds the item the attribute belongs to (S0004: unknown,
misplaced, or a Rust attribute farc does not support), so later phases only
see attributes that mean something where they stand. The meaning itself is
given by the phase that reads it (`#[no_mangle]`: the checker's exports;
`#[derive]`: the trait checker; ...).

Inner attributes (`#![memory(...)]`, `#![allow(...)]`) are checked with the
memory declarations (`compiler/check/memories.py`). Attributes on types are
the parser's own business (`#[mem_idx(N)]`, and any attribute before a
function pointer type, which is kept for the checker to interpret).
"""
from __future__ import annotations

import difflib
from enum import Enum


class Target(Enum):
    """What an outer attribute is written on (the words go into messages)."""

    FUNCTION = "a function"
    FOREIGN_FUNCTION = "a function in an `extern` block"
    STRUCT = "a struct"
    ENUM = "an enum"
    VARIANT = "an enum variant"
    FIELD = "a field"
    CONST = "a constant"
    STATIC = "a static"
    TYPE_ALIAS = "a type alias"
    EXTERN_BLOCK = "an `extern` block"
    IMPL = "an `impl` block"
    TRAIT = "a trait"
    MODULE = "a module"
    USE = "a `use` declaration"


_EVERYWHERE = frozenset(Target)
_FUNCTIONS = frozenset([Target.FUNCTION])
_TYPES = frozenset([Target.STRUCT, Target.ENUM])

#: attribute name -> where it may be written
KNOWN: dict[str, frozenset[Target]] = {
    # exports and imports (reference section 3)
    "no_mangle": frozenset([Target.FUNCTION, Target.STATIC]),
    "export_name": frozenset([Target.FUNCTION, Target.STATIC]),
    "link": frozenset([Target.EXTERN_BLOCK]),
    "link_name": frozenset([Target.FOREIGN_FUNCTION]),
    # far statics (section 10.5); on types it is the parser's `#[mem_idx(N)] *const T`
    "mem_idx": frozenset([Target.STATIC, Target.STRUCT]),
    # a passive data segment (section 10.11)
    "passive": frozenset([Target.STATIC]),
    # layout and traits
    "repr": _TYPES,
    "derive": _TYPES,
    # accepted and ignored: hints and lints that do not change what a program means
    "inline": _FUNCTIONS,
    "cold": _FUNCTIONS,
    "must_use": frozenset([Target.FUNCTION, Target.STRUCT, Target.ENUM, Target.TRAIT]),
    "allow": _EVERYWHERE,
    "warn": _EVERYWHERE,
    "deny": _EVERYWHERE,
    "forbid": _EVERYWHERE,
    "expect": _EVERYWHERE,
    "doc": _EVERYWHERE,
}

#: Rust attributes farc knows of but does not support (they would change the
#: program in ways farc cannot honour, so ignoring them would be wrong).
UNSUPPORTED = frozenset([
    "cfg", "cfg_attr", "test", "path", "macro_export", "macro_use", "track_caller", "non_exhaustive",
    "target_feature", "naked", "used", "link_section", "global_allocator", "panic_handler", "no_builtins",
])

#: What the help of a misplaced attribute says where it belongs, when the
#: list of targets alone would not help.
WHERE_IT_GOES: dict[str, str] = {
    "mem_idx": "`#[mem_idx(N)]` is written before a pointer or reference type (`p: #[mem_idx(1)] *const u32`), "
               "a static (`#[mem_idx(1)] static X: u32 = 0;`) or a struct (`#[mem_idx(1)] struct Secret { .. }`)",
}


def describe_targets(targets: frozenset[Target]) -> str:
    """`a function or a static`."""
    words = [t.value for t in Target if t in targets]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def similar_name(name: str) -> str | None:
    """The known attribute most like a misspelled `name` (`no_mangel` -> `no_mangle`)."""
    found = difflib.get_close_matches(name, list(KNOWN) + sorted(UNSUPPORTED), n=1, cutoff=0.7)
    return found[0] if found else None
