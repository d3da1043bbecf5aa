"""Ctrl-C during `farc build`: the process exits at once (status 130), leaves
no child process (LLVM's forked child, wasm-ld) and writes no file."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from compiler import processes

ROOT = Path(__file__).resolve().parent.parent


def children_of(pid: int) -> list[int]:
    """The pids whose parent is `pid` (from /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "X"  # a zombie ("Z") still counts: nobody reaped it


def slow_program(statements: int) -> str:
    """A program the front end checks in well under a second and LLVM takes
    seconds over: one function with thousands of dependent memory accesses."""
    body = "\n".join(f"        *p.add({k}) = *p.add({k - 1}) * {k} + *q.add({k % 7});"
                     for k in range(1, statements))
    return f'#[no_mangle]\npub extern "C" fn f(p: *mut u32, q: *mut u32) {{\n    unsafe {{\n{body}\n    }}\n}}\n'


def test_ctrl_c_in_code_generation_exits_at_once_without_children(tmp_path):
    src = tmp_path / "slow.rs"
    src.write_text(slow_program(2500))
    proc = subprocess.Popen([sys.executable, "-m", "compiler.cli", "build", str(src)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not (kids := children_of(proc.pid)):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "no code generation child appeared"
            time.sleep(0.01)
        time.sleep(0.2)  # LLVM is busy now
        assert all(alive(k) for k in kids)
        start = time.monotonic()
        proc.send_signal(signal.SIGINT)  # the parent only: a terminal would signal the whole group
        status = proc.wait(timeout=10)
        elapsed = time.monotonic() - start
    finally:
        proc.kill()
        proc.wait()
    assert status == 130, proc.stderr.read().decode()
    assert elapsed < 2.0, f"farc took {elapsed:.2f} s to stop"
    assert not [k for k in kids if alive(k)], "the code generation child outlived farc"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["slow.rs"], "an interrupted build wrote files"
    assert b"Traceback" not in proc.stderr.read()


def test_stop_all_kills_and_reaps_forked_and_spawned_children():
    spawned = subprocess.Popen(["sleep", "60"])
    forked = os.fork()
    if forked == 0:
        time.sleep(60)
        os._exit(0)
    processes.register(spawned.pid, spawned)
    processes.register(forked)
    assert processes.stop_all() == 2
    assert spawned.poll() == -signal.SIGKILL
    assert not alive(forked)
    assert processes.stop_all() == 0
