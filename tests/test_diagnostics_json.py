"""`--message-format=json` / `--error-format=json`: rustc's JSON diagnostic schema.

Checked against the machine's rustc on the same non-memory mistakes: the same
keys at every level, and the same message, code, level, spans (bytes,
lines, character columns, text, label) and closing diagnostics. Errors
reading the input and bad command lines are JSON diagnostics too.
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from compiler.cli import main
from compiler.diagnostics import DiagnosticSink
from compiler.source import SourceFile

RUSTC = shutil.which("rustc")
needs_rustc = pytest.mark.skipif(RUSTC is None, reason="no rustc on this machine")

#: Non-ASCII text before the mistakes: byte offsets and character columns differ.
UNKNOWN_NAME = """// naïve café: ünïcödé before the mistake moves bytes, not characters
pub fn f(x: u32) -> u32 {
    /* é */ zz + x
}
"""
SEMICOLON = """pub fn f(x: u32) -> u32 {
    x + 1;
}
"""
RETURN_TYPE = """pub fn f(x: u32) -> u32 {
    if x > 1 { return true; }
    x == 2
}
"""
MISMATCH = """pub fn f() -> u32 {
    let a: u32 = true; /* π */ a
}
"""


def farc_json(tmp_path: Path, text: str, *options: str) -> tuple[int, list[dict]]:
    """farc's JSON diagnostics for `text` as `lib.rs`, checked from its directory (as rustc is)."""
    (tmp_path / "lib.rs").write_text(text, encoding="utf-8")
    err = io.StringIO()
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        with contextlib.redirect_stderr(err):
            status = main(["check", *options, "lib.rs"])
    finally:
        os.chdir(cwd)
    return status, [json.loads(line) for line in err.getvalue().splitlines() if line.strip()]


def rustc_json(tmp_path: Path, text: str) -> list[dict]:
    src = tmp_path / "lib.rs"
    src.write_text(text, encoding="utf-8")
    proc = subprocess.run([RUSTC, "--error-format=json", "--crate-type=lib", "--emit=metadata", "-o",
                           str(tmp_path / "out.rmeta"), "lib.rs"], capture_output=True, text=True,
                          cwd=tmp_path, timeout=120)
    assert proc.returncode != 0
    return [json.loads(line) for line in proc.stderr.splitlines() if line.startswith("{")]


def key_tree(value: object) -> object:
    """The keys of every object in `value`, recursively (lists: the union over their items)."""
    if isinstance(value, dict):
        return {k: key_tree(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        merged: dict = {}
        for item in value:
            tree = key_tree(item)
            if isinstance(tree, dict):
                merged.update(tree)
        return [merged] if merged else []
    return None


SPAN_FIELDS = ("byte_start", "byte_end", "line_start", "line_end", "column_start", "column_end", "is_primary",
               "text", "label", "suggested_replacement", "suggestion_applicability")


def comparable(d: dict) -> dict:
    return {
        "message": d["message"].replace("rustc --explain", "farc explain"),
        "code": d["code"]["code"] if d["code"] else None,
        "level": d["level"],
        "spans": [{k: s[k] for k in SPAN_FIELDS} for s in d["spans"]],
        "children": [(c["level"], c["message"], [{k: s[k] for k in SPAN_FIELDS} for s in c["spans"]])
                     for c in d["children"]],
    }


@needs_rustc
@pytest.mark.parametrize("text", [UNKNOWN_NAME, MISMATCH, SEMICOLON, RETURN_TYPE],
                         ids=["E0425", "E0308", "semicolon", "return-type"])
def test_same_schema_and_fields_as_rustc(tmp_path, text):
    status, ours = farc_json(tmp_path, text, "--error-format=json")
    theirs = rustc_json(tmp_path, text)
    assert status == 1
    assert [comparable(d) for d in ours] == [comparable(d) for d in theirs]
    for mine, rustc in zip(ours, theirs):
        assert key_tree(mine) == key_tree(rustc) or not rustc["spans"], (mine, rustc)
        assert mine["$message_type"] == "diagnostic"
        assert mine["rendered"] == rustc["rendered"].replace("rustc --explain", "farc explain")
    assert ours[0]["code"]["explanation"].startswith(f"# {ours[0]['code']['code']}: ")


def test_byte_offsets_count_utf8_bytes_and_columns_characters(tmp_path):
    status, (d, *_) = farc_json(tmp_path, UNKNOWN_NAME, "--message-format=json")
    (span,) = d["spans"]
    raw = UNKNOWN_NAME.encode("utf-8")
    assert raw[span["byte_start"]:span["byte_end"]] == b"zz"
    assert span["column_start"] == UNKNOWN_NAME.splitlines()[2].index("zz") + 1 == 13
    assert span["text"] == [{"text": "    /* é */ zz + x", "highlight_start": 13, "highlight_end": 15}]


def test_suggestions_are_children_with_a_replacement():
    source = SourceFile("s.rs", "let mut x = 1;\n")
    sink = DiagnosticSink()
    d = sink.warning(None, "variable does not need to be mutable", source.span(4, 9))
    d.with_suggestion(source.span(4, 8), "remove this `mut`", "")
    d.with_note("a note").with_help("a help")
    obj = d.to_json()
    assert [(c["level"], c["message"]) for c in obj["children"]] == [
        ("note", "a note"), ("help", "a help"), ("help", "remove this `mut`")]
    (span,) = obj["children"][2]["spans"]
    assert (span["byte_start"], span["byte_end"], span["suggested_replacement"],
            span["suggestion_applicability"]) == (4, 8, "", "MachineApplicable")
    assert "help: remove this `mut`" in obj["rendered"]


def test_closing_lines_name_farc_explain(tmp_path, capsys):
    src = tmp_path / "bad.rs"
    src.write_text(MISMATCH.replace("true", "zz"), encoding="utf-8")
    assert main(["check", str(src)]) == 1
    err = capsys.readouterr().err
    assert err.rstrip().endswith("error: aborting due to 1 previous error\n\n"
                                 "For more information about this error, try `farc explain E0425`.")
    src.write_text(MISMATCH.replace("a\n", "zz\n"), encoding="utf-8")
    assert main(["check", str(src)]) == 1
    err = capsys.readouterr().err
    assert "Some errors have detailed explanations: E0308, E0425.\n" in err
    assert err.rstrip().endswith("For more information about an error, try `farc explain E0308`.")


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_unreadable_input_is_a_json_diagnostic(tmp_path, capsys):
    assert main(["check", "--error-format", "json", str(tmp_path / "missing.rs")]) == 1
    first, *closing = json_lines(capsys.readouterr().err)
    assert first["code"]["code"] == "F0001" and first["level"] == "error" and first["spans"] == []
    assert [d["message"] for d in closing] == [
        "aborting due to 1 previous error", "For more information about this error, try `farc explain F0001`."]


def test_bad_options_are_json_diagnostics(tmp_path, capsys):
    src = tmp_path / "ok.rs"
    src.write_text("pub fn f() {}\n", encoding="utf-8")
    assert main(["check", "--message-format=json", str(src), "--no-such-option"]) == 2
    (first, *_) = json_lines(capsys.readouterr().err)
    assert first["code"] is None and "--no-such-option" in first["message"]
    assert any(c["message"].startswith("usage: farc") for c in first["children"])
    assert main(["build", "--message-format=json", str(src), "--emit", "wasm,pdf"]) == 1
    (first, *_) = json_lines(capsys.readouterr().err)
    assert first["message"] == "unknown --emit kind `pdf`"
    assert "llvm-ir, llvm-ir-unopt" in first["children"][0]["message"]
    assert main(["check", "--message-format=json", "-D", "no_such_lint", str(src)]) == 2
    (first, *_) = json_lines(capsys.readouterr().err)
    assert "unknown lint `no_such_lint`" in first["message"]
    assert main(["check", "--message-format=yaml", str(src)]) == 2
    assert "error: argument --message-format" in capsys.readouterr().err  # not JSON: it was not asked for
