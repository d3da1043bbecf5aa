"""Smoke test of the benchmark suite (bench/): every kernel, every variant
(near, far, far-imported, far64, opaque intrinsics, host bridging, clang),
tiny sizes, run once through the real timing harnesses in wasmtime and V8
(V8 skipped without Node 24). It checks results, not times: all variants
must return the same values, equal to a Python model of the kernel, in both
engines."""
from __future__ import annotations

import pytest

from bench import v8_harness, wasmtime_harness
from bench.measure import Settings, analyze, build_all, make_plan, resident_work, size_of, vector_loads
from bench.reference import expected_first_results
from bench.suite import KERNELS, farc_source

#: one warm-up call per case, two timed samples in two epochs (fresh instances,
#: whose warm-up results the harness compares with the first epoch's): every harness path runs
SMOKE = Settings(quick=True, warmup=1, min_reps=2, max_reps=2, budget_s=0.0, min_sample_s=0.0, epochs=2)


@pytest.fixture(scope="module", params=[k.name for k in KERNELS])
def built_kernel(request, tmp_path_factory):
    kernel = next(k for k in KERNELS if k.name == request.param)
    out = tmp_path_factory.mktemp(kernel.name)
    built = build_all(kernel, size_of(kernel, SMOKE), out)
    return kernel, built, make_plan(kernel, built, SMOKE)


def _check_results(kernel, plan, result):
    assert result.error is None, result.error
    analysis = analyze(kernel, plan, result, SMOKE)
    assert analysis.agree, "\n".join(analysis.problems)
    n = size_of(kernel, SMOKE)
    expected = expected_first_results(kernel, n, kernel.work(n), kernel.bridge_work_quick,
                                      resident_work(kernel, SMOKE))
    for case in result.cases:
        key = case.id.split("/", 1)[1]
        assert key in expected, f"no model for case {case.id}"
        assert case.warm_results[0] == expected[key], f"{case.id}: {case.warm_results[0]:#x} != {expected[key]:#x}"
        assert len(case.times_ns) == 2 and min(case.times_ns) > 0
    for instance, value in result.checks.items():
        assert value == expected["check"], f"{instance}: check {value:#x} != {expected['check']:#x}"
    return analysis


def test_variants_differ_only_in_memory(built_kernel):
    """The generated sources share the template text; only the prelude differs."""
    kernel, built, _ = built_kernel
    template = kernel.template.read_text(encoding="utf-8")
    assert built["near_aa"].wasm == built["near"].wasm  # the A/A control is the same module
    for name, b in built.items():
        if b.source is not None and name != "near_aa":
            assert b.source.endswith(template)
            assert b.source == farc_source(kernel, b.variant, size_of(kernel, SMOKE))


def test_wasmtime(built_kernel):
    kernel, built, plan = built_kernel
    analysis = _check_results(kernel, plan, wasmtime_harness.run_plan(plan))
    assert "far/near" in analysis.ratios or "cross/near [memory.copy]" in analysis.ratios


@pytest.mark.node
def test_v8(built_kernel):
    if not v8_harness.available():
        pytest.skip("Node 24 not available")
    kernel, built, plan = built_kernel
    _check_results(kernel, plan, v8_harness.run_plan(plan))


def test_vectorized_far_loops_detected():
    """The opaque-intrinsics target applies to the `simd` kernels, whose far
    loop LLVM turns into whole-vector loads (checked here); FNV-1a, a serial
    chain, has none."""
    from bench.suite import FAR_V, build, kernel_named

    simd = [k for k in KERNELS if k.simd]
    assert {k.name for k in simd} >= {"sum", "matmul"}
    for kernel in simd + [kernel_named("fnv1a")]:
        assert vector_loads(build(kernel, FAR_V, kernel.size_quick).wasm) == kernel.simd, kernel.name


def test_memory_order_experiment_builds_an_equivalent_module(tmp_path):
    """bench/experiments.py's far module with memory 1 moved to wasm index 0
    computes what the far module computes, and its first memory is memory 1."""
    from compiler.wasm.binary import parse_module
    from compiler.wasm.wat import to_wat

    from bench.experiments import assemble, swap_memories
    from bench.plan import Call, CaseSpec, InstanceSpec, Plan
    from bench.suite import FAR_V, build, kernel_named

    kernel = kernel_named("sum")
    n = kernel.size_quick
    far = build(kernel, FAR_V, n)
    (tmp_path / "far.wasm").write_bytes(far.wasm)
    swapped = assemble(swap_memories(to_wat(far.wasm)), tmp_path / "first.wasm")
    assert parse_module(swapped).memories[0].min == kernel.pages(n)
    plan = Plan([InstanceSpec(name, str(tmp_path / f"{name}.wasm"), init=Call("init", kernel.init_args(n)))
                 for name in ("far", "first")],
                [CaseSpec(name, name, Call("run", [n])) for name in ("far", "first")],
                warmup=1, min_reps=1, max_reps=1, budget_s=0.0, min_sample_s=0.0, epochs=1)
    result = wasmtime_harness.run_plan(plan)
    assert result.error is None, result.error
    assert result.cases[0].warm_results == result.cases[1].warm_results


def test_lowered_experiment_computes_what_the_far_module_computes(tmp_path):
    """bench/experiments.py `lowered`: the far kernel lowered to one memory computes the same."""
    from compiler.wasm.binary import parse_module

    from bench.experiments import lowered_variant
    from bench.plan import Call, CaseSpec, InstanceSpec, Plan
    from bench.suite import FAR_V, build, kernel_named

    kernel = kernel_named("gather")
    n = kernel.size_quick
    far = build(kernel, FAR_V, n)
    far.extra["path"] = str(tmp_path / "far.wasm")
    (tmp_path / "far.wasm").write_bytes(far.wasm)
    low = lowered_variant(far, tmp_path)
    assert len(parse_module(low.wasm).memory_types()) == 1
    timed = kernel.timed[0]
    plan = Plan([InstanceSpec(b.variant.name, b.extra["path"], init=Call("init", kernel.init_args(n)))
                 for b in (far, low)],
                [CaseSpec(b.variant.name, b.variant.name, Call(timed.export, timed.args(n, kernel.work(n))))
                 for b in (far, low)],
                warmup=1, min_reps=1, max_reps=1, budget_s=0.0, min_sample_s=0.0, epochs=1)
    result = wasmtime_harness.run_plan(plan)
    assert result.error is None, result.error
    assert result.cases[0].warm_results == result.cases[1].warm_results
