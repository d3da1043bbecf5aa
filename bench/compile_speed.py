"""Compile speed: the front end and the whole pipeline on a generated program.

`measure(lines, reps)` generates a program of about `lines` lines with
bench/gen_program.py and times
* the front end alone (`compiler.driver.check_source`: parse, check,
  monomorphize), reported as lines per second;
* `compile_source` end to end (front end, LLVM IR, optimization,
  legalization, object emission, wasm-ld, the wasm rewriter) at -O0 and -O2;
* one run per level split by phase, by calling the driver's phases in the
  same order as `compile_source` does (to show where the time goes).
Medians over `reps` runs. Runnable alone: `python -m bench.compile_speed [LINES]`.
"""
from __future__ import annotations

import statistics
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from compiler.diagnostics import DiagnosticSink
from compiler.driver import check_source, compile_source
from compiler.source import SourceFile

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_program import generate  # noqa: E402


@dataclass
class CompileSpeed:
    lines: int
    reps: int
    front_end_s: float  # median of check_source
    front_end_lines_per_s: float
    end_to_end_s: dict[str, float]  # "O0"/"O2" -> median of compile_source
    end_to_end_lines_per_s: dict[str, float]
    phases_s: dict[str, dict[str, float]] = field(default_factory=dict)  # "O2" -> phase -> seconds
    wasm_bytes: dict[str, int] = field(default_factory=dict)
    error: str | None = None

    def to_json(self) -> dict:
        return asdict(self)


def _timed(fn, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    return time.perf_counter() - start, value


def phase_times(source: SourceFile, opt_level: int) -> dict[str, float]:
    """One compilation split into the driver's phases (see compiler/driver.py)."""
    from compiler.codegen.emit import compile_to_object
    from compiler.codegen.build import build_module
    from compiler.driver import front_end
    from compiler.wasm.link import link
    from compiler.wasm.postlink import finalize

    sink = DiagnosticSink()
    out: dict[str, float] = {}
    out["front end"], program = _timed(front_end, source, sink)
    out["LLVM IR generation"], built = _timed(build_module, program, sink)
    module, segments = built  # type: ignore[misc]
    out["LLVM (optimize, legalize, emit)"], result = _timed(compile_to_object, module, opt_level, sink)
    out["wasm-ld"], linked = _timed(link, [result.object_bytes], sink)  # type: ignore[union-attr]
    out["wasm rewriter"], _ = _timed(finalize, linked, program.memories, segments, sink)  # type: ignore[union-attr]
    if sink.has_errors:
        raise RuntimeError(sink.render())
    return out


def measure(lines: int = 10_000, reps: int = 3, levels: tuple[int, ...] = (0, 2), log=print) -> CompileSpeed:
    text = generate(lines)
    count = text.count("\n") + 1
    source = SourceFile("generated.rs", text)
    front: list[float] = []
    for _ in range(reps):
        sink = DiagnosticSink()
        elapsed, program = _timed(check_source, source, sink)
        if program is None:
            return CompileSpeed(count, reps, 0, 0, {}, {}, error=f"front end failed:\n{sink.render()[:2000]}")
        front.append(elapsed)
    result = CompileSpeed(count, reps, statistics.median(front), count / statistics.median(front), {}, {})
    log(f"  front end: {result.front_end_s:.2f} s ({result.front_end_lines_per_s:,.0f} lines/s)")
    for level in levels:
        key = f"O{level}"
        times = []
        for _ in range(reps):
            sink = DiagnosticSink()
            elapsed, art = _timed(compile_source, source, sink, level)
            if art.wasm is None:  # type: ignore[union-attr]
                result.error = f"-O{level} failed:\n{sink.render()[:2000]}"
                return result
            times.append(elapsed)
            result.wasm_bytes[key] = len(art.wasm)  # type: ignore[union-attr,arg-type]
        result.end_to_end_s[key] = statistics.median(times)
        result.end_to_end_lines_per_s[key] = count / result.end_to_end_s[key]
        log(f"  compile_source -O{level}: {result.end_to_end_s[key]:.2f} s")
        try:
            result.phases_s[key] = phase_times(source, level)
        except Exception as err:  # noqa: BLE001 - the breakdown is optional; the totals above stand
            log(f"  (phase breakdown at -O{level} unavailable: {type(err).__name__}: {err})")
    return result


if __name__ == "__main__":
    import json

    speed = measure(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
    print(json.dumps(speed.to_json(), indent=2))
