"""`python -m tests.fuzz`: see the package docstring."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .runner import Settings, run


def main(argv: list[str] | None = None) -> int:
    defaults = Settings()
    p = argparse.ArgumentParser(prog="python -m tests.fuzz", description="farc's mutation fuzzer")
    p.add_argument("--seed", type=int, default=defaults.seed, help="the run's seed (input i depends on seed and i)")
    p.add_argument("--start", type=int, default=0, help="index of the first input")
    p.add_argument("--count", type=int, default=1000, help="how many inputs")
    p.add_argument("--jobs", type=int, default=1, help="inputs run at once (each in its own process)")
    p.add_argument("--time-limit", type=float, default=defaults.time_limit_s,
                   help="seconds per input before it is retried with 3x the time, then called a hang")
    p.add_argument("--build-fraction", type=float, default=defaults.build_fraction,
                   help="fraction of inputs also built when the front end accepts them")
    p.add_argument("--twice-fraction", type=float, default=defaults.twice_fraction,
                   help="fraction of builds done twice and compared byte for byte")
    p.add_argument("--out", type=Path, default=Path("fuzz-findings"),
                   help="directory for failing inputs (one .rs and one .txt per distinct finding)")
    args = p.parse_args(argv)
    settings = Settings(args.seed, args.start, args.count, args.jobs, args.time_limit, args.build_fraction,
                        args.twice_fraction, args.out)
    last = [time.monotonic()]

    def progress(report) -> None:
        if time.monotonic() - last[0] > 30 or report.ran == args.count:
            last[0] = time.monotonic()
            print(f"[fuzz] {report.ran}/{args.count} inputs, {len(report.findings)} findings, "
                  f"{dict(report.statuses)}", file=sys.stderr, flush=True)

    report = run(settings, progress)
    print(report.summary())
    if report.findings:
        print(f"failing inputs written to {args.out}/")
    return 0 if report.clean else 1


if __name__ == "__main__":
    sys.exit(main())
