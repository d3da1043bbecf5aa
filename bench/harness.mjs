// farc's V8 timing harness: runs one benchmark plan (bench/plan.py explains
// the protocol; bench/v8_harness.py drives this file) and prints one JSON
// line. Each module is instantiated once; samples time repeated calls with
// process.hrtime.bigint(). The bridged variants' host functions read the
// imported memory through a DataView, the usual way a JS host reaches wasm
// memory.
//
// Usage: node harness.mjs PLAN.json

import { readFileSync } from "node:fs";

const BRIDGE_FUNCTIONS = new Set(["host_load_u32", "host_load_u8"]);

function makeMemory(m) {
  if (m.memory64) {
    const desc = { address: "i64", initial: BigInt(m.initial) };
    if (m.maximum !== null) desc.maximum = BigInt(m.maximum);
    return new WebAssembly.Memory(desc);
  }
  const desc = { initial: m.initial };
  if (m.maximum !== null) desc.maximum = m.maximum;
  return new WebAssembly.Memory(desc);
}

function bridgeFunction(name, memory) {
  // The memory never grows during a benchmark, so one view stays valid.
  const view = new DataView(memory.buffer);
  if (name === "host_load_u32") return (addr) => view.getUint32(addr >>> 0, true);
  return (addr) => view.getUint8(addr >>> 0);
}

function instantiate(spec) {
  const module = new WebAssembly.Module(readFileSync(spec.wasm));
  const imports = {};
  const memories = new Map();
  const put = (m, n, v) => { (imports[m] ??= {})[n] = v; };
  for (const m of spec.memories) {
    const memory = makeMemory(m);
    memories.set(`${m.module}.${m.name}`, memory);
    put(m.module, m.name, memory);
  }
  for (const imp of WebAssembly.Module.imports(module)) {
    if (imp.kind !== "function") continue;
    if (!BRIDGE_FUNCTIONS.has(imp.name) || !spec.bridge) {
      throw new Error(`${spec.id}: cannot provide import ${imp.module}.${imp.name}`);
    }
    put(imp.module, imp.name, bridgeFunction(imp.name, memories.get(`${spec.bridge[0]}.${spec.bridge[1]}`)));
  }
  return new WebAssembly.Instance(module, imports);
}

function repsFor(roundS, plan) {
  if (roundS <= 0) return plan.max_reps;
  return Math.max(plan.min_reps, Math.min(plan.max_reps, Math.floor(plan.budget_s / roundS)));
}

function innerFor(callS, plan) {
  if (callS >= plan.min_sample_s) return 1;
  return Math.min(10000, Math.floor(plan.min_sample_s / Math.max(callS, 1e-7)) + 1);
}

const seconds = (a, b) => Number(b - a) / 1e9;

// (module (func (export "f") (param i32) (result i32) local.get 0)), as in bench/plan.py
const IDENTITY_WASM_HEX = "0061736d0100000001060160017f017f03020100070501016600000a0601040020000b";
const OVERHEAD_CALLS = 20000;

function callOverheadNs() {
  const f = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(IDENTITY_WASM_HEX, "hex"))).exports.f;
  const batches = [];
  for (let b = 0; b < 5; b++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < OVERHEAD_CALLS; i++) f(7);
    batches.push(Number(process.hrtime.bigint() - start) / OVERHEAD_CALLS);
  }
  return batches.sort((x, y) => x - y)[2];
}

function instantiateAll(plan, out, record) {
  const instances = new Map();
  for (const spec of plan.instances) {
    const instance = instantiate(spec);
    instances.set(spec.id, instance);
    if (spec.init) {
      const start = process.hrtime.bigint();
      instance.exports[spec.init.export](...spec.init.args);
      if (record) out.init_ms[spec.id] = seconds(start, process.hrtime.bigint()) * 1e3;
    }
  }
  return instances;
}

// The global round indices of one epoch (as epoch_rounds in bench/plan.py).
function epochRounds(reps, epochs, epoch) {
  const e = Math.max(1, epochs);
  return [Math.floor((reps * epoch) / e), Math.floor((reps * (epoch + 1)) / e)];
}

function run(plan) {
  const out = { engine: "v8", cases: [], checks: {}, init_ms: {}, call_overhead_ns: callOverheadNs(), problems: [], error: null };
  const warm = new Map(plan.cases.map((c) => [c.id, []]));
  const times = new Map(plan.cases.map((c) => [c.id, []]));
  let inner = new Map();
  let reps = 0;
  for (let epoch = 0; epoch < Math.max(1, plan.epochs); epoch++) {
    // fresh instances (fresh memories, new physical pages) every epoch
    let instances = instantiateAll(plan, out, epoch === 0);
    let calls = plan.cases.map((c) => {
      const fn = instances.get(c.instance).exports[c.call.export];
      if (typeof fn !== "function") throw new Error(`${c.instance} exports no function ${c.call.export}`);
      return { id: c.id, fn, args: c.call.args };
    });
    const lastS = new Map();
    const warmRounds = epoch === 0 ? Math.max(1, plan.warmup) : 1;
    for (let w = 0; w < warmRounds; w++) {
      for (const c of calls) {
        const start = process.hrtime.bigint();
        const value = c.fn(...c.args) >>> 0;
        lastS.set(c.id, seconds(start, process.hrtime.bigint()));
        if (epoch === 0) warm.get(c.id).push(value);
        else if (value !== warm.get(c.id)[0]) out.problems.push(`${c.id}: epoch ${epoch} returned ${value}, epoch 0 ${warm.get(c.id)[0]}`);
      }
    }
    if (epoch === 0) {
      for (const spec of plan.instances) {
        if (spec.check) out.checks[spec.id] = instances.get(spec.id).exports[spec.check.export](...spec.check.args) >>> 0;
      }
      inner = new Map(calls.map((c) => [c.id, innerFor(lastS.get(c.id), plan)]));
      reps = repsFor(calls.reduce((s, c) => s + lastS.get(c.id) * inner.get(c.id), 0), plan);
    }
    const [from, to] = epochRounds(reps, plan.epochs, epoch);
    for (let r = from; r < to; r++) {
      let order;
      if (r < plan.orders.length) {
        order = plan.orders[r].map((i) => calls[i]);
      } else {  // no orders given: rotate
        const shift = r % calls.length;
        order = calls.slice(shift).concat(calls.slice(0, shift));
      }
      for (const c of order) {
        const k = inner.get(c.id);
        const { fn, args } = c;
        const start = process.hrtime.bigint();
        for (let i = 0; i < k; i++) fn(...args);
        times.get(c.id).push(Number(process.hrtime.bigint() - start));
      }
    }
    instances = null;
    calls = null;
    if (typeof globalThis.gc === "function") globalThis.gc();  // free the epoch's memories now
  }
  out.cases = plan.cases.map((c) => ({ id: c.id, inner: inner.get(c.id), times_ns: times.get(c.id), warm_results: warm.get(c.id) }));
  return out;
}

let result;
try {
  result = run(JSON.parse(readFileSync(process.argv[2], "utf8")));
} catch (e) {
  result = { engine: "v8", cases: [], checks: {}, init_ms: {}, problems: [], error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
}
process.stdout.write(JSON.stringify(result) + "\n");
