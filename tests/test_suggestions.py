"""Suggestions a rustc user expects: "a ... with a similar name exists" for
misspelled names, fields, methods, types, const generic memory parameters and
linked memories; "remove this semicolon" (tests/test_diagnostics_json.py
checks that one against rustc)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from compiler.cli import main
from compiler.check.suggest import edit_distance, similar_name
from conftest import check_text

SOURCE = """struct Point { x: u32, height: u32 }
const LIMIT: u32 = 3;
fn total(count: u32) -> u32 { count }
pub fn f(count: u32, p: Point) -> u32 {
    let q: Pointt = p;
    coutn + LIMT + totl(1) + p.hieght + count.wraping_add(1) + q.x
}
pub fn g<const MEM: usize>(p: #[mem_idx(MEMS)] *const u8) -> Point {
    Point { x: 1, heigth: 2 }
}
"""


def suggestions(text: str) -> dict[str, tuple[str, str]]:
    """The checker's suggestions for `text`, by the misspelled word: (message, replacement)."""
    _, sink = check_text(text, "s.rs")
    found = {}
    for d in sink.diagnostics:
        for sg in d.suggestions:
            found[text[sg.span.start:sg.span.end]] = (sg.message, sg.replacement)
        for help_text in d.help:
            found[d.message] = (help_text, "")
    return found


def test_edit_distance_counts_swaps_as_rustc():
    assert edit_distance("coutn", "count") == 1
    assert edit_distance("LIMT", "LIMIT") == 1
    assert similar_name("hieght", ["x", "height"]) == "height"
    assert similar_name("abc", ["xyz"]) is None
    assert similar_name("Foo", ["foo"]) == "foo"


def test_misspelled_names_fields_methods_and_types():
    found = suggestions(SOURCE)
    assert found["coutn"] == ("a local variable with a similar name exists", "count")
    assert found["LIMT"] == ("a constant with a similar name exists", "LIMIT")
    assert found["totl"] == ("a function with a similar name exists", "total")
    assert found["hieght"] == ("a field with a similar name exists", "height")
    assert found["heigth"] == ("a field with a similar name exists", "height")
    assert found["Pointt"] == ("a struct with a similar name exists", "Point")
    assert found["no method named `wraping_add` found for `u32`"] == (
        "a method with a similar name exists: `wrapping_add`", "")
    (memory,) = [v for k, v in found.items() if "MEMS" in k]
    assert memory == ("a const generic parameter with a similar name exists: `MEM`", "")


def test_nothing_similar_means_no_suggestion():
    _, sink = check_text("pub fn f() -> u32 { zzzzzz }", "n.rs")
    (d,) = sink.diagnostics
    assert d.suggestions == [] and d.label == "not found in this scope"


def test_misspelled_linked_memory(tmp_path, capsys):
    lib = tmp_path / "lib.rs"
    lib.write_text("#![memory(0, export = \"memory\")]\npub fn f() {}\n")
    main_rs = tmp_path / "main.rs"
    main_rs.write_text("#![memory(1, import = \"lib.memroy\")]\npub fn g() {}\n")
    assert main(["check", str(main_rs), "--link", f"lib={lib}"]) == 1
    assert "help: a memory with a similar name exists: `memory`" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("rustc") is None, reason="no rustc on this machine")
def test_rendered_like_rustc(tmp_path, capsys):
    text = "pub fn total(count: u32) -> u32 {\n    coutn + 1\n}\n"
    (tmp_path / "lib.rs").write_text(text)
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert main(["check", "--error-format=json", "lib.rs"]) == 1
    finally:
        os.chdir(cwd)
    ours = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    proc = subprocess.run(["rustc", "--error-format=json", "--crate-type=lib", "--emit=metadata", "-o", "o", "lib.rs"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120)
    theirs = [json.loads(line) for line in proc.stderr.splitlines()]
    assert ours[0]["rendered"] == theirs[0]["rendered"]
    assert ours[0]["children"] == theirs[0]["children"]
