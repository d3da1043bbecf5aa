// The host side of running a farc module, shared by every JavaScript host:
// the V8 harness (harness.mjs, under Node) and the explorer page (in the
// browser). Nothing here uses Node or the DOM.
//
// Built-in host functions: an import named log_i32, log_i64, log_f32 or
// log_f64 (from any module) appends its argument to a log; one named abort
// traps (compiler/runtime/request.py documents them for both engines).
// Numbers travel as strings: i64 as BigInt decimal, floats via String() with -0 kept.

export const HOST_ABORT = "host abort";
export const HOST_BUILTINS = ["log_i32", "log_i64", "log_f32", "log_f64", "abort"];

export class HostAbort extends Error {}

export function encodeValue(type, value) {
  if (type === "i64") return ["i64", BigInt.asIntN(64, value).toString()];
  if (type === "i32") return ["i32", String(value | 0)];
  if (Object.is(value, -0)) return [type, "-0"];
  return [type, String(value)];
}

export function decodeArg(type, text) {
  if (type === "i64") return BigInt(text);
  if (type === "i32") return Number(BigInt.asIntN(32, BigInt(text)));
  return Number(text);
}

// m: {initial, maximum (or null), shared, memory64}
export function makeMemory(m) {
  const desc = { shared: m.shared };
  if (m.memory64) {
    desc.address = "i64";
    desc.initial = BigInt(m.initial);
    if (m.maximum !== null) desc.maximum = BigInt(m.maximum);
  } else {
    desc.initial = m.initial;
    if (m.maximum !== null) desc.maximum = m.maximum;
  }
  return new WebAssembly.Memory(desc);
}

// The JavaScript function for built-in host function `name`; `log` collects [type, text] pairs.
export function builtinFunction(name, log) {
  switch (name) {
    case "log_i32": return (v) => { log.push(encodeValue("i32", v)); };
    case "log_i64": return (v) => { log.push(encodeValue("i64", v)); };
    case "log_f32": return (v) => { log.push(encodeValue("f32", Math.fround(v))); };
    case "log_f64": return (v) => { log.push(encodeValue("f64", v)); };
    case "abort": return () => { throw new HostAbort(HOST_ABORT); };
  }
  throw new Error(`unknown built-in host function ${name}`);
}

// Whether an exception thrown by a call is the program trapping (not a host problem).
export function isTrap(e) {
  return e instanceof WebAssembly.RuntimeError || e instanceof HostAbort ||
    (e instanceof RangeError && /call stack/i.test(e.message));
}
