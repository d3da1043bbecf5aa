"""The `farc` command line, called as users call it (in-process `main`, and
once through the installed entry point)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from compiler.cli import main

ROOT = Path(__file__).resolve().parent.parent
FAR_SUM = ROOT / "examples" / "far_sum.rs"

GOOD = """#![memory(1, min = 1)]
#[no_mangle]
pub extern "C" fn get(p: #[mem_idx(1)] *const u32) -> u32 { unsafe { *p } }
"""
BAD = """#![memory(1, min = 1)]
fn near(_: *const u8) {}
fn caller(p: #[mem_idx(1)] *const u8) { near(p); }
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_check_ok_and_error_exit_status(tmp_path, capsys):
    assert main(["check", str(write(tmp_path, "good.rs", GOOD))]) == 0
    assert main(["check", str(write(tmp_path, "bad.rs", BAD))]) == 1
    err = capsys.readouterr().err
    assert "error[M0002]" in err and "bad.rs:3:46" in err and "^" in err


def test_main_in_process_leaves_the_collector_on(tmp_path):
    """Only the console entry point (`run`, which exits right after) keeps
    the cyclic collector off after a compilation; `main` called in a
    long-lived process must not."""
    import gc
    assert main(["build", "-O0", "--emit", "wasm", str(write(tmp_path, "good.rs", GOOD))]) == 0
    assert gc.isenabled()


def test_json_diagnostics(tmp_path, capsys):
    assert main(["check", "--message-format=json", str(write(tmp_path, "bad.rs", BAD))]) == 1
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert [d["message"] for d in lines[1:]] == [
        "aborting due to 1 previous error", "For more information about this error, try `farc explain M0002`."]
    d = lines[0]
    assert d["level"] == "error" and d["code"]["code"] == "M0002" and "memory 1" in d["message"]
    assert d["spans"][0]["line_start"] == 3 and d["spans"][0]["column_start"] == 46
    assert d["spans"][0]["file_name"].endswith("bad.rs")


def test_build_writes_requested_outputs(tmp_path, capsys):
    src = write(tmp_path, "get.rs", GOOD)
    out = tmp_path / "out"
    assert main(["build", str(src), "-O1", "--emit", "llvm-ir,wasm,wat,obj,llvm-ir-unopt,llvm-ir-legalized",
                 "-o", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "get.legalized.ll", "get.ll", "get.o", "get.unopt.ll", "get.wasm", "get.wat"]
    assert "addrspace(1001)" in (out / "get.ll").read_text()
    assert "i32.load.m1.a4" in (out / "get.legalized.ll").read_text()
    assert "i32.load $m1" in (out / "get.wat").read_text()
    assert (out / "get.wasm").read_bytes()[:4] == b"\0asm"


def test_build_defaults_beside_the_source(tmp_path):
    src = write(tmp_path, "get.rs", GOOD)
    assert main(["build", str(src)]) == 0
    assert (tmp_path / "get.ll").is_file() and (tmp_path / "get.wasm").is_file()
    assert not (tmp_path / "get.wat").exists()


def test_run_prints_results_and_reports_traps(tmp_path, capsys):
    assert main(["run", str(FAR_SUM)]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == "1372"
    assert main(["run", str(ROOT / "tests/programs/oob_trap.rs"), "--invoke", "out_of_bounds"]) == 1
    err = capsys.readouterr().err
    assert "error[B0004]" in err and "out_of_bounds" in err


def test_run_with_arguments_in_v8(capsys):
    from compiler.runtime import node_available
    if not node_available():
        pytest.skip("Node 24 is not installed")
    assert main(["run", str(ROOT / "tests/programs/arith.rs"), "--engine", "node",
                 "--invoke", "wrap_add", "4000000000", "500000000"]) == 0
    assert capsys.readouterr().out.strip() == "205032704"


def test_user_errors_are_messages_not_tracebacks(tmp_path, capsys):
    assert main(["check", str(tmp_path / "missing.rs")]) == 1
    assert main(["explain", "E9999"]) == 1
    assert main(["build", str(write(tmp_path, "g.rs", GOOD)), "--emit", "pdf"]) == 1
    (tmp_path / "latin1.rs").write_bytes(b"\xff\xfe")
    assert main(["check", str(tmp_path / "latin1.rs")]) == 1
    assert main(["run", str(FAR_SUM), "--invoke", "no_such_export"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "cannot read" in err and "no explanation" in err and "unknown --emit kind" in err
    assert "the program has no function `no_such_export` to run" in err and "exported functions are" in err


def test_explain_prints_the_long_explanation(capsys):
    assert main(["explain", "m0008"]) == 0
    assert capsys.readouterr().out.startswith("# M0008")


def test_installed_entry_point():
    farc = shutil.which("farc", path=str(Path(sys.executable).parent))
    if farc is None:
        pytest.skip("farc is not installed in this environment")
    result = subprocess.run([farc, "check", str(FAR_SUM)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_exported_static_becomes_a_wasm_export(tmp_path):
    src = write(tmp_path, "stat.rs", "#[no_mangle]\npub static COUNTER: u32 = 7;\n"
                "#[no_mangle]\npub extern \"C\" fn get() -> u32 { COUNTER }\n")
    assert main(["build", str(src), "--emit", "wat"]) == 0
    wat = (tmp_path / "stat.wat").read_text()
    assert '(export "COUNTER" (global' in wat and '(export "get" (func' in wat


def test_far_statics_that_do_not_fit_point_at_the_static(tmp_path, capsys):
    src = write(tmp_path, "big.rs", "#![memory(1, min = 1, max = 1)]\n#[mem_idx(1)]\n"
                "static BIG: [u8; 70000] = [0; 70000];\n"
                "#[no_mangle]\npub extern \"C\" fn f() -> u8 { unsafe { (*(&raw const BIG))[5] } }\n")
    assert main(["build", str(src)]) == 1
    err = capsys.readouterr().err
    assert "error[B0006]" in err and "big.rs:3:8" in err and "min = 2" in err


def test_memory0_too_small_points_at_its_declaration(tmp_path, capsys):
    src = write(tmp_path, "small.rs", "#![memory(0, min = 1, max = 1)]\nstatic BIG: [u8; 70000] = [1; 70000];\n"
                "#[no_mangle]\npub extern \"C\" fn f(i: usize) -> u8 { BIG[i] }\n")
    assert main(["build", str(src)]) == 1
    err = capsys.readouterr().err
    assert "error[B0007]" in err and "small.rs:1:1" in err and "max = 3" in err
