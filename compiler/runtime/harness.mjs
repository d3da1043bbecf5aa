// farc's V8 harness: runs one wasm module as described by a JSON request on
// stdin and prints one JSON response line on stdout. Driven by
// compiler/runtime/node_runner.py, which resolves memories and signatures
// with farc's own wasm parser so this file stays small.
//
// Request:  { wasm: base64, memories: [{module, name, initial, maximum, shared, memory64}],
//             functions: [{module, name, builtin?: string, js?: string}],
//             links: [name of a linked module this module imports from],
//             linked: [{name, wasm, memories, functions, links}] instantiated first, in order,
//             writes: [{import?: [module, name], export?: name, offset, data: base64}],
//             calls: [{name, params: [type], results: [type], args: [string], resultBytes: n | null}],
//             reads: [{import?: [module, name], export?: name, offset, length (null: to the end)}],
//             memory0: {import?, export?} (where a call's resultBytes, a struct result, are read),
//             globals: [exported global read after the calls, into the response's globals] }
// Response: { values: [[type, string] or {bytes: base64} (a result in memory)] per call, reads: [base64], log: [[type, string]],
//             trap: {message, stack} | null, error: string | null }
// Numbers travel as strings (host.mjs: encodeValue, decodeArg).

import { builtinFunction, decodeArg, encodeValue, isTrap, makeMemory } from "./host.mjs";

function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on("data", (c) => chunks.push(c));
    process.stdin.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    process.stdin.on("error", reject);
  });
}

function makeFunction(f, log) {
  if (f.js) return (0, eval)(`(${f.js})`);
  return builtinFunction(f.builtin, log);
}

function bytesOf(memory, offset, length, what) {
  const buffer = memory.buffer;
  if (offset < 0 || offset + length > buffer.byteLength) {
    throw new Error(`${what}: bytes ${offset}..${offset + length} lie outside the memory (${buffer.byteLength} bytes)`);
  }
  return new Uint8Array(buffer, offset, length);
}

// A memory the host creates for an import; a clear error when it cannot (too large, ...).
function hostMemory(m) {
  try {
    return makeMemory(m);
  } catch (e) {
    const limits = `${m.initial} pages` + (m.maximum !== null ? `, max ${m.maximum}` : "");
    throw new Error(`the host cannot create the imported memory \`${m.module}.${m.name}\` (${limits}): ${e.message}`);
  }
}

function runOne(req) {
  const out = { values: [], reads: [], log: [], trap: null, error: null };
  const key = (module, name) => `${module}\u0000${name}`;
  const instances = new Map();
  // The import object of one module: host memories and functions, and the
  // exports of the linked modules it names. `memories` collects the memories
  // the host made, by module and name, for host writes and reads: two modules
  // importing the same host memory share it, as with any host.
  const importsOf = (m, memories) => {
    const imports = {};
    const put = (mod, n, v) => { (imports[mod] ??= {})[n] = v; };
    for (const mem of m.memories) {
      const k = key(mem.module, mem.name);
      if (!memories.has(k)) memories.set(k, hostMemory(mem));
      put(mem.module, mem.name, memories.get(k));
    }
    for (const f of m.functions) put(f.module, f.name, makeFunction(f, out.log));
    for (const name of m.links) imports[name] = instances.get(name).exports;
    return imports;
  };
  try {
    let instance;
    const memories = new Map();
    try {
      for (const link of req.linked) {
        const module = new WebAssembly.Module(Buffer.from(link.wasm, "base64"));
        instances.set(link.name, new WebAssembly.Instance(module, importsOf(link, memories)));
      }
      const module = new WebAssembly.Module(Buffer.from(req.wasm, "base64"));
      const imports = importsOf(req, memories);
      for (const imp of WebAssembly.Module.imports(module)) {
        if (imp.kind === "memory" && instances.has(imp.module)) {
          memories.set(key(imp.module, imp.name), instances.get(imp.module).exports[imp.name]);
        }
      }
      instance = new WebAssembly.Instance(module, imports);
    } catch (e) {
      if (!isTrap(e)) throw e;
      out.trap = { message: e.message, stack: String(e.stack ?? "") };
    }
    if (instance) {
      const memoryOf = (r) => r.import ? memories.get(key(r.import[0], r.import[1])) : instance.exports[r.export];
      for (const w of req.writes) {
        const data = Buffer.from(w.data, "base64");
        bytesOf(memoryOf(w), w.offset, data.length, "host write").set(data);
      }
      for (const call of req.calls) {
        const fn = instance.exports[call.name];
        if (typeof fn !== "function") throw new Error(`the module exports no function \`${call.name}\``);
        const args = call.args.map((a, i) => decodeArg(call.params[i], a));
        // a result in memory (C ABI sret): room below the shadow stack pointer, its address first
        const stack = call.resultBytes !== null ? instance.exports.__stack_pointer : null;
        if (call.resultBytes !== null && !(stack instanceof WebAssembly.Global)) {
          throw new Error(`\`${call.name}\` returns its result in memory, but the module exports no __stack_pointer`);
        }
        const saved = stack ? stack.value : 0;
        const address = stack ? (saved - call.resultBytes) & ~15 : 0;
        if (stack) { stack.value = address; args.unshift(address); }
        let raw;
        try {
          raw = fn(...args);
        } catch (e) {
          if (!isTrap(e)) throw e;
          out.trap = { message: e.message, stack: String(e.stack ?? "") };
          break;
        } finally {
          if (stack) stack.value = saved;
        }
        if (stack) {
          const bytes = bytesOf(memoryOf(req.memory0), address, call.resultBytes, "a result");
          out.values.push({ bytes: Buffer.from(bytes).toString("base64") });
        } else if (call.results.length === 0) out.values.push(null);
        else if (call.results.length === 1) out.values.push(encodeValue(call.results[0], raw));
        else out.values.push(call.results.map((t, i) => encodeValue(t, raw[i])));
      }
      out.globals = {};
      for (const name of req.globals ?? []) {
        const g = instance.exports[name];
        if (g instanceof WebAssembly.Global) out.globals[name] = String(g.value);
      }
      for (const r of req.reads) {
        const memory = memoryOf(r);
        if (!(memory instanceof WebAssembly.Memory)) throw new Error(`no memory to read: ${JSON.stringify(r)}`);
        const length = r.length ?? Math.max(0, memory.buffer.byteLength - r.offset);
        out.reads.push(Buffer.from(bytesOf(memory, r.offset, length, "read")).toString("base64"));
      }
    }
  } catch (e) {
    out.error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
  return out;
}

// A batch request `{ batch: [request, ...] }` runs every module in this one
// process (each in its own instance) and answers `{ batch: [response, ...] }`.
async function main() {
  const req = JSON.parse(await readStdin());
  const answer = Array.isArray(req.batch) ? { batch: req.batch.map(runOne) } : runOne(req);
  process.stdout.write(JSON.stringify(answer) + "\n");
}

main();
