"""farc's mutation fuzzer: the repository's own programs, mutated, through
`check` and `build` in process; every traceback, internal error, hang,
invalid module or non-deterministic build is a finding.

    python -m tests.fuzz --count 100000 --jobs 1 --out fuzz-findings   the long run
    python -m tests.fuzz --count 200 --seed 7                          a quick look

* `seeds`   the corpus: tests/programs, tests/ui, examples, bench kernels
            (instantiated as bench/suite.py builds them), parsed once into
            fragments by grammar category;
* `mutate`  byte, token and grammar-aware mutations, hostile literals
            (boundary integers, odd strings) and hostile attributes
            (memory declarations, export and import names, `#[mem_idx]`);
* `oracle`  what one input does to farc, and which outcomes are findings;
* `runner`  each input in a forked child (so a hang, a crash or a memory
            blow-up is caught and the next input starts clean), with a time
            limit; findings are written to the output directory as the input
            (`<kind>-<hash>.rs`) and a report (`.txt`), ready to become
            regression tests.

Input `i` of a run is a function of (seed, i) only: any finding is
reproduced with `--seed S --start I --count 1`.
"""
