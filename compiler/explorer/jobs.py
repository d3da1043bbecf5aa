"""Compiling what the page sends, inside limits.

Every compilation runs in its own child process, so whatever a program does
to the compiler (run it out of memory, make it loop, crash LLVM) ends with
that child. The children come from a multiprocessing fork server started
once, which has farc already imported (a fresh process per request would pay
Python's and farc's start-up every time; forking the threaded HTTP server
itself is unsafe). Each child

* puts itself in a process group of its own, so that killing the group also
  ends the LLVM process `compiler.codegen.emit` forks;
* caps its address space (RLIMIT_AS) and CPU time (RLIMIT_CPU; both are
  inherited by that LLVM process);
* sends back the `report.explore` dict over a pipe.

The parent waits at most `Limits.timeout_s`, then kills the group. A limit
that was hit comes back as a B0008 diagnostic; a child that died otherwise as
an internal compiler error. At most `Limits.concurrent` compilations run at
once; the others wait for a slot.
"""
from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import threading
from dataclasses import dataclass

from ..diagnostics import DiagnosticSink
from .report import Options, empty_report

#: what the fork server imports once (warm.py also compiles a small program), so each child starts warm
PRELOAD = ["compiler.explorer.warm"]


#: the least address space a compilation can run in: the driver reserves 1 GiB for
#: the stack of its deep-recursion thread (under a smaller cap that thread cannot start)
MIN_MEMORY_BYTES = 1536 * 1024**2


@dataclass(frozen=True)
class Limits:
    """What one compilation may use."""

    #: largest accepted source, in UTF-8 bytes
    max_source_bytes: int = 256 * 1024
    #: wall-clock time for one compilation (the child is killed after it)
    timeout_s: float = 30.0
    #: address space of the compiling process (and of the LLVM process it forks), at
    #: least MIN_MEMORY_BYTES
    memory_bytes: int = 4 * 1024**3
    #: compilations running at the same time
    concurrent: int = 2

    def __post_init__(self) -> None:
        if self.memory_bytes < MIN_MEMORY_BYTES:
            raise ValueError(f"a compilation needs at least {MIN_MEMORY_BYTES // 1024**2} MiB of address space")
        if self.timeout_s <= 0 or self.max_source_bytes <= 0 or self.concurrent < 1:
            raise ValueError("the explorer's limits must be positive")


def limit_exceeded(message: str, help_text: str) -> dict:
    """A report with no outputs and one B0008 diagnostic."""
    sink = DiagnosticSink()
    sink.error("B0008", message).with_help(help_text)
    report = empty_report()
    report["diagnostics"] = [d.to_json() for d in sink.diagnostics]
    return report


def _crashed(how: str) -> dict:
    sink = DiagnosticSink()
    sink.ice(f"the explorer's compile process {how}")
    report = empty_report()
    report["diagnostics"] = [d.to_json() for d in sink.diagnostics]
    return report


def _out_of_memory(limits: Limits) -> dict:
    return limit_exceeded(
        f"compiling this program needs more than the {limits.memory_bytes // 1024**2} MiB the explorer allows",
        "the explorer limits each compilation's memory (`farc serve --memory-limit-mb N`)")


def _ran_out_of_memory(report: dict) -> bool:
    """Whether a phase hit the address-space cap: the driver and LLVM's child
    report it as B0010 (compiling ran out of memory)."""
    return any((d["code"] or {}).get("code") == "B0010" for d in report["diagnostics"])


def _child(text: str, options: Options, limits: Limits, conn) -> None:
    """Runs in the forked child: limits first, then the compilation."""
    from .report import explore

    os.setpgrp()
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    cpu = int(limits.timeout_s) + 2  # a backstop; the parent's wall-clock timeout comes first
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    try:
        report = explore(text, options)
        if _ran_out_of_memory(report):
            report = _out_of_memory(limits)
    except MemoryError:
        report = _out_of_memory(limits)
    conn.send(report)
    conn.close()


class Compiler:
    """Runs compilations in limited child processes (thread-safe)."""

    def __init__(self, limits: Limits = Limits()) -> None:
        self.limits = limits
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(PRELOAD)
        self._slots = threading.BoundedSemaphore(limits.concurrent)

    def check_size(self, text: str) -> dict | None:
        """A B0008 report when `text` is larger than the limit, else None."""
        size = len(text.encode("utf-8", "surrogatepass"))
        if size <= self.limits.max_source_bytes:
            return None
        return limit_exceeded(
            f"the program is {size} bytes long; the explorer compiles at most {self.limits.max_source_bytes}",
            "compile larger programs with `farc build`")

    def compile(self, text: str, options: Options) -> dict:
        too_big = self.check_size(text)
        if too_big is not None:
            return too_big
        with self._slots:
            return self._run_child(text, options)

    def _run_child(self, text: str, options: Options) -> dict:
        receiver, sender = self._context.Pipe(duplex=False)
        process = self._context.Process(target=_child, args=(text, options, self.limits, sender), daemon=True)
        process.start()
        sender.close()
        try:
            if receiver.poll(self.limits.timeout_s):
                try:
                    return receiver.recv()
                except EOFError:
                    pass  # died before answering: see below
            else:
                _kill_group(process)
                return limit_exceeded(
                    f"compiling this program took longer than {self.limits.timeout_s:g} s",
                    "the explorer stops long compilations (`farc serve --compile-timeout S`)")
        finally:
            receiver.close()
            process.join(5)
            if process.is_alive():
                _kill_group(process)
                process.join()
        code = process.exitcode
        if code is not None and -code in (signal.SIGXCPU, signal.SIGKILL):
            return limit_exceeded("compiling this program used more CPU time than the explorer allows",
                                  "the explorer stops long compilations (`farc serve --compile-timeout S`)")
        return _crashed(f"died without an answer (exit status {code})")


def _kill_group(process) -> None:
    """Kill the child and everything in its process group (the LLVM process it forked)."""
    if process.pid is None:
        return
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        process.kill()  # not yet in its own group
