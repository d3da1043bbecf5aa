"""`farc run` as a host (compiler/runner.py), through the command line, in both engines:
typed arguments and results, struct, tuple and enum results, several calls on one instance,
`fn main` without `#[no_mangle]`, memory files, limits, traps at their
source line, the logging host functions, setup problems as diagnostics, exit
statuses with a closed pipe, and Ctrl-C."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from compiler.cli import main
from compiler.runtime import node_available

ROOT = Path(__file__).resolve().parent.parent
ENGINES = ["wasmtime", pytest.param("node", marks=pytest.mark.node)]

TYPES = """#[repr(C)]
pub struct Pair { a: u32, b: f32, flag: bool }

static mut COUNTER: u32 = 0;

#[no_mangle]
pub extern "C" fn pass_u32(x: u32) -> u32 { x }
#[no_mangle]
pub extern "C" fn neg_i8(x: i8) -> i8 { -x }
#[no_mangle]
pub extern "C" fn max_u64(x: u64) -> u64 { x }
#[no_mangle]
pub extern "C" fn not(b: bool) -> bool { !b }
#[no_mangle]
pub extern "C" fn tenth(x: f32) -> f32 { x / 10.0 }
#[no_mangle]
pub extern "C" fn half(x: f64) -> f64 { x / 2.0 }
#[no_mangle]
pub extern "C" fn pair(a: u32) -> Pair { Pair { a: a, b: 2.5, flag: true } }
#[no_mangle]
pub extern "C" fn bump() -> u32 { unsafe { COUNTER += 1; COUNTER } }
#[no_mangle]
pub extern "C" fn split(x: u64) -> (u32, (bool, i8), f32) { ((x >> 32) as u32, (x == 0, -3), 0.5) }
#[no_mangle]
pub extern "C" fn single() -> (u16,) { (65535,) }

fn main() -> u32 { 41 + 1 }
"""


def farc_run(tmp_path, text: str, *options: str, capsys) -> tuple[int, str, str]:
    src = tmp_path / "prog.rs"
    src.write_text(text)
    status = main(["run", str(src), *options])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture(params=ENGINES)
def engine(request):
    if request.param == "node" and not node_available():
        pytest.skip("Node 24 is not installed (run scripts/setup.sh)")
    return request.param


def test_results_in_their_declared_types(tmp_path, capsys, engine):
    status, out, err = farc_run(
        tmp_path, TYPES, "--engine", engine,
        "--invoke", "pass_u32", "4294967295", "--invoke", "neg_i8", "-128", "--invoke", "max_u64",
        "18446744073709551615", "--invoke", "not", "true", "--invoke", "tenth", "1", "--invoke", "half", "7",
        "--invoke", "pair", "9", "--invoke", "bump", "--invoke", "bump",
        "--invoke", "split", "18446744073709551615", "--invoke", "single", capsys=capsys)
    assert status == 0, err
    assert out.splitlines() == ["4294967295", "-128", "18446744073709551615", "false", "0.1", "3.5",
                                "Pair { a: 9, b: 2.5, flag: true }", "1", "2",
                                "(4294967295, (false, -3), 0.5)", "(65535,)"]


AGGREGATES = """#![memory(1, min = 1)]
enum Option<T> { None, Some(T) }
enum Shape { Empty, Rect { w: u32, h: u8 }, Pair(i8, (bool, u16)) }
pub struct S { o: Option<Option<u8>>, p: (u8,) }

#[no_mangle]
pub fn nested() -> Option<Option<u32>> { Option::Some(Option::Some(5)) }
#[no_mangle]
pub fn none() -> Option<u64> { Option::None }
#[no_mangle]
pub fn far(p: #[mem_idx(1)] *const u8) -> Option<#[mem_idx(1)] *const u8> { Option::Some(p) }
#[no_mangle]
pub fn shapes(w: u32) -> [Shape; 3] { [Shape::Empty, Shape::Rect { w: w, h: 4 }, Shape::Pair(-2, (true, 9))] }
#[no_mangle]
pub fn tuple() -> (u32, i8, Option<u8>) { (7, -1, Option::Some(2)) }
#[no_mangle]
pub fn one() -> (u8,) { (3,) }
#[no_mangle]
pub fn fields() -> S { S { o: Option::Some(Option::None), p: (3,) } }
"""


def test_tuple_and_enum_results_print_as_rust_debug_does(tmp_path, capsys, engine):
    """Tuples and enums are returned through memory as structs are; an enum
    prints the variant its tag names, with that variant's fields."""
    calls = ["nested", "none", "far 32", "shapes 3", "tuple", "one", "fields"]
    options = [part for call in calls for part in ["--invoke", *call.split()]]
    status, out, err = farc_run(tmp_path, AGGREGATES, "--engine", engine, *options, capsys=capsys)
    assert status == 0, err
    assert out.splitlines() == ["Some(Some(5))", "None", "Some(0x20)", "[Empty, Rect { w: 3, h: 4 }, Pair(-2, (true, 9))]",
                                "(7, -1, Some(2))", "(3,)", "S { o: Some(None), p: (3,) }"]


def test_plain_main_runs_without_no_mangle(tmp_path, capsys, engine):
    status, out, err = farc_run(tmp_path, TYPES, "--engine", engine, capsys=capsys)
    assert (status, out) == (0, "42\n"), err


def test_missing_main_says_what_to_add(tmp_path, capsys):
    status, _, err = farc_run(tmp_path, TYPES.replace("fn main() -> u32 { 41 + 1 }", ""), capsys=capsys)
    assert status == 1
    assert "error[R0002]: the program has no function `main` to run" in err
    assert "add `fn main() { ... }`" in err


@pytest.mark.parametrize("args, message", [
    (["pass_u32", "4294967296"], "`4294967296` is out of range for `u32` (0..=4294967295)"),
    (["neg_i8", "128"], "`128` is out of range for `i8` (-128..=127)"),
    (["pass_u32", "-1"], "out of range for `u32`"),
    (["not", "1"], "is not a `bool`"),
    (["tenth", "1e39"], "out of range for `f32`"),
    (["pass_u32"], "`pass_u32` takes 1 argument but 0 given"),
])
def test_arguments_out_of_range_are_errors_not_wrapped(tmp_path, capsys, args, message):
    status, out, err = farc_run(tmp_path, TYPES, "--invoke", *args, capsys=capsys)
    assert status == 1 and out == ""
    assert "error[R0002]" in err and message in err and "fn " in err


MEMORIES = """#![memory(1, import = "host.input", min = 1)]
#![memory(2, min = 1, export = "output")]

#[no_mangle]
pub extern "C" fn copy(n: usize) -> u32 {
    let src = 0 as #[mem_idx(1)] *const u8;
    let dst = 0 as #[mem_idx(2)] *mut u8;
    let mut i = 0;
    let mut sum = 0u32;
    while i < n {
        unsafe { *dst.add(i) = *src.add(i) + 1; sum += *src.add(i) as u32; }
        i += 1;
    }
    sum
}

#[no_mangle]
pub extern "C" fn peek(i: usize) -> u8 {
    unsafe { *(0 as #[mem_idx(2)] *const u8).add(i) }
}
"""


def test_memory_files_fill_and_dump_memories(tmp_path, capsys, engine):
    (tmp_path / "in.bin").write_bytes(bytes([1, 2, 3, 4]))
    (tmp_path / "out_init.bin").write_bytes(b"\x09")
    status, out, err = farc_run(
        tmp_path, MEMORIES, "--engine", engine, "--memory", f"host.input={tmp_path / 'in.bin'}",
        "--memory", f"output@100={tmp_path / 'out_init.bin'}", "--invoke", "copy", "4", "--invoke", "peek", "100",
        "--dump-memory", f"2={tmp_path / 'dump.bin'}", capsys=capsys)
    assert status == 0, err
    assert out.splitlines() == ["10", "9"]
    dump = (tmp_path / "dump.bin").read_bytes()
    assert len(dump) == 65536 and dump[:5] == bytes([2, 3, 4, 5, 0]) and dump[100] == 9


def test_memory_files_name_a_reachable_memory(tmp_path, capsys):
    (tmp_path / "in.bin").write_bytes(b"x")
    for spec, problem in ((f"7={tmp_path / 'in.bin'}", "has no memory `7`"),
                          (f"1@x={tmp_path / 'in.bin'}", "`x` is not a byte offset"),
                          ("1", "expected NAME=FILE")):
        status, _, err = farc_run(tmp_path, MEMORIES, "--memory", spec, "--invoke", "peek", "0", capsys=capsys)
        assert status == 1 and "error[R0002]" in err and problem in err
    status, _, err = farc_run(tmp_path, MEMORIES, "--memory", f"1={tmp_path / 'missing.bin'}",
                              "--invoke", "peek", "0", capsys=capsys)
    assert status == 1 and "error[F0001]" in err


SPIN = """#[no_mangle]
pub extern "C" fn spin(n: u32) -> u32 {
    let mut i = 0u32;
    while i != n { i = i.wrapping_add(2); }
    i
}
"""


def test_time_limit_says_which_limit(tmp_path, capsys, engine):
    start = time.monotonic()
    status, _, err = farc_run(tmp_path, SPIN, "--engine", engine, "--timeout", "1", "--invoke", "spin", "1",
                              capsys=capsys)
    assert status == 1 and time.monotonic() - start < 60
    assert "error[R0003]: `spin` was stopped: the calls did not finish within 1 s" in err
    assert "--timeout SECONDS" in err


def test_fuel_limit(tmp_path, capsys):
    status, _, err = farc_run(tmp_path, SPIN, "--fuel", "10000", "--invoke", "spin", "1", capsys=capsys)
    assert status == 1 and "the calls used up all 10000 units of fuel" in err and "--fuel N" in err
    status, out, err = farc_run(tmp_path, SPIN, "--fuel", "100000", "--invoke", "spin", "100", capsys=capsys)
    assert (status, out) == (0, "100\n"), err


TRAPS = """#![memory(1, min = 1, max = 1, export = "far")]

#[no_mangle]
pub extern "C" fn far_read(i: usize) -> u32 {
    let p = 65532 as #[mem_idx(1)] *const u32;
    unsafe { *p.add(i) }
}

fn divide(a: u32, b: u32) -> u32 {
    a / b
}

#[no_mangle]
pub extern "C" fn far_write(i: usize, v: u64) {
    let p = 65528 as #[mem_idx(1)] *mut u64;
    unsafe { *p.add(i) = v; }
}

#[no_mangle]
pub extern "C" fn call_divide(b: u32) -> u32 {
    divide(7, b) + 1
}
"""


def test_traps_name_the_source_line_kind_and_memory(tmp_path, capsys, engine):
    status, _, err = farc_run(tmp_path, TRAPS, "--engine", engine, "-O0", "--invoke", "far_read", "1",
                              capsys=capsys)
    assert status == 1
    assert "error[B0004]: wasm trap in `far_read`" in err
    assert "prog.rs:6:14" in err and "out of bounds here" in err
    assert "a 4-byte access in memory 1 (exported as `far`)" in err
    assert "it accessed bytes 65536..65540 of memory 1 (address 65536), beyond the end of the memory" in err
    status, _, err = farc_run(tmp_path, TRAPS, "--engine", engine, "--invoke", "far_write", "3", "7",
                              capsys=capsys)
    assert status == 1 and "out of bounds here" in err and "prog.rs:16:" in err
    assert "`i64.store`, an 8-byte access" in err
    assert "bytes 65552..65560 of memory 1 (address 65552)" in err
    # (at -O0 a function's checks share one trap block, which V8 reports by its own offset)
    status, _, err = farc_run(tmp_path, TRAPS, "--engine", engine, "-O2", "--invoke", "call_divide", "0",
                              capsys=capsys)
    # farc checks the divisor and traps with `unreachable` (a panic, as in Rust): the line is the division's
    assert status == 1 and "error[B0004]: wasm trap in" in err and "prog.rs:10:5" in err
    assert "10 |     a / b" in err and "unreachable here" in err


LOGS = """extern "C" {
    fn log_i32(value: i32);
    fn log_f64(value: f64);
}

#[no_mangle]
pub extern "C" fn main() {
    unsafe { log_i32(-5); log_f64(0.5); }
}
"""


def test_logging_host_functions(tmp_path, capsys, engine):
    status, out, err = farc_run(tmp_path, LOGS, "--engine", engine, capsys=capsys)
    assert (status, out) == (0, "log: -5\nlog: 0.5\n"), err


def _reference_host_section() -> str:
    text = (ROOT / "docs" / "reference.md").read_text()
    return text.split("### Host functions of `farc run`", 1)[1].split("\n### ", 1)[0].split("\n## ", 1)[0]


def test_reference_documents_every_host_function():
    from compiler.runtime.request import HOST_BUILTINS, HOST_DECLARATIONS
    table = re.findall(r"^\| `(fn [^`]+)` +\|", _reference_host_section(), re.M)
    assert table == [HOST_DECLARATIONS[name] for name in HOST_BUILTINS]


def test_reference_host_example_prints_what_it_shows(tmp_path, capsys, engine):
    section = _reference_host_section()
    (source,) = re.findall(r"```rust\n(.*?)```", section, re.S)
    (shown,) = re.findall(r"```text\n(.*?)```", section, re.S)
    status, out, err = farc_run(tmp_path, source, "--engine", engine, capsys=capsys)
    assert (status, out) == (0, shown), err
    status, out, err = farc_run(tmp_path, source, "--engine", engine, "--invoke", "give_up", capsys=capsys)
    line = source.splitlines().index("    unsafe { abort(); }") + 1
    assert status == 1 and "error[B0004]: wasm trap in `give_up`: host abort" in err
    assert f"prog.rs:{line}:14" in err and "`abort` called here" in err


def test_host_function_with_another_signature_is_a_diagnostic(tmp_path, capsys, engine):
    status, _, err = farc_run(tmp_path, LOGS.replace("log_i32(value: i32)", "log_i32(value: i64)"),
                              "--engine", engine, capsys=capsys)
    assert status == 1 and "Traceback" not in err
    assert "error[R0001]: `log_i32` is declared with another signature than the host's `log_i32`" in err
    assert "prog.rs:2:" in err and "imported as (i64) -> (); the host's `log_i32` is (i32) -> ()" in err
    assert "declare it as `fn log_i32(value: i32);`" in err


def test_host_that_cannot_create_an_imported_memory(tmp_path, capsys, engine):
    text = '#![memory(1, memory64, import = "env.huge", min = 4294967296)]\n#[no_mangle]\npub extern "C" fn f() {}\n'
    status, _, err = farc_run(tmp_path, text, "--engine", engine, "--invoke", "f", capsys=capsys)
    assert status == 1 and "Traceback" not in err
    # wasmtime cannot create it; V8 refuses the module that asks for it already
    assert "error[R0001]" in err and ("the host cannot create the imported memory `env.huge`" in err
                                      or "initial memory size (4294967296" in err)


def _farc_command() -> list[str]:
    return [sys.executable, "-c", "from compiler.cli import run; run()"]


def test_exit_status_with_a_reader_that_closes_early(tmp_path):
    """`farc run ... | head -0`: whatever failed, and output that did not arrive, fail the command."""
    src = tmp_path / "prog.rs"
    src.write_text(TRAPS + '\n#[no_mangle]\npub extern "C" fn fine() -> u32 { 5 }\n'
                   '#[no_mangle]\npub extern "C" fn quiet() {}\n')
    cases = [  # (invocation, stderr into the same closed pipe as stdout (`2>&1 | head -0`), status)
        (["call_divide", "0"], False, 1),
        (["call_divide", "0"], True, 1),  # not even the diagnostic arrived
        (["fine"], False, 1),  # its result was lost
        (["quiet"], True, 0),  # nothing to say, nothing lost
    ]
    for invoke, merged, expected in cases:
        proc = subprocess.Popen([*_farc_command(), "run", str(src), "--invoke", *invoke], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT if merged else subprocess.PIPE)
        proc.stdout.close()  # the reader is gone before farc writes
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == expected, (invoke, merged, err)
        assert b"Traceback" not in (err or b""), err


@pytest.mark.parametrize("engine_name", ["wasmtime", pytest.param("node", marks=pytest.mark.node)])
def test_ctrl_c_stops_the_run_and_its_engine(tmp_path, engine_name):
    """Ctrl-C in the middle of a call that never ends: exit 130 at once, no engine left.
    (wasmtime runs in farc's process: its thread running the wasm must not hold the
    signal back; V8 is a child process that must go with farc.)"""
    if engine_name == "node" and not node_available():
        pytest.skip("Node 24 is not installed (run scripts/setup.sh)")
    src = tmp_path / "spin.rs"
    src.write_text(SPIN)
    proc = subprocess.Popen([*_farc_command(), "run", str(src), "--engine", engine_name, "--timeout", "600",
                             "--invoke", "spin", "1"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 240
        node = running = None
        while not running and time.monotonic() < deadline:  # wait until the engine runs
            if engine_name == "node":
                running = node = _child_node(proc.pid)
            else:  # the wasm thread and the time limit's timer have started
                running = len(list(Path(f"/proc/{proc.pid}/task").iterdir())) >= 3
            time.sleep(0.2)
        assert running, "the engine never started"
        time.sleep(1)  # into the endless call
        os.killpg(proc.pid, signal.SIGINT)
        started = time.monotonic()
        proc.wait(timeout=60)
        assert time.monotonic() - started < 10
        assert proc.returncode == 130, proc.stderr.read()
        assert node is None or not Path(f"/proc/{node}").exists() or _zombie(node)
    finally:
        if proc.poll() is None:
            proc.kill()


def _child_node(pid: int) -> int | None:
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid and b"harness.mjs" in cmdline:
            return int(entry.name)
    return None


def _zombie(pid: int) -> bool:
    try:
        return (Path(f"/proc/{pid}") / "stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def test_json_diagnostics_of_a_trap(tmp_path, capsys):
    status, _, err = farc_run(tmp_path, TRAPS, "--message-format=json", "-O0", "--invoke", "far_read", "1",
                              capsys=capsys)
    d = json.loads(err.splitlines()[0])
    assert status == 1 and d["code"]["code"] == "B0004"
    assert d["spans"][0]["line_start"] == 6 and d["spans"][0]["column_start"] == 14
