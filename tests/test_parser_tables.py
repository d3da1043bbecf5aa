"""The parser's tables come from the generated `grammar_tables.json` in the
package: current for the grammar, equal to tables computed afresh, and never
a pickle from the shared temporary directory (lark's `cache=True` file, which
another local user could plant)."""
from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import lark
import pytest
from lark import Lark

from compiler.syntax import tables

ROOT = Path(__file__).resolve().parent.parent
PROGRAMS = sorted((ROOT / "tests" / "programs").glob("*.rs")) + sorted((ROOT / "examples").glob("*.rs"))
REGENERATE = "run `python -m compiler.syntax.tables` after editing the grammar"


def stored_header() -> dict:
    return json.loads(tables.TABLES_PATH.read_text(encoding="utf-8"))


def test_generated_tables_match_the_grammar():
    assert stored_header()["grammar_sha256"] == tables.grammar_digest(), REGENERATE


def test_stored_automaton_is_the_one_computed_from_the_grammar():
    """The same LALR automaton up to the numbering of its states: walk both
    from each start state, pairing states, and compare every action."""
    stored = tables.load_lark().parser.parser._parse_table
    fresh = tables.build_lark().parser.parser._parse_table
    assert set(stored.start_states) == set(fresh.start_states)
    pairs = {stored.start_states[s]: fresh.start_states[s] for s in stored.start_states}
    todo = list(pairs)
    while todo:
        mine = todo.pop()
        mine_actions, their_actions = stored.states[mine], fresh.states[pairs[mine]]
        assert set(mine_actions) == set(their_actions), f"state {mine}: different lookaheads"
        for symbol, (action, arg) in mine_actions.items():
            their_action, their_arg = their_actions[symbol]
            assert action.name == their_action.name, f"state {mine} on {symbol}: {action} vs {their_action}"
            if action.name != "Shift":
                assert str(arg) == str(their_arg), f"state {mine} on {symbol}: reduces by {arg} vs {their_arg}"
            elif arg not in pairs:
                pairs[arg] = their_arg
                todo.append(arg)
            else:
                assert pairs[arg] == their_arg, f"state {mine} on {symbol}: shifts to different states"
    assert len(pairs) == len(stored.states) == len(fresh.states), "unreachable or missing states"
    assert len(set(pairs.values())) == len(pairs), "two stored states pair with one computed state"
    assert {s: pairs[stored.end_states[s]] for s in stored.end_states} == dict(fresh.end_states)


def test_loaded_tables_parse_the_programs_like_computed_ones():
    from compiler.syntax.parser import blank_comments, lark_parse
    loaded, built = tables.load_lark(), tables.build_lark()
    assert PROGRAMS
    for program in PROGRAMS:  # (through farc's token feed: `>>` closing two generic lists is split)
        text = blank_comments(program.read_text(encoding="utf-8"))
        assert lark_parse(loaded, text, "module") == lark_parse(built, text, "module"), program.name


def test_the_parser_uses_the_generated_tables(monkeypatch):
    if tables.tables_status() != "current":
        pytest.skip(f"grammar_tables.json is {tables.tables_status()}")

    def no_building(*args, **kwargs):
        raise AssertionError("the tables were computed from the grammar instead of loaded")

    monkeypatch.setattr(tables, "build_lark", no_building)
    assert tables.load_lark().parse("fn f() {}", start="module")


def test_stale_tables_are_not_used(tmp_path, monkeypatch):
    stale = tmp_path / "grammar_tables.json"
    stored = json.loads(tables.TABLES_PATH.read_text(encoding="utf-8"))
    stored["grammar_sha256"] = "0" * 64
    stale.write_text(json.dumps(stored))
    monkeypatch.setattr(tables, "TABLES_PATH", stale)
    assert tables.tables_status() == "made from another grammar"
    built = []
    real_build = tables.build_lark
    monkeypatch.setattr(tables, "build_lark", lambda transformer=None: built.append(1) or real_build(transformer))
    assert tables.load_lark().parse("fn f() {}", start="module")
    assert built == [1]


PARSE_IN_A_FRESH_PROCESS = """
import sys
from compiler.diagnostics import DiagnosticSink
from compiler.source import SourceFile
from compiler.syntax.parser import parse
sink = DiagnosticSink()
assert parse(SourceFile("t.rs", "fn f() -> u32 { 1 }"), sink) is not None, sink.render()
"""


def lark_cache_file(directory: Path) -> Path:
    """The file lark's own cache (`cache=True`) uses for farc's grammar and
    options, made by lark itself with TMPDIR pointing at `directory`."""
    make = ("from lark import Lark; from compiler.syntax import tables; "
            "Lark(tables.GRAMMAR_PATH.read_text(), cache=True, **tables.LARK_OPTIONS)")
    subprocess.run([sys.executable, "-c", make], cwd=ROOT, env={**os.environ, "TMPDIR": str(directory)},
                   check=True, timeout=120)
    [cache] = list(directory.glob(".lark_cache_*.tmp"))
    return cache


class _Plant:
    """Unpickling this creates the file `marker`: code run by whoever loads it."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def test_a_planted_lark_cache_in_the_temp_dir_is_never_loaded(tmp_path):
    shared_tmp = tmp_path / "tmp"
    shared_tmp.mkdir()
    cache = lark_cache_file(shared_tmp)
    marker = tmp_path / "planted-code-ran"
    # the attack: keep lark's first line (the grammar hash it checks), then a pickle of one's own
    first_line = cache.read_bytes().split(b"\n", 1)[0]
    cache.write_bytes(first_line + b"\n" + pickle.dumps(_Plant(marker)))
    env = {**os.environ, "TMPDIR": str(shared_tmp)}

    # the planted file is a real threat: lark's cache loads it
    subprocess.run([sys.executable, "-c", "from lark import Lark; from compiler.syntax import tables; "
                    "Lark(tables.GRAMMAR_PATH.read_text(), cache=True, **tables.LARK_OPTIONS)"],
                   cwd=ROOT, env=env, capture_output=True, timeout=120)
    assert marker.exists(), "the planted pickle should run under lark's cache (the test's premise)"
    marker.unlink()

    # farc does not load it, and writes nothing into the shared directory
    before = sorted(p.name for p in shared_tmp.iterdir())
    result = subprocess.run([sys.executable, "-c", PARSE_IN_A_FRESH_PROCESS], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert not marker.exists(), "farc's parser loaded the planted lark cache"
    assert sorted(p.name for p in shared_tmp.iterdir()) == before


def test_parsing_unpickles_nothing():
    guard = ("import pickle\n"
             "def refuse(*args, **kwargs):\n"
             "    raise AssertionError('the parser unpickled something')\n"
             "pickle.load = pickle.loads = refuse\n")
    result = subprocess.run([sys.executable, "-c", guard + PARSE_IN_A_FRESH_PROCESS], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_lark_is_the_serialization_format_the_file_claims():
    """The file names the lark that made it; loading it with that lark works
    without the grammar (a regression guard for the JSON key encoding)."""
    stored = json.loads(tables.TABLES_PATH.read_text(encoding="utf-8"), object_hook=tables._decode_keys)
    if stored["lark_version"] != lark.__version__:
        pytest.skip("made by another lark")
    parser = Lark._load_from_dict(stored["data"], stored["memo"])
    assert parser.parse("fn f() {}", start="module").data == "module"
