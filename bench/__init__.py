"""farc's benchmark suite: `python bench/run.py [--quick]` (see bench/run.py and docs/performance.md)."""
