// One colour per memory, and where memories are named in each text.
//
// Every memory number here is a *source* index (`#[mem_idx(N)]`): the IR's
// address space 1000+N, the legalized IR's intrinsic names (`i32.load.m1.a4`),
// and the .wat's memory names (`$mN`, which farc gives memories by source
// index) all say N. A .wat memory instruction without a memory immediate uses
// wasm memory 0, which is source memory `wasm0` (not always 0: imported
// memories come first, and `wasm_index = 0` moves a far memory there).

const PALETTE = [
  "#5c6f82", // memory 0: slate, the default memory
  "#e8590c", // 1: orange
  "#0c8599", // 2: teal
  "#7048e8", // 3: violet
  "#c2255c", // 4: raspberry
  "#2f9e44", // 5: green
  "#1971c2", // 6: blue
  "#b08900", // 7: ochre
];

export const ADDRSPACE_BASE = 1000;

export function memoryColour(mem) {
  if (mem < PALETTE.length) return PALETTE[mem];
  return `hsl(${(mem * 137.508) % 360}deg 65% 42%)`; // golden angle: neighbours differ
}

// The rules `.m-N { --c: <colour> }` for memories 0-7 and every memory in `memories`.
export function installPalette(memories) {
  let style = document.getElementById("memory-palette");
  if (!style) {
    style = document.createElement("style");
    style.id = "memory-palette";
    document.head.appendChild(style);
  }
  const wanted = [...new Set([...PALETTE.keys(), ...memories])].sort((a, b) => a - b);
  style.textContent = wanted.map((mem) => `.m-${mem} { --c: ${memoryColour(mem)}; }`).join("\n");
}

function push(out, from, to, mem, kind = "") {
  out.push({ from, to, mem, kind });
}

// Source: `#[mem_idx(N)]`, `#![memory(N, ...)]`, `load_memidx::<N, ...>` and friends;
// `#[mem_idx(M)]` with a const generic parameter is marked as generic (no one colour).
const SOURCE_PATTERNS = [
  /#\[\s*mem_idx\s*\(\s*(\w+)\s*\)\s*\]/g,
  /#!\[\s*memory\s*\(\s*(\d+)/g,
  /\b(?:load_memidx|store_memidx|memory_size|memory_grow)\s*::\s*<\s*(\w+)/g,
];

export function sourceTokens(line) {
  const out = [];
  for (const re of SOURCE_PATTERNS) {
    re.lastIndex = 0;
    for (let m; (m = re.exec(line));) {
      if (/^\d+$/.test(m[1])) push(out, m.index, m.index + m[0].length, Number(m[1]));
      else push(out, m.index, m.index + m[0].length, null, "generic");
    }
  }
  return out.sort((a, b) => a.from - b.from);
}

// LLVM IR: `addrspace(1000+N)`; the legalized IR's intrinsic names `@<op>.mN...`.
const ADDRSPACE = /addrspace\((\d+)\)/g;
// (`memory.copy.m1.m0` takes the colour of its destination, the first memory named)
const INTRINSIC = /@"?(?:i32|i64|f32|f64|v128|memory)\.[\w.]*?\bm(\d+)\b[\w.]*"?/g;

export function irTokens(line) {
  const out = [];
  ADDRSPACE.lastIndex = 0;
  for (let m; (m = ADDRSPACE.exec(line));) {
    const space = Number(m[1]);
    if (space > ADDRSPACE_BASE) push(out, m.index, m.index + m[0].length, space - ADDRSPACE_BASE);
  }
  INTRINSIC.lastIndex = 0;
  for (let m; (m = INTRINSIC.exec(line));) {
    push(out, m.index, m.index + m[0].length, Number(m[1]));
  }
  return out.sort((a, b) => a.from - b.from);
}

// .wat: `$mN` memory names, and memory instructions that name no memory (wasm memory 0).
const WAT_MEMORY = /\$m(\d+)\b/g;
const WAT_MEMORY_OP = /^\s*((?:[if](?:32|64)|v128)\.(?:atomic\.)?(?:load|store|rmw)[\w.]*|memory\.(?:size|grow|fill|copy|init|atomic\.\w+))(?=\s|\)|$)/;

export function watTokens(line, wasm0 = 0) {
  const out = [];
  WAT_MEMORY.lastIndex = 0;
  for (let m; (m = WAT_MEMORY.exec(line));) push(out, m.index, m.index + m[0].length, Number(m[1]));
  const op = WAT_MEMORY_OP.exec(line);
  if (op) {
    const start = line.indexOf(op[1]);
    const named = out.length > 0 ? out[0].mem : wasm0;
    push(out, start, start + op[1].length, named, "op");
  }
  return out.sort((a, b) => a.from - b.from);
}
