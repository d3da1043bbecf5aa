"""What a timing harness is asked to do, and what it answers: the same for
the wasmtime harness (`bench/wasmtime_harness.py`, in process) and the V8
harness (`bench/harness.mjs`, a Node 24 child reading the plan as JSON).

A plan lists instances (a wasm file, the memories and host functions it
imports, an init call) and cases (an export of an instance called with fixed
arguments). Every harness runs it the same way:

0. the rounds are split over `epochs`: every epoch instantiates every module
   afresh (new memories, so new physical pages: where the kernel's pages
   land in the caches and DRAM banks differs from one instantiation to the
   next and biases a single instance by several percent on this machine),
   runs its share of the rounds and drops the instances. Steps 1-4 happen in
   the first epoch; later epochs warm up with one round whose results must
   equal the first epoch's.
1. instantiate every instance and call its init export (timed, for the record);
2. warm up: `warmup` rounds calling every case once, in plan order; the
   results of these calls are what the benchmark compares across variants;
3. call each instance's check export, if any (a checksum of its output);
4. pick, per case, an inner repetition count so that one sample lasts at
   least `min_sample_s` (short kernels are called several times per sample),
   and a number of rounds (`min_reps`..`max_reps`) that fits `budget_s`;
5. time the rounds: every round calls every case once (one sample), in the
   round's order from `orders` (a seeded shuffle made here, the same for
   both engines), so the variants alternate within one process and no case
   always runs first or always after the same other case (a fixed rotation
   would always run a case right after the same neighbour, whose cache or
   allocator debris would then bias that case).
"""
from __future__ import annotations

import json
import random
from dataclasses import asdict, dataclass, field

#: `(module (func (export "f") (param i32) (result i32) local.get 0))`: both
#: harnesses time calls of it to report their own per-call overhead.
IDENTITY_WASM_HEX = "0061736d0100000001060160017f017f03020100070501016600000a0601040020000b"
OVERHEAD_CALLS = 20_000

#: The host functions of the bridged variants; they read the instance's
#: imported memory `bridge` (little-endian, as wasm does).
BRIDGE_FUNCTIONS = ("host_load_u32", "host_load_u8")


@dataclass
class MemoryImport:
    module: str
    name: str
    initial: int
    maximum: int | None = None
    memory64: bool = False


@dataclass
class Call:
    export: str
    args: list[int] = field(default_factory=list)


@dataclass
class InstanceSpec:
    id: str
    wasm: str  # path of the .wasm file
    memories: list[MemoryImport] = field(default_factory=list)
    #: (module, name) of the imported memory the bridge functions read, if the instance imports them
    bridge: tuple[str, str] | None = None
    init: Call | None = None
    check: Call | None = None


@dataclass
class CaseSpec:
    id: str
    instance: str
    call: Call


@dataclass
class Plan:
    instances: list[InstanceSpec]
    cases: list[CaseSpec]
    # how hard to measure: always given by the caller (bench/measure.py Settings)
    warmup: int
    min_reps: int
    max_reps: int
    budget_s: float
    min_sample_s: float
    epochs: int
    #: per round, the order of the cases (indices into `cases`); filled by `with_orders`
    orders: list[list[int]] = field(default_factory=list)

    def with_orders(self, seed: int = 1) -> "Plan":
        """Fill `orders` with max_reps seeded shuffles of the cases."""
        rng = random.Random(seed)
        self.orders = []
        for _ in range(self.max_reps):
            order = list(range(len(self.cases)))
            rng.shuffle(order)
            self.orders.append(order)
        return self

    def order(self, round_index: int) -> list[int]:
        if round_index < len(self.orders):
            return self.orders[round_index]
        shift = round_index % len(self.cases)  # no orders given: rotate
        return list(range(shift, len(self.cases))) + list(range(shift))

    def to_json(self) -> str:
        return json.dumps(asdict(self))


@dataclass
class CaseResult:
    id: str
    inner: int  # calls per sample
    times_ns: list[int]  # one per sample (all `inner` calls)
    warm_results: list[int]  # the results of the warm-up calls, as unsigned 32-bit values

    @property
    def per_call_ns(self) -> list[float]:
        return [t / self.inner for t in self.times_ns]


@dataclass
class PlanResult:
    engine: str
    cases: list[CaseResult]
    checks: dict[str, int] = field(default_factory=dict)  # instance id -> check result
    init_ms: dict[str, float] = field(default_factory=dict)
    #: median per-call time of an identity function: what the harness adds to every call
    call_overhead_ns: float = 0.0
    #: later epochs whose warm-up results differed from the first epoch's
    problems: list[str] = field(default_factory=list)
    error: str | None = None

    def case(self, case_id: str) -> CaseResult | None:
        for c in self.cases:
            if c.id == case_id:
                return c
        return None

    @classmethod
    def from_json(cls, data: dict) -> "PlanResult":
        return cls(
            engine=data["engine"],
            cases=[CaseResult(**c) for c in data.get("cases", [])],
            checks={k: int(v) for k, v in data.get("checks", {}).items()},
            init_ms=data.get("init_ms", {}),
            call_overhead_ns=float(data.get("call_overhead_ns", 0.0)),
            problems=list(data.get("problems", [])),
            error=data.get("error"),
        )


def reps_for(round_s: float, plan: Plan) -> int:
    """Rounds that fit the plan's budget, clamped to [min_reps, max_reps]."""
    if round_s <= 0:
        return plan.max_reps
    return max(plan.min_reps, min(plan.max_reps, int(plan.budget_s / round_s)))


def epoch_rounds(reps: int, epochs: int, epoch: int) -> range:
    """The global round indices epoch `epoch` runs: reps split as evenly as possible."""
    epochs = max(1, epochs)
    bounds = [reps * e // epochs for e in range(epochs + 1)]
    return range(bounds[epoch], bounds[epoch + 1])


def inner_for(call_s: float, plan: Plan) -> int:
    """Calls per sample so that a sample lasts at least min_sample_s."""
    if call_s >= plan.min_sample_s:
        return 1
    return min(10_000, int(plan.min_sample_s / max(call_s, 1e-7)) + 1)
