"""A differential and metamorphic tester for farc (issue 7, "tests that hunt for the next bug").

The pieces, data flowing one way:

* `model`    - a small typed model of farc programs (types, expressions,
               statements, items); smart constructors check types, so what
               the generator builds is well typed by construction;
* `generate` - random programs in that model that are valid and free of
               undefined behaviour, except for the traps they mean to hit
               (out-of-bounds far accesses, division by zero, indexing);
* `render`   - the model as farc source, in two modes: `far` (the program
               as generated) and `near` (the metamorphic twin: every far
               memory replaced by a disjoint region of memory 0, with
               explicit bounds checks standing in for the memory's own);
* `oracles`  - compile variants (-O0..-O3, opaque intrinsics, near), run
               them in wasmtime and V8 (batched), compare the outcomes;
* `reduce`   - shrink a program on which two variants disagree.

`tests/test_differential.py` runs a fixed-seed smoke run;
`scripts/difftest.py` is the long run.
"""
