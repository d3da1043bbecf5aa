"""IR module -> wasm32 object, with LLVM kept at arm's length.

LLVM aborts the whole process on some input it dislikes (a failed
assertion, "LLVM ERROR: ..." from instruction selection) instead of raising.
A compiler must never die that way, so parse, verify, optimize, legalize
and object emission all run in a forked child process: the child sends the
result back over a pipe and its stderr goes to a temporary file. If the
child dies by a signal, exits without an answer, or LLVM reports an error
(parse error, verifier failure, a far access that survived legalization),
the parent reports an ICE diagnostic quoting LLVM's own message and returns
None.

Two orders exist (the benchmark compares them):
* default: optimize with address spaces visible, then legalize far accesses
  into intrinsic calls, then emit;
* `legalize_first=True` ("opaque intrinsics" baseline): legalize the
  unoptimized IR, then optimize (the optimizer sees only opaque calls).
"""
from __future__ import annotations

import faulthandler
import os
import pickle
import select
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field

from llvmlite import ir

from .. import messages as msg
from .. import processes
from ..diagnostics import DiagnosticSink

#: How much of the child's stderr an ICE quotes.
_STDERR_LINES = 12
#: LLVM gets this long for one module before it is considered stuck.
CHILD_TIMEOUT_S = 600.0


@dataclass
class CodegenResult:
    """What code generation produced.

    `optimized_ir_text` is the final IR (optimized and legalized: what became
    the object); `pre_legalize_ir_text` is the optimized IR before far
    accesses were legalized (address spaces still visible; in the
    legalize-first order, the legalized unoptimized IR)."""

    optimized_ir_text: str
    unoptimized_ir_text: str
    object_bytes: bytes
    pre_legalize_ir_text: str = ""
    #: CPU seconds of each step in the child (parse, optimize, legalize, emit), for bench/compile_speed.py
    timings: dict[str, float] = field(default_factory=dict)


class _Failure(Exception):
    """A failure the child reports back as an ICE (message and notes)."""

    def __init__(self, message: str, *notes: str) -> None:
        super().__init__(message, *notes)  # pickling rebuilds from args
        self.message = message
        self.notes = list(notes)


def _llvm_message(exc: BaseException) -> str:
    """LLVM's own words from an llvmlite exception, without Python noise."""
    text = str(exc).strip()
    return text or type(exc).__name__


def _parse(ir_text: str, what: str):
    import llvmlite.binding as llvm

    try:
        module = llvm.parse_assembly(ir_text)
    except RuntimeError as exc:
        raise _Failure(f"LLVM could not parse the {what}", _llvm_message(exc)) from None
    try:
        module.verify()
    except RuntimeError as exc:
        raise _Failure(f"the {what} does not pass LLVM's verifier", _llvm_message(exc)) from None
    return module


def _legalize_checked(module, what: str, for_isel: bool = True):
    """Legalize, re-parse, verify, cross-check the rewriting against LLVM's
    parse, and check that no far access and no 64-bit memory pointer survives.
    The legalized module and its text (LLVM's printing of it)."""
    from .legalize import LegalizeError, check_legalized, find_far_accesses, find_wide_pointers, legalize_ir

    try:
        result = legalize_ir(str(module), for_isel)
    except LegalizeError as exc:
        raise _Failure("a far memory access cannot be legalized", str(exc)) from None
    legalized = _parse(result.text, f"legalized {what}")
    problems = check_legalized(result, legalized)
    if problems:
        raise _Failure("legalization misread the IR (its model disagrees with LLVM's)", *problems[:5])
    text = str(legalized)
    survivors = find_far_accesses(legalized, text)
    if survivors:
        functions = sorted({s.function for s in survivors})
        raise _Failure(
            f"far memory access survived legalization in function(s) {', '.join(f'`{f}`' for f in functions)}",
            *(f"in `{s.function}`: {s.instruction}" for s in survivors[:5]),
            "a far access reaching instruction selection would silently access memory 0",
        )
    wide = find_wide_pointers(text, result.wide_spaces)
    if wide:
        raise _Failure(
            f"a 64-bit memory pointer survived legalization in {', '.join(sorted({f'`{w.where}`' for w in wide}))}",
            *(f"in `{w.where}`: {w.line}" for w in wide[:5]),
            "the wasm32 back end would truncate it to 32 bits",
        )
    return legalized, text


def run_pipeline(ir_text: str, opt_level: int, legalize_first: bool) -> CodegenResult:
    """The whole LLVM part, in this process (the child calls it)."""
    from .optimize import optimize, target_machine

    timings: dict[str, float] = {}
    clock = [time.process_time()]

    def step(name: str) -> None:
        now = time.process_time()
        timings[name] = timings.get(name, 0.0) + now - clock[0]
        clock[0] = now

    tm = target_machine(opt_level)
    module = _parse(ir_text, "generated IR")
    step("parse")
    if legalize_first:
        # the preparation for instruction selection waits for the optimized IR
        module, pre_legalize = _legalize_checked(module, "unoptimized IR", for_isel=False)
        step("legalize")
        optimize(module, opt_level, tm)
        step("optimize")
        # the optimizer cannot make new far accesses out of opaque calls; check anyway
        module, final_text = _legalize_checked(module, "optimized IR")
    else:
        optimize(module, opt_level, tm)
        step("optimize")
        pre_legalize = str(module)
        module, final_text = _legalize_checked(module, "optimized IR")
    step("legalize")
    try:
        obj = tm.emit_object(module)
    except RuntimeError as exc:
        raise _Failure("LLVM could not emit the object file", _llvm_message(exc)) from None
    step("emit object")
    return CodegenResult(final_text, ir_text, bytes(obj), pre_legalize, timings)


def compile_to_object(module: ir.Module | str, opt_level: int, sink: DiagnosticSink,
                      legalize_first: bool = False) -> CodegenResult | None:
    """Optimize (-O`opt_level`), legalize and emit `module` as a wasm32 object.

    Runs in a forked child; any LLVM failure or crash becomes an ICE in
    `sink` and None is returned."""
    ir_text = module if isinstance(module, str) else str(module)
    return run_guarded(ir_text, opt_level, sink, legalize_first)


def run_guarded(ir_text: str, opt_level: int, sink: DiagnosticSink,
                legalize_first: bool = False, timeout_s: float = CHILD_TIMEOUT_S) -> CodegenResult | None:
    """`run_pipeline` in a child process (see the module docstring); a child
    still running after `timeout_s` seconds is killed (ICE)."""
    if not hasattr(os, "fork"):  # pragma: no cover - farc runs on Linux
        return _report(sink, _in_process(ir_text, opt_level, legalize_first))
    sys.stdout.flush()
    sys.stderr.flush()
    read_fd, write_fd = os.pipe()
    with tempfile.TemporaryFile() as errors:
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # child: never return into the caller's code
            status = 1
            try:
                os.close(read_fd)
                os.dup2(errors.fileno(), 2)
                _die_with_parent(parent)
                # a Python stack dump of the child (faulthandler, inherited
                # from pytest or `-X faulthandler`) would only be noise
                faulthandler.disable()
                payload = pickle.dumps(_in_process(ir_text, opt_level, legalize_first))
                with os.fdopen(write_fd, "wb") as pipe:
                    pipe.write(payload)
                status = 0
            finally:
                os._exit(status)
        processes.register(pid)
        os.close(write_fd)
        try:
            data = _read_until_eof(read_fd, timeout_s)
        except BaseException:  # interrupted (Ctrl-C in the main thread): the child goes too
            processes.unregister(pid)
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise
        processes.unregister(pid)
        if data is None:  # LLVM is stuck: stop it, report, move on
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            sink.ice(f"LLVM did not finish compiling this program within {timeout_s:g} s",
                     "the code generation process was stopped")
            return None
        _, wait_status = os.waitpid(pid, 0)
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    if os.WIFSIGNALED(wait_status) or not data:
        return _report_crash(sink, wait_status, stderr)
    try:
        outcome = pickle.loads(data)
    except Exception:  # noqa: BLE001 - a truncated answer is a crash too
        return _report_crash(sink, wait_status, stderr)
    return _report(sink, outcome)


def _die_with_parent(parent: int) -> None:
    """In the child: SIGINT (Ctrl-C reaches the whole process group) ends it
    at once, even inside LLVM, where Python's handler would wait for LLVM to
    return; and it is killed when the thread that forked it ends, so a
    parent that is killed itself leaves no orphan compiling on (Linux)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _read_until_eof(fd: int, timeout_s: float) -> bytes | None:
    """Everything the child writes to `fd`, or None if it takes longer than
    `timeout_s` seconds in total. Closes `fd`."""
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout_s
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            ready, _, _ = select.select([fd], [], [], remaining)
            if not ready:
                return None
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
    finally:
        os.close(fd)


#: What a child that ran out of memory reports (`_report` turns it into B0010, not an ICE).
_OUT_OF_MEMORY = "out of memory"
#: How LLVM, the C++ runtime and Python say they ran out of memory on stderr.
_OUT_OF_MEMORY_SIGNS = ("LLVM ERROR: out of memory", "std::bad_alloc", "MemoryError", "Cannot allocate memory")


def _in_process(ir_text: str, opt_level: int, legalize_first: bool) -> CodegenResult | _Failure:
    try:
        return run_pipeline(ir_text, opt_level, legalize_first)
    except _Failure as failure:
        return failure
    except MemoryError:
        return _Failure(_OUT_OF_MEMORY)
    except Exception as exc:  # noqa: BLE001 - becomes an ICE, never a traceback
        return _Failure(f"code generation failed: {type(exc).__name__}", _llvm_message(exc))


def _report(sink: DiagnosticSink, outcome: CodegenResult | _Failure) -> CodegenResult | None:
    if isinstance(outcome, _Failure):
        if outcome.message == _OUT_OF_MEMORY:
            report_out_of_memory(sink, "in LLVM")
        else:
            sink.ice(outcome.message, *outcome.notes)
        return None
    return outcome


def report_out_of_memory(sink: DiagnosticSink, where: str) -> None:
    """B0010: a resource limit of this machine (or of `ulimit -v`), not a bug in farc."""
    sink.report(msg.OUT_OF_MEMORY(where=where)).with_note(msg.NOTE_OUT_OF_MEMORY).with_help(msg.HELP_OUT_OF_MEMORY)


def _report_crash(sink: DiagnosticSink, wait_status: int, stderr: str) -> None:
    if os.WIFSIGNALED(wait_status):
        signum = os.WTERMSIG(wait_status)
        try:
            how = f"was killed by {signal.Signals(signum).name}"
        except ValueError:
            how = f"was killed by signal {signum}"
    else:
        how = f"exited with status {os.WEXITSTATUS(wait_status)} without an answer"
    lines = [line for line in stderr.splitlines() if line.strip()]
    if any(sign in line for line in lines for sign in _OUT_OF_MEMORY_SIGNS):
        report_out_of_memory(sink, "in LLVM")
        return None
    # LLVM's own diagnosis ("LLVM ERROR: ...") first, then the tail of the rest
    errors = [line for line in lines if "error" in line.lower()]
    quoted = (errors or lines)[:_STDERR_LINES]
    notes = [f"LLVM said: {line.strip()}" for line in quoted] or ["LLVM printed nothing"]
    sink.ice(f"LLVM crashed while compiling this program (the code generation process {how})", *notes)
    return None


__all__ = ["CodegenResult", "compile_to_object", "run_guarded", "run_pipeline"]
