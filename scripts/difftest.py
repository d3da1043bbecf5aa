"""The long run of farc's differential and metamorphic tester (tests/gen).

    .venv/bin/python scripts/difftest.py --seed 1000000 --count 2000 --jobs 2

Generates `--count` programs from `--seed` on, compiles each in every
variant (far -O0..-O3, the opaque-intrinsics build, the near twin at -O0
and -O2), runs them in wasmtime and V8 (one Node process per batch) and
compares every variant with the reference (far -O2 in wasmtime). Prints the
comparisons and disagreements per oracle; every disagreement (up to
`--reduce` per kind) is reduced and saved under `--out` as a reproducer:
`<stem>.rs` (the reduced far program with tests/programs directives),
`<stem>.near.rs`, `<stem>.original.rs` and `<stem>.txt`. The exit status is 1
if anything disagreed. Features with a known, recorded bug are left out
unless `--all-features` (see tests/gen/generate.py, KNOWN_BUGS).
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from gen import campaign  # noqa: E402
from gen.generate import FEATURES, KNOWN_BUGS, Config  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1_000_000, help="seed of the first program")
    parser.add_argument("--count", type=int, default=1000, help="number of programs")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (the machine has 2 cores)")
    parser.add_argument("--batch", type=int, default=16, help="programs per batch (one Node process each)")
    parser.add_argument("--rotate", type=int, default=0,
                        help="compiled variants per program, taking turns (0: all of them)")
    parser.add_argument("--reduce", type=int, default=3, help="disagreements to reduce per kind (0: none)")
    parser.add_argument("--all-features", action="store_true", help="also generate what KNOWN_BUGS avoids")
    parser.add_argument("--avoid", action="append", default=[], choices=sorted(FEATURES),
                        help="leave a feature out (repeatable)")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "difftest", help="where reproducers go")
    args = parser.parse_args(argv)

    config = Config(avoid=frozenset(args.avoid) | (frozenset() if args.all_features else frozenset(KNOWN_BUGS)))
    plan = campaign.Plan(args.seed, args.count, args.batch, args.rotate, config)
    print(f"difftest: seeds {args.seed}..{args.seed + args.count - 1}, {args.jobs} job(s), "
          f"avoiding {sorted(config.avoid) or 'nothing'}", flush=True)
    started = time.monotonic()
    report = campaign.run(plan, args.jobs, progress=lambda text: print(f"  {text}", flush=True))
    print(report.summary(), flush=True)
    print(f"  ({time.monotonic() - started:.0f} s)")
    saved = []
    for d in campaign.pick_for_reduction(report.disagreements, args.reduce):
        original, reduced = campaign.reduce_disagreement(d, config)
        path = campaign.save_reproducer(args.out, d, original, reduced)
        saved.append(str(path))
        print(f"reproducer: {path}", flush=True)
    summary = {
        "seed": args.seed, "count": args.count, "avoid": sorted(config.avoid),
        "programs": report.programs, "checks": dict(report.checks), "traps": dict(report.traps),
        "disagreements": [dataclasses.asdict(d) for d in report.disagreements], "reproducers": saved,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"summary-{args.seed}-{args.count}.json").write_text(json.dumps(summary, indent=1) + "\n")
    return 1 if report.disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
