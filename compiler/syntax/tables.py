"""The LALR tables of `grammar.lark`, generated once into the package.

    load_lark(transformer) -> Lark      the parser, from `grammar_tables.json`
    python -m compiler.syntax.tables    regenerates the file (after editing the grammar)
    python -m compiler.syntax.tables --check    exit status 1 if it is stale

Why a generated file: computing the tables takes lark ~0.15 s, every time
farc starts. lark's own cache (`cache=True`) saves that by pickling the
parser into a file with a predictable name in the shared temporary
directory, where another local user can plant a pickle of their own and run
code as whoever runs farc next. The tables here are plain JSON (data, never
code: loading it cannot run anything) in the installed package, next to the
grammar, and written only by this module's command, never at run time.

The file records the SHA-256 of the grammar and the lark version that made
it (the serialized form is lark's). If either differs from what is
installed, `load_lark` builds the tables from the grammar in memory instead:
slower, never wrong. `tests/test_parser_tables.py` fails while the file is
stale, and checks that the stored automaton is the one lark computes from
the grammar (lark numbers its states in an order that differs from run to
run, so the comparison is up to renumbering, and the file need only be
regenerated when the grammar changes).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import lark
from lark import Lark
from lark.grammar import Rule
from lark.lexer import TerminalDef

GRAMMAR_PATH = Path(__file__).with_name("grammar.lark")
TABLES_PATH = Path(__file__).with_name("grammar_tables.json")

#: How the parser is built (the same options for the generated file and the fallback).
LARK_OPTIONS: dict[str, Any] = {
    "parser": "lalr",
    # keywords stay reserved everywhere (the contextual lexer would read
    # `fn` as an identifier where no keyword is expected)
    "lexer": "basic",
    "start": ["module", "expr", "type", "pattern"],
    "keep_all_tokens": True,
    "maybe_placeholders": True,
}

#: JSON has only string keys; lark's tables have integer keys (states,
#: memo ids). Such a dict is written as {INT_KEYS: [[key, value], ...]}.
_INT_KEYS = "__int_keys__"


def grammar_digest() -> str:
    """What the tables were computed from: the grammar, the options, lark's version."""
    h = hashlib.sha256(GRAMMAR_PATH.read_bytes())
    h.update(json.dumps(LARK_OPTIONS, sort_keys=True).encode())
    return h.hexdigest()


def build_lark(transformer: Any = None) -> Lark:
    """The parser computed from the grammar (slow: ~0.15 s)."""
    return Lark(GRAMMAR_PATH.read_text(encoding="utf-8"), transformer=transformer, **LARK_OPTIONS)


def load_lark(transformer: Any = None) -> Lark:
    """The parser from the generated tables, or computed from the grammar
    when the file is missing or was made from another grammar or lark."""
    stored = _read_tables()
    if stored is None:
        return build_lark(transformer)
    return Lark._load_from_dict(stored["data"], stored["memo"], transformer=transformer)


def tables_status() -> str:
    """"current", or why the generated tables are not used."""
    try:
        header = json.loads(TABLES_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "missing or unreadable"
    if header.get("grammar_sha256") != grammar_digest():
        return "made from another grammar"
    if header.get("lark_version") != lark.__version__:
        return f"made by lark {header.get('lark_version')}, lark {lark.__version__} is installed"
    return "current"


def _read_tables() -> dict[str, Any] | None:
    try:
        stored = json.loads(TABLES_PATH.read_text(encoding="utf-8"), object_hook=_decode_keys)
    except (OSError, ValueError):
        return None
    if stored.get("grammar_sha256") != grammar_digest() or stored.get("lark_version") != lark.__version__:
        return None
    return stored


def generate() -> str:
    """The text of `grammar_tables.json` for the grammar as it is now."""
    data, memo = build_lark().memo_serialize([TerminalDef, Rule])
    stored = {"grammar_sha256": grammar_digest(), "lark_version": lark.__version__, "data": data, "memo": memo}
    return json.dumps(_encode_keys(stored), sort_keys=True, separators=(",", ":")) + "\n"


def _encode_keys(value: Any) -> Any:
    if isinstance(value, dict):
        if value and all(isinstance(k, int) for k in value):
            return {_INT_KEYS: [[k, _encode_keys(v)] for k, v in sorted(value.items())]}
        assert all(isinstance(k, str) for k in value), f"unexpected keys {list(value)[:3]}"
        return {k: _encode_keys(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_encode_keys(v) for v in value]
    assert value is None or isinstance(value, (str, int, float, bool)), f"cannot store {type(value).__name__}"
    return value


def _decode_keys(obj: dict[str, Any]) -> Any:
    if len(obj) == 1 and _INT_KEYS in obj:
        return {k: v for k, v in obj[_INT_KEYS]}
    return obj


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m compiler.syntax.tables",
                                     description="regenerate compiler/syntax/grammar_tables.json")
    parser.add_argument("--check", action="store_true", help="only say whether the file is current (exit 1 if not)")
    options = parser.parse_args(argv)
    if options.check:
        status = tables_status()
        print(f"{TABLES_PATH.name}: {status}")
        return 0 if status == "current" else 1
    TABLES_PATH.write_text(generate(), encoding="utf-8")
    print(f"wrote {TABLES_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
