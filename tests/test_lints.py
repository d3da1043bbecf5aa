"""The lints from the command line: levels (`-A`, `-W`, `-D`, `-D warnings`),
attributes winning over flags, exit statuses, and output identical to rustc's
for the same warnings (the lints' own cases are UI tests: tests/ui/lints.rs)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from compiler.cli import main

WARNS = """pub fn f(y: u32) -> u32 {
    let mut a = 1;
    return a;
    7
}
"""


def farc(tmp_path, text: str, *options: str, capsys) -> tuple[int, str]:
    (tmp_path / "lib.rs").write_text(text, encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        status = main(["check", *options, "lib.rs"])
    finally:
        os.chdir(cwd)
    return status, capsys.readouterr().err


def codes(err: str) -> list[tuple[str, str | None]]:
    return [(d["level"], d["code"]["code"] if d["code"] else None) for d in map(json.loads, err.splitlines())]


def test_warnings_do_not_fail_the_check(tmp_path, capsys):
    status, err = farc(tmp_path, WARNS, "--message-format=json", capsys=capsys)
    assert status == 0
    assert codes(err) == [("warning", "unreachable_code"), ("warning", "unused_mut"),
                          ("warning", "unused_variables"), ("warning", None)]
    assert json.loads(err.splitlines()[-1])["message"] == "3 warnings emitted"


def test_deny_warnings_makes_them_errors(tmp_path, capsys):
    status, err = farc(tmp_path, WARNS, "-D", "warnings", capsys=capsys)
    assert status == 1
    assert "error: unused variable: `y`" in err
    assert "`-D unused-variables` implied by `-D warnings`" in err
    assert err.rstrip().endswith("error: aborting due to 3 previous errors")


def test_allow_and_deny_single_lints_in_command_line_order(tmp_path, capsys):
    status, err = farc(tmp_path, WARNS, "--message-format=json", "-A", "unused", "-W", "unused-mut",
                       capsys=capsys)
    assert status == 0 and codes(err) == [("warning", "unused_mut"), ("warning", None)]
    status, err = farc(tmp_path, WARNS, "--message-format=json", "-D", "unused_variables", capsys=capsys)
    assert status == 1
    assert ("error", "unused_variables") in codes(err) and ("warning", "unused_mut") in codes(err)
    assert "requested on the command line with `-D unused-variables`" in err


def test_source_attributes_win_over_the_command_line(tmp_path, capsys):
    allowed = "#![allow(unused)]\n" + WARNS
    status, err = farc(tmp_path, allowed, "-D", "warnings", capsys=capsys)
    assert status == 0 and err == ""
    denied = WARNS.replace("pub fn f", "#[deny(unused_mut)]\npub fn f")
    status, err = farc(tmp_path, denied, "-A", "warnings", capsys=capsys)
    assert status == 1 and "error: variable does not need to be mutable" in err and "unused variable" not in err


def test_explain_knows_the_lints(capsys):
    assert main(["explain", "unused-variables"]) == 0
    assert capsys.readouterr().out.startswith("# unused_variables: a variable is never used")


@pytest.mark.skipif(shutil.which("rustc") is None, reason="no rustc on this machine")
def test_same_warnings_as_rustc(tmp_path, capsys):
    _, err = farc(tmp_path, WARNS, "--error-format=json", capsys=capsys)
    proc = subprocess.run(["rustc", "--error-format=json", "--crate-type=lib", "--emit=metadata", "-o", "out.rmeta",
                           "lib.rs"], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    ours, theirs = [list(map(json.loads, text.splitlines())) for text in (err, proc.stderr)]
    assert [d["rendered"] for d in ours] == [d["rendered"] for d in theirs]
    assert [d["code"] for d in ours] == [d["code"] for d in theirs]  # the lint's name, no explanation
    for mine, rustc in zip(ours, theirs):
        assert [(c["message"], [s["suggested_replacement"] for s in c["spans"]]) for c in mine["children"]] == [
            (c["message"], [s["suggested_replacement"] for s in c["spans"]]) for c in rustc["children"]]
