"""Link wasm32 objects into one module with wasm-ld (from PyPI `ziglang`).

Flags, and why:
* `--no-entry`: farc programs are libraries of exported functions, no `_start`.
* no `--export-dynamic`: exports come from the `"wasm-export-name"` function
  attribute codegen sets, which marks the symbol exported in the object;
  exporting every visible symbol would also export helpers and runtime glue.
* `--strip-debug`: the rewriter re-encodes function bodies (intrinsic calls
  shrink), which would invalidate DWARF code offsets. `keep_debug=True`
  (the farc explorer) keeps them for reading the line table of the linked
  module; the rewrite then drops them (`passes.debug_sections`). The `name` section is
  not debug info for wasm-ld and is kept, so traps name functions.
* intrinsic imports (`farc:mem`) and other function imports come from the
  `"wasm-import-module"` attribute and need no flag; a call to a function that
  is neither defined nor imported is an undefined symbol and a link error.

Linker errors become B0001 diagnostics with the temporary paths removed; a
missing ziglang is B0003.
"""
from __future__ import annotations

import functools
import importlib.util
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from .. import processes
from ..diagnostics import DiagnosticSink

LINK_TIMEOUT_S = 120
MAX_LINK_ERRORS = 10

#: Base flags; `link` adds the inputs and output.
WASM_LD_FLAGS: tuple[str, ...] = ("--no-entry", "--strip-debug")


def ziglang_available() -> bool:
    return importlib.util.find_spec("ziglang") is not None


@functools.lru_cache(maxsize=1)
def wasm_ld_command() -> tuple[str, ...]:
    """How wasm-ld is started: the `zig` executable the ziglang package ships,
    directly (`python -m ziglang` only execs it, after a Python start-up that
    cost a third of the link), or through Python if it is not where expected."""
    spec = importlib.util.find_spec("ziglang")
    for location in (spec.submodule_search_locations or []) if spec is not None else []:
        zig = Path(location) / "zig"
        if zig.is_file() and os.access(zig, os.X_OK):
            return (str(zig), "wasm-ld")
    return (sys.executable, "-m", "ziglang", "wasm-ld")


def link(
    objects: list[bytes],
    sink: DiagnosticSink,
    *,
    stack_size: int | None = None,
    global_base: int | None = None,
    extra_flags: tuple[str, ...] = (),
    keep_debug: bool = False,
) -> bytes | None:
    """Link wasm32 object files; None (with diagnostics in `sink`) on failure.

    `stack_size` (bytes, a multiple of 16) overrides wasm-ld's 64 KiB default;
    `global_base` is where memory 0's data starts (`--global-base`; codegen's
    `BuiltModule.global_base`: farc placed statics below it, above the stack);
    `keep_debug` keeps the objects' DWARF sections.
    """
    if not ziglang_available():
        sink.error("B0003", "the wasm linker is missing: the Python package `ziglang` is not installed").with_help(
            "install it with `pip install ziglang` (it provides `python -m ziglang wasm-ld`)"
        )
        return None
    if not objects:
        sink.ice("link() called without any object file")
        return None
    with tempfile.TemporaryDirectory(prefix="farc-link-") as tmp:
        tmpdir = Path(tmp)
        inputs = []
        for i, obj in enumerate(objects):
            path = tmpdir / f"object{i}.o"
            path.write_bytes(obj)
            inputs.append(str(path))
        out = tmpdir / "program.wasm"
        flags = [f for f in WASM_LD_FLAGS if not (keep_debug and f == "--strip-debug")]
        cmd = [*wasm_ld_command(), *flags, *extra_flags]
        if stack_size is not None:
            cmd += ["-z", f"stack-size={stack_size}"]
        if global_base is not None:
            cmd.append(f"--global-base={global_base}")
        cmd += [*inputs, "-o", str(out)]
        try:
            returncode, output = _run_linker(cmd, tmp)
        except subprocess.TimeoutExpired:
            sink.error("B0001", f"linking failed: wasm-ld did not finish within {LINK_TIMEOUT_S} s")
            return None
        except OSError as err:
            sink.error("B0003", f"the wasm linker could not be started: {err.strerror or err}")
            return None
        if returncode != 0 or not out.is_file():
            report_linker_errors(output, tmp, sink)
            return None
        return out.read_bytes()


def _run_linker(cmd: list[str], cwd: str) -> tuple[int, str]:
    """(exit status, stderr + stdout) of wasm-ld, registered with
    `processes` so that an interrupted build stops it; killed on a timeout
    (TimeoutExpired) or an interrupt (re-raised)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd)
    processes.register(proc.pid, proc)
    try:
        stdout, stderr = proc.communicate(timeout=LINK_TIMEOUT_S)
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    finally:
        processes.unregister(proc.pid)
    return proc.returncode, stderr + stdout


_PREFIX = re.compile(r"^(?:.*?wasm-ld(?:\.exe)?|ld\.lld|lld):\s*", re.IGNORECASE)
_OBJECT = re.compile(r"object(\d+)\.o")


def clean_linker_message(line: str, tmpdir: str) -> str:
    """One wasm-ld output line without the tool prefix and temporary paths."""
    line = _PREFIX.sub("", line.strip())
    line = line.replace(tmpdir + "/", "").replace(tmpdir, "")
    line = _OBJECT.sub(lambda m: f"object #{m[1]}", line)
    return re.sub(r"^error:\s*", "", line)


def report_linker_errors(output: str, tmpdir: str, sink: DiagnosticSink) -> None:
    """Turn wasm-ld's stderr into at most MAX_LINK_ERRORS B0001 diagnostics."""
    messages: list[str] = []
    notes: list[str] = []
    for raw in output.splitlines():
        if not raw.strip():
            continue
        text = clean_linker_message(raw, tmpdir)
        if re.search(r"\berror:", raw) or not messages:
            if text not in messages:
                messages.append(text)
        elif len(notes) < MAX_LINK_ERRORS:
            notes.append(text)  # e.g. ">>> referenced by object #0" continuation lines
    if not messages:
        messages = ["wasm-ld failed without a message"]
    for text in messages[:MAX_LINK_ERRORS]:
        diag = sink.error("B0001", f"linking failed: {text}")
        if text.startswith("undefined symbol"):
            diag.with_help(
                "a function that is called must be defined in the program or declared as an import"
            )
    if len(messages) > MAX_LINK_ERRORS:
        sink.diagnostics[-1].with_note(f"{len(messages) - MAX_LINK_ERRORS} more linker errors not shown")
    for note in notes:
        sink.diagnostics[-1].with_note(note)
