"""The child processes a compilation is waiting for, so an interrupt can stop them.

Code generation runs LLVM in a forked child (`codegen/emit.py`) and linking
runs wasm-ld as a subprocess (`wasm/link.py`), both from the driver's worker
thread. Ctrl-C reaches only the main thread; without this registry the
worker would go on waiting and the children would go on running. The
driver calls `stop_all()` when the main thread is interrupted.

A pid is registered right after the child starts and unregistered before
it is reaped: as long as it is registered the pid cannot belong to another
process (an exited child stays a zombie until reaped), so `stop_all` never
signals a stranger.
"""
from __future__ import annotations

import os
import signal
import subprocess
import threading

_lock = threading.Lock()
_children: dict[int, subprocess.Popen | None] = {}


def register(pid: int, popen: subprocess.Popen | None = None) -> None:
    """Track a child: a forked pid, or a `Popen` (which reaps its own child)."""
    with _lock:
        _children[pid] = popen


def unregister(pid: int) -> None:
    """Stop tracking `pid`; call before reaping it."""
    with _lock:
        _children.pop(pid, None)


def stop_all() -> int:
    """SIGKILL every tracked child and reap the forked ones (the process is
    usually about to exit, and an unreaped child would linger as a zombie);
    how many. A thread still waiting for one of them gets ECHILD."""
    with _lock:
        children = list(_children.items())
        _children.clear()
        for pid, popen in children:
            try:
                if popen is not None:
                    popen.kill()  # Popen checks that its child is not already reaped
                else:
                    os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
    for pid, popen in children:
        try:
            if popen is not None:
                popen.wait(timeout=5)
            else:
                os.waitpid(pid, 0)
        except (OSError, subprocess.TimeoutExpired):
            pass  # reaped by the thread that started it
    return len(children)
