// Running the compiled module in the browser's own engine.
//
// The page instantiates `run_wasm` (the module with every defined memory
// exported, so each memory's bytes can be shown), creates the memories the
// module imports, and provides the same built-in host functions as `farc run`
// (log_i32 ... abort, from compiler/runtime/host.mjs). One instance lives
// until the next compilation or a reset: calls see each other's effects.

import { HOST_BUILTINS, builtinFunction, decodeArg, encodeValue, isTrap, makeMemory } from "../../../runtime/host.mjs";

// `at NAME (wasm://wasm/<module>-<hash>:wasm-function[INDEX]:0xOFFSET)` in V8's stacks
const WASM_FRAME = /wasm:\/\/wasm\/[^:]*:wasm-function\[(\d+)\]:0x([0-9a-f]+)/;

function base64Bytes(text) {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

export class Runner {
  constructor(report) {
    this.report = report;
    this.log = [];
    this.instance = null;
    this.memories = new Map(); // source index -> WebAssembly.Memory
  }

  // {ok: true} | {trap} | {error}
  async instantiate() {
    const imports = {};
    const created = new Map();
    for (const imp of this.report.imports) {
      let value;
      if (imp.kind === "memory") {
        const decl = this.report.memories.find((m) => m.index === imp.memory);
        value = makeMemory({ initial: decl.min, maximum: decl.max, shared: decl.shared, memory64: decl.memory64 });
        created.set(imp.memory, value);
      } else if (imp.kind === "func" && HOST_BUILTINS.includes(imp.name)) {
        value = builtinFunction(imp.name, this.log);
      } else {
        return { error: `the module imports ${imp.kind} \`${imp.module}.${imp.name}\`; the page provides only ` +
          `memories and the host functions ${HOST_BUILTINS.join(", ")}` };
      }
      (imports[imp.module] ??= {})[imp.name] = value;
    }
    try {
      const { instance } = await WebAssembly.instantiate(base64Bytes(this.report.run_wasm), imports);
      this.instance = instance;
    } catch (e) {
      if (isTrap(e)) return { trap: this.describeTrap(e, "instantiation") };
      return { error: `${e.name}: ${e.message}` };
    }
    for (const m of this.report.memories) {
      if (m.reach?.import) this.memories.set(m.index, created.get(m.index));
      else if (m.reach?.export) this.memories.set(m.index, this.instance.exports[m.reach.export]);
    }
    return { ok: true };
  }

  // Call export `name` with argument texts: {values, log} | {trap, log} | {error}
  call(name, argTexts) {
    const exp = this.report.exports.find((e) => e.name === name);
    if (!this.instance || !exp) return { error: `no exported function \`${name}\`` };
    let args;
    try {
      args = exp.params.map((type, i) => {
        const text = (argTexts[i] ?? "").trim();
        if (text === "") throw new Error(`argument ${i + 1} (${type}) is empty`);
        if ((type === "i32" || type === "i64") && !/^[-+]?(0x[0-9a-f]+|\d+)$/i.test(text)) {
          throw new Error(`argument ${i + 1} must be an integer (${type}), not \`${text}\``);
        }
        if ((type === "f32" || type === "f64") && Number.isNaN(Number(text)) && text.toLowerCase() !== "nan") {
          throw new Error(`argument ${i + 1} must be a number (${type}), not \`${text}\``);
        }
        return decodeArg(type, text.replace(/^\+/, ""));
      });
    } catch (e) {
      return { error: e.message };
    }
    const before = this.log.length;
    try {
      const raw = this.instance.exports[name](...args);
      const values = exp.results.length === 0 ? [] :
        exp.results.length === 1 ? [encodeValue(exp.results[0], raw)] :
        exp.results.map((t, i) => encodeValue(t, raw[i]));
      return { values, log: this.log.slice(before) };
    } catch (e) {
      if (isTrap(e)) return { trap: this.describeTrap(e, name), log: this.log.slice(before) };
      return { error: `${e.name}: ${e.message}`, log: this.log.slice(before) };
    }
  }

  // {message, function, offset}: the innermost wasm frame of the trap, named from the report
  describeTrap(e, called) {
    const frame = WASM_FRAME.exec(String(e.stack ?? ""));
    let fn = null;
    let offset = null;
    if (frame) {
      const index = Number(frame[1]);
      fn = this.report.functions.find((f) => f.index === index)?.name ?? `function[${index}]`;
      offset = parseInt(frame[2], 16) - (this.report.run_code_shift ?? 0);
    }
    return { message: e.message, function: fn ?? called, offset };
  }
}
