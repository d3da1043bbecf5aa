"""Runs of many generated programs: batches, worker processes, reduction, reproducers.

Used by `scripts/difftest.py` (the long run) and by the smoke test. A run
is deterministic in its seeds: program k of a run with `--seed S` is
`generate(S + k)`, so any disagreement is replayed with `--seed S+k --count 1`.
"""
from __future__ import annotations

import dataclasses
import multiprocessing
import time
from pathlib import Path
from typing import Callable, Iterator

from . import model as m
from .generate import Config, generate
from .oracles import (
    REFERENCE, Disagreement, Outcome, Report, all_variants, evaluate, rotating_variants, still_disagrees,
    variant_named,
)
from .reduce import reduce
from .render import NearLayout, render


@dataclasses.dataclass(frozen=True)
class Plan:
    seed: int
    count: int
    batch: int = 16
    #: 0: every variant for every program; K > 0: K compiled variants per program, taking turns
    rotate: int = 0
    config: Config = Config()

    def batches(self) -> Iterator[range]:
        for start in range(self.seed, self.seed + self.count, self.batch):
            yield range(start, min(start + self.batch, self.seed + self.count))


def variants_chooser(plan: Plan):
    return all_variants if plan.rotate == 0 else rotating_variants(plan.rotate)


def run_batch(plan: Plan, seeds: range) -> Report:
    """Evaluate the programs of `seeds` (one Node process for their V8 runs)."""
    programs = [(seed, generate(seed, plan.config)) for seed in seeds]
    chooser = variants_chooser(plan)
    offset = seeds.start - plan.seed  # rotation follows the position in the whole run
    report, _ = evaluate(programs, lambda k: chooser(offset + k))
    return report


def _run_batch_star(args) -> Report:
    return run_batch(*args)


def run(plan: Plan, jobs: int = 1, progress: Callable[[str], None] | None = None) -> Report:
    """All batches of `plan`, on `jobs` worker processes."""
    total = Report()
    started = time.monotonic()
    work = [(plan, seeds) for seeds in plan.batches()]
    if jobs <= 1:
        results: Iterator[Report] = map(_run_batch_star, work)
        pool = None
    else:
        pool = multiprocessing.get_context("fork").Pool(jobs)
        results = pool.imap(_run_batch_star, work)
    try:
        for report in results:
            total.merge(report)
            if progress:
                for d in report.disagreements:
                    progress(f"DISAGREE seed {d.seed} {d.oracle}/{d.facet} {d.variant}: "
                             f"{d.detail.splitlines()[0][:200] if d.detail else ''}")
                rate = total.programs / max(time.monotonic() - started, 1e-9)
                progress(f"{total.programs}/{plan.count} programs, {len(total.disagreements)} disagreements "
                         f"({rate:.2f} programs/s)")
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    return total


# ---------------------------------------------------------------------------
# reduction and reproducers


def signature(d: Disagreement) -> tuple[str, str, str]:
    """Disagreements that probably share a cause: same oracle, facet and kind of variant."""
    return d.oracle, d.facet, d.variant.split("-")[0] if d.oracle != "engine" else d.variant


def pick_for_reduction(disagreements: list[Disagreement], per_signature: int) -> list[Disagreement]:
    """At most `per_signature` disagreements per signature, one per seed."""
    chosen, seen_seeds, counts = [], set(), {}
    for d in disagreements:
        key = signature(d)
        if d.seed in seen_seeds or counts.get(key, 0) >= per_signature:
            continue
        counts[key] = counts.get(key, 0) + 1
        seen_seeds.add(d.seed)
        chosen.append(d)
    return chosen


def reduce_disagreement(d: Disagreement, config: Config, max_tries: int = 2000) -> tuple[m.Program, m.Program]:
    """(original program, reduced program) for `d`."""
    original = generate(d.seed, config)
    predicate = still_disagrees(d, original.trap_expected)
    if not predicate(original):  # flaky (engine timing, a crash): keep the original
        return original, original
    return original, reduce(original, predicate, max_tries=max_tries)


def _outcomes(program: m.Program, seed: int, names: list[str]) -> dict[str, Outcome]:
    variants = [variant_named(n) for n in names if n != REFERENCE.name]
    _, outs = evaluate([(seed, program)], lambda k: tuple(variants))
    return outs[seed]


def _value_text(value) -> str:
    return "()" if value is None else str(value)


def directives(program: m.Program, outcome: Outcome, trap_run: bool, differing: list[int]) -> list[str]:
    """tests/programs directives that replay one run with `outcome`'s results."""
    lines = ["// CALL: init()"]
    reads = outcome.trap_reads if trap_run else outcome.reads
    if trap_run:
        call = program.trap_call
        args = ", ".join(str(a) for a in call.args)
        if outcome.trapped:
            lines.append(f"// TRAP: {call.func}({args})")
        else:
            lines.append(f"// CALL: {call.func}({args}) -> {_value_text(outcome.trap_value)}")
    else:
        for call, value in zip(program.calls, outcome.values):
            args = ", ".join(str(a) for a in call.args)
            lines.append(f"// CALL: {call.func}({args}) -> {_value_text(value)}")
    for k in differing:
        if k < len(reads):
            region = program.regions[k]
            lines.append(f"// READ: {region.mem} {region.start} {reads[k].hex()}")
    return lines


def save_reproducer(out_dir: Path, d: Disagreement, original: m.Program, reduced: m.Program) -> Path:
    """Write the reduced program (far and near), the original, and what each variant did."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"seed{d.seed}-{d.oracle}-{d.facet}-{d.variant}"
    names = [REFERENCE.name, d.variant] + (["near-O0"] if d.variant != "near-O0" else [])
    names = list(dict.fromkeys(n for n in names if d.oracle not in ("reference", "expect") or n == REFERENCE.name))
    outs = _outcomes(reduced, d.seed, names)
    guess_name = "near-O0" if "near-O0" in outs and not outs["near-O0"].error else REFERENCE.name
    guess = outs[guess_name]
    trap_run = d.facet in ("trap", "trap_memory", "expect")
    differing = []
    ref, other = outs.get(REFERENCE.name), outs.get(d.variant)
    if ref and other and not ref.error and not other.error:
        a, b = (ref.trap_reads, other.trap_reads) if trap_run else (ref.reads, other.reads)
        differing = [k for k, (x, y) in enumerate(zip(a, b)) if x != y]
    header = [
        f"// difftest reproducer: seed {d.seed}, oracle `{d.oracle}`, facet `{d.facet}`, variant `{d.variant}`",
        f"// {d.detail.splitlines()[0][:300] if d.detail else ''}",
        f"// replay: .venv/bin/python scripts/difftest.py --seed {d.seed} --count 1",
    ]
    for name, o in outs.items():
        header.append(f"// {name}: error={o.error and o.error.splitlines()[0][:200]} values={o.values} "
                      f"trapped={o.trapped} trap_value={o.trap_value}")
    header.append(f"// directives below use the results of {guess_name}: check them before this becomes a test")
    if not guess.error:
        header += directives(reduced, guess, trap_run, differing)
    far = "\n".join(header) + "\n" + render(reduced, False)
    (out_dir / f"{stem}.rs").write_text(far)
    (out_dir / f"{stem}.near.rs").write_text(render(reduced, True))
    (out_dir / f"{stem}.original.rs").write_text(render(original, False))
    layout = NearLayout.of(reduced)
    details = [d.detail, "", f"near layout: bases {layout.base}, memory 0 pages {layout.pages}", ""]
    for name, o in outs.items():
        details.append(f"{name}: error={o.error} values={o.values} normal_trap={o.normal_trap} "
                       f"trapped={o.trapped} trap_value={o.trap_value}")
        reads = o.trap_reads if trap_run else o.reads
        for k in differing:
            if k < len(reads):
                region = reduced.regions[k]
                details.append(f"  region {k} (memory {region.mem} at {region.start}): {reads[k].hex()}")
    (out_dir / f"{stem}.txt").write_text("\n".join(details) + "\n")
    return out_dir / f"{stem}.rs"
