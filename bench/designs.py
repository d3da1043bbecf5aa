"""The four designs side by side (issue 12), measured in one run.

`examples/designs/<design>/<program>.rs` is the same program written in each
design (`near` is the baseline: everything in memory 0). Every program
exports the same functions with the same meaning (`PROGRAMS` says which,
and what they must return: a Python reference, so the designs are checked
against an independent computation, not against each other).

`python -m bench.designs` builds every program in every design, checks the
results in wasmtime and V8, and measures per design: source size (tokens of
the program file; the design-4 library `fat.rs` is counted once, apart),
compile time at -O2, the size of the code section, the instructions of the
hot loop (the innermost loop reached from the timed export), and run time in
both engines as ratios to the near program, measured side by side in one
plan per engine (bench/plan.py). `--write-docs` puts the tables, with the
machine and the commit, into docs/design.md.

The misuse corpus (`tests/designs/<mistake>/<design>.rs`) states per file
what the design does with the mistake (`// OUTCOME: ...`, checked by
tests/test_designs.py); `misuse_table` turns it into the table of
docs/design.md.
"""
from __future__ import annotations

import argparse
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from compiler.diagnostics import DiagnosticSink
from compiler.driver import Artifacts, compile_source
from compiler.source import SourceFile
from compiler.syntax.parser import tokenize
from compiler.wasm.binary import KIND_FUNC, Module, decode_bodies, parse_module

from .plan import Call, CaseSpec, InstanceSpec, Plan, PlanResult
from .reference import xorshift_stream

ROOT = Path(__file__).resolve().parent.parent
DESIGN_DIR = ROOT / "examples" / "designs"
CORPUS_DIR = ROOT / "tests" / "designs"
DOC = ROOT / "docs" / "design.md"
MASK = 0xFFFF_FFFF


@dataclass(frozen=True)
class Design:
    key: str  # the folder of its programs (examples/designs/KEY) and corpus files (tests/designs/*/KEY.rs)
    title: str
    library: str | None = None  # a module file of the folder that the programs share


DESIGNS = (
    Design("near", "near (memory 0)"),
    Design("d1_typed", "1. memory in the pointer type"),
    Design("d2_intrinsics", "2. intrinsics only"),
    Design("d3_pointee", "3. memory of the pointee type"),
    Design("d4_fat", "4. fat far pointers", library="fat.rs"),
)
FAR_DESIGNS = tuple(d for d in DESIGNS if d.key != "near")


def design_named(key: str) -> Design:
    return next(d for d in DESIGNS if d.key == key)


# ---------------------------------------------------------------------------
# The reference computations (what every design's program must return)

def sum_ref(n: int, seed: int) -> int:
    return sum(xorshift_stream(seed, n)) & MASK


def copy_ref(n: int, seed: int) -> int:
    h = 2166136261
    for x in xorshift_stream(seed, n):
        h = ((h ^ (x & 0xFF)) * 16777619) & MASK
    return h


def structs_ref(n: int, seed: int, rounds: int) -> list[int]:
    parts = [[s, s >> 7, s & 15, (s >> 4) & 15] for s in xorshift_stream(seed, n)]
    results = []
    for _ in range(rounds):
        acc = 0
        for p in parts:
            p[0] = (p[0] + p[2]) & MASK
            p[1] = (p[1] + p[3]) & MASK
            acc = (acc + (p[0] ^ p[1])) & MASK
        results.append(acc)
    return results


def key_of(seed: int) -> tuple[int, int]:
    return seed ^ 0x9E3779B9, ((seed << 7) & MASK) | (seed >> 25) | 1


def seal_ref(seed: int, v: int) -> int:
    k0, k1 = key_of(seed)
    return ((v ^ k0) * k1) & MASK


def secret_run_ref(n: int) -> int:
    acc = 0
    for i in range(n):
        acc = (acc + (i ^ acc)) & MASK  # unseal(seal(x)) == x
    return acc


def generic_ref(n: int, seed: int) -> int:
    return (sum_ref(n, seed) * 3 + sum_ref(n, seed ^ 0x5555)) & MASK


@dataclass(frozen=True)
class Program:
    """One program of examples/designs: the calls that check it (export,
    arguments, expected result or None) and the calls that time it."""

    name: str
    title: str
    checks: Callable[[int], list[tuple[str, list[int], int | None]]]
    init: Callable[[int], Call]
    timed: Callable[[int], Call]
    size: int  # elements of the measured run
    check_size: int = 1000


SEED = 0x1234567

PROGRAMS = (
    Program("sum", "sum over a far buffer",
            lambda n: [("init", [n, SEED], None), ("run", [n], sum_ref(n, SEED))],
            lambda n: Call("init", [n, SEED]), lambda n: Call("run", [n]), 16384),
    Program("copy", "copy between two memories",
            lambda n: [("init", [n, SEED], None), ("run", [n], None), ("check", [n], copy_ref(n, SEED))],
            lambda n: Call("init", [n, SEED]), lambda n: Call("run", [n]), 65536),
    Program("structs", "struct array in a far memory",
            lambda n: [("init", [n, SEED], None)] + [("run", [n], r) for r in structs_ref(n, SEED, 2)],
            lambda n: Call("init", [n, SEED]), lambda n: Call("run", [n]), 8192),
    Program("secret", "secret in its own memory (seal/unseal)",
            lambda n: [("set_key", [SEED], None), ("seal", [n], seal_ref(SEED, n)),
                       ("unseal", [seal_ref(SEED, n)], n), ("run", [n], secret_run_ref(n))],
            lambda n: Call("set_key", [SEED]), lambda n: Call("run", [n]), 4096),
    Program("counter", "atomic counter in a shared far memory",
            lambda n: [("init", [SEED & 0xFFFF], None), ("run", [n], ((SEED & 0xFFFF) + n) & MASK),
                       ("run", [n], ((SEED & 0xFFFF) + 2 * n) & MASK)],
            lambda n: Call("init", [0]), lambda n: Call("run", [n]), 16384),
    Program("generic", "generic function used on two memories",
            lambda n: [("init", [n, SEED], None), ("run", [n], generic_ref(n, SEED))],
            lambda n: Call("init", [n, SEED]), lambda n: Call("run", [n]), 16384),
)


def program_named(name: str) -> Program:
    return next(p for p in PROGRAMS if p.name == name)


def program_path(design: Design, program: Program) -> Path:
    return DESIGN_DIR / design.key / f"{program.name}.rs"


def available(design: Design, program: Program) -> bool:
    return program_path(design, program).exists()


# ---------------------------------------------------------------------------
# Building and static measures

class DesignBuildError(Exception):
    """A program of examples/designs did not compile (the message quotes the diagnostics)."""


def build(path: Path, opt_level: int = 2) -> Artifacts:
    sink = DiagnosticSink()
    out = compile_source(SourceFile.read(path), sink, opt_level)
    if out.wasm is None or sink.has_errors:
        raise DesignBuildError(f"{path.relative_to(ROOT)} at -O{opt_level}:\n{sink.render()}")
    return out


def token_count(path: Path) -> int:
    """Tokens of a source file (comments and attributes' brackets included as tokens, as written)."""
    return len(tokenize(path.read_text()))


def code_size(wasm: bytes) -> int:
    """Bytes of the code section's function bodies."""
    return sum(len(body.raw) for body in parse_module(wasm).code)


@dataclass(frozen=True)
class HotLoop:
    instructions: int  # instructions inside the innermost loop (0: no loop)
    calls: int  # call instructions among them
    memory_dispatch: int  # br_table / br_if / if inside it (a design-4 dispatch shows up here)


def _exported_function(module: Module, export: str) -> int | None:
    for e in module.exports:
        if e.kind == KIND_FUNC and e.name == export:
            return e.index
    return None


def _loops(module: Module, func_index: int) -> list[tuple[int, list[str]]]:
    """(nesting depth, instruction names inside) for every loop of a defined function."""
    body = module.code[func_index - module.num_imported_funcs]
    stack: list[tuple[str, int, int]] = []  # (opening instruction, index of its first body instruction, depth)
    names = [i.name for i in body.instrs or []]
    loops = []
    for index, name in enumerate(names):
        if name in ("block", "loop", "if", "try_table"):
            depth = sum(1 for kind, _, _ in stack if kind == "loop")
            stack.append((name, index + 1, depth))
        elif name == "end" and stack:
            kind, first, depth = stack.pop()
            if kind == "loop":
                loops.append((depth, names[first:index]))
    return loops


def _callees(module: Module, func_index: int) -> list[int]:
    body = module.code[func_index - module.num_imported_funcs]
    return [i.imm[0] for i in body.instrs or [] if i.name == "call" and i.imm[0] >= module.num_imported_funcs]


def hot_loop(wasm: bytes, export: str) -> HotLoop:
    """The innermost loop (the largest one at the deepest level) of the export
    and of the functions it calls directly, transitively."""
    module = decode_bodies(parse_module(wasm))
    start = _exported_function(module, export)
    if start is None:
        raise KeyError(export)
    seen, todo, loops = set(), [start], []
    while todo:
        f = todo.pop()
        if f in seen or f < module.num_imported_funcs:
            continue
        seen.add(f)
        loops += _loops(module, f)
        todo += _callees(module, f)
    if not loops:
        return HotLoop(0, 0, 0)
    deepest = max(depth for depth, _ in loops)
    names = max((body for depth, body in loops if depth == deepest), key=len)
    return HotLoop(len(names), sum(1 for n in names if n in ("call", "call_indirect")),
                   sum(1 for n in names if n in ("br_table", "br_if", "if")))


# ---------------------------------------------------------------------------
# Running

def unsigned(value: object) -> object:
    """An i32 result as the u32 the programs compute (engines return i32 signed)."""
    return value & MASK if isinstance(value, int) else value


def run_checks(artifacts: Artifacts, program: Program, engine: str, n: int | None = None):
    """The program's check calls in one instance: (RunResult, expected values)."""
    from compiler.runtime import RunRequest, run_node, run_wasmtime
    calls = program.checks(n if n is not None else program.check_size)
    request = RunRequest(wasm=artifacts.wasm, memories=artifacts.program.memories,
                         calls=[(name, args) for name, args, _ in calls])
    runner = run_wasmtime if engine == "wasmtime" else run_node
    return runner(request), [expected for _, _, expected in calls]


@dataclass
class Row:
    """The measures of one program in one design."""

    design: str
    program: str
    tokens: int
    compile_s: float
    code_bytes: int
    loop: HotLoop
    ratios: dict[str, float] = field(default_factory=dict)  # engine -> median per-round time / near's


def _median_ratio(mine: list[float], near: list[float]) -> float:
    return statistics.median(a / b for a, b in zip(mine, near) if b > 0)


def measure(quick: bool = False, log=print, programs: tuple[Program, ...] = PROGRAMS) -> list[Row]:
    from . import v8_harness, wasmtime_harness
    from .measure import Settings
    settings = Settings.for_mode(quick)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="farc-designs-") as tmp:
        for program in programs:
            designs = [d for d in DESIGNS if available(d, program)]
            built: dict[str, bytes] = {}
            times: dict[str, list[float]] = {d.key: [] for d in designs}
            for _ in range(1 if quick else 3):  # compile times interleaved across designs
                for d in designs:
                    start = time.perf_counter()
                    artifacts = build(program_path(d, program))
                    times[d.key].append(time.perf_counter() - start)
                    built[d.key] = artifacts.wasm
                    for engine in ("wasmtime", "v8"):
                        result, expected = run_checks(artifacts, program, engine)
                        if result.error or result.trap or any(
                                e is not None and unsigned(v) != e for v, e in zip(result.values, expected)):
                            raise AssertionError(f"{d.key}/{program.name} in {engine}: {result.values} "
                                                 f"!= {expected} ({result.error or result.trap})")
            n = 512 if quick else program.size
            instances, cases = [], []
            for d in designs:
                path = Path(tmp) / f"{program.name}-{d.key}.wasm"
                path.write_bytes(built[d.key])
                instances.append(InstanceSpec(d.key, str(path), init=program.init(n)))
                cases.append(CaseSpec(d.key, d.key, program.timed(n)))
            plan = Plan(instances, cases, settings.warmup, settings.min_reps, settings.max_reps,
                        settings.budget_s / 2, settings.min_sample_s, settings.epochs).with_orders()
            results: dict[str, PlanResult] = {"wasmtime": wasmtime_harness.run_plan(plan)}
            if v8_harness.available():
                results["v8"] = v8_harness.run_plan(plan)
            for d in designs:
                path = program_path(d, program)
                row = Row(d.key, program.name, token_count(path), statistics.median(times[d.key]),
                          code_size(built[d.key]), hot_loop(built[d.key], program.timed(n).export))
                for engine, res in results.items():
                    if res.error:
                        raise AssertionError(f"{engine}: {res.error}")
                    mine, near = res.case(d.key), res.case("near")
                    row.ratios[engine] = _median_ratio(mine.per_call_ns, near.per_call_ns)
                rows.append(row)
                log(f"{program.name:8} {d.key:14} tokens {row.tokens:4}  compile {row.compile_s * 1000:6.0f} ms  "
                    f"code {row.code_bytes:5} B  loop {row.loop.instructions:3} instr  "
                    + "  ".join(f"{e} {r:5.2f}x" for e, r in row.ratios.items()))
    return rows


# ---------------------------------------------------------------------------
# Tables

def _ratio_to_near(rows: list[Row], row: Row, value: Callable[[Row], float]) -> str:
    near = next(r for r in rows if r.program == row.program and r.design == "near")
    base = value(near)
    return f"{value(row) / base:.2f}" if base else "-"


def results_table(rows: list[Row]) -> list[str]:
    lines = ["| program | design | tokens | compile -O2 | code bytes | hot loop (instr / calls / branches) "
             "| wasmtime | V8 |", "|---|---|---|---|---|---|---|---|"]
    for row in rows:
        title = design_named(row.design).title
        loop = f"{row.loop.instructions} / {row.loop.calls} / {row.loop.memory_dispatch}" if row.loop.instructions \
            else "no loop"
        lines.append(f"| {row.program} | {title} | {row.tokens} | {row.compile_s * 1000:.0f} ms "
                     f"({_ratio_to_near(rows, row, lambda r: r.compile_s)}x) | {row.code_bytes} | {loop} | "
                     + " | ".join(f"{row.ratios[e]:.2f}x" if e in row.ratios else "-" for e in ("wasmtime", "v8"))
                     + " |")
    return lines


def library_tokens() -> dict[str, int]:
    return {d.key: token_count(DESIGN_DIR / d.key / d.library) for d in DESIGNS if d.library}


# ---- the misuse corpus ----

_OUTCOME = re.compile(r"^//\s*OUTCOME:\s*(rejected|trap|wrong|leak|contained|right)\b\s*(\S+)?\s*$")
_MISTAKE = re.compile(r"^//\s*MISTAKE:\s*(.+?)\s*$")
OUTCOME_TEXT = {
    "rejected": "rejected at compile time",
    "trap": "traps at run time",
    "wrong": "**silently reads the wrong data**",
    "leak": "**silently reads the secret memory**",
    "contained": "wrong data, but only within the pointer's own memory",
    "right": "no mistake to make: the program is right",
}


@dataclass(frozen=True)
class Outcome:
    kind: str
    code: str | None = None  # the diagnostic code of a rejection


def outcome_of(path: Path) -> Outcome:
    for line in path.read_text().splitlines():
        if m := _OUTCOME.match(line):
            return Outcome(m[1], m[2])
    raise ValueError(f"{path}: no `// OUTCOME:` line")


def mistake_of(path: Path) -> str:
    """What the mistake of a corpus file is (its MISTAKE line)."""
    for line in path.read_text().splitlines():
        if m := _MISTAKE.match(line):
            return m[1]
    raise ValueError(f"{path}: no `// MISTAKE:` line")


def corpus_files() -> list[Path]:
    """Every corpus program (`tests/designs/<design>/<mistake>.rs`; a design's library is not one)."""
    libraries = {d.library for d in DESIGNS if d.library}
    return sorted(p for p in CORPUS_DIR.glob("*/*.rs") if p.name not in libraries)


def mistakes() -> list[str]:
    """The mistakes of the corpus, in the order of the table (file stems)."""
    return sorted({p.stem for p in corpus_files()})


def misuse_table() -> list[str]:
    lines = ["| mistake | " + " | ".join(d.title for d in FAR_DESIGNS) + " |",
             "|---|" + "---|" * len(FAR_DESIGNS)]
    for mistake in mistakes():
        cells, described = [], None
        for d in FAR_DESIGNS:
            path = CORPUS_DIR / d.key / f"{mistake}.rs"
            if not path.exists():
                cells.append("not written")
                continue
            described = described or mistake_of(path)
            o = outcome_of(path)
            text = OUTCOME_TEXT[o.kind] + (f" ({o.code})" if o.code else "")
            cells.append(f"[{text}](../tests/designs/{d.key}/{mistake}.rs)")
        lines.append(f"| {described} | " + " | ".join(cells) + " |")
    return lines


# ---- docs/design.md ----

def section(name: str) -> tuple[str, str]:
    return f"<!-- {name}: generated by `python -m bench.designs --write-docs` -->", f"<!-- end {name} -->"


def replace_section(text: str, name: str, body: list[str]) -> str:
    begin, end = section(name)
    start, stop = text.index(begin), text.index(end)
    return text[:start + len(begin)] + "\n" + "\n".join(body) + "\n" + text[stop:]


def section_body(text: str, name: str) -> list[str]:
    begin, end = section(name)
    return text[text.index(begin) + len(begin):text.index(end)].strip("\n").splitlines()


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip() or "unknown"
    from . import v8_harness, wasmtime_harness
    v8 = v8_harness.engine_version() if v8_harness.available() else "not installed"
    return (f"Measured on {cpu} ({platform.system()} {platform.release()}, Python {platform.python_version()}), "
            f"commit {commit}, wasmtime {wasmtime_harness.engine_version()}, V8 {v8}.")


def write_docs(rows: list[Row]) -> None:
    text = DOC.read_text()
    libs = ", ".join(f"{design_named(k).title}: {v} tokens" for k, v in library_tokens().items())
    body = [machine(), "", *results_table(rows), "",
            f"Libraries the programs use, counted once: {libs}."]
    text = replace_section(text, "design-measurements", body)
    text = replace_section(text, "design-misuse", misuse_table())
    DOC.write_text(text)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.designs", description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="small sizes and few rounds: shows that all runs")
    ap.add_argument("--write-docs", action="store_true", help="write the tables into docs/design.md")
    args = ap.parse_args(argv)
    rows = measure(quick=args.quick)
    print()
    print("\n".join(results_table(rows)))
    print()
    print("\n".join(misuse_table()))
    if args.write_docs:
        write_docs(rows)
        print(f"\nwrote {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
