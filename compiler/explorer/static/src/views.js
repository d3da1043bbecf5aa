// The memory map (memories, far statics, which function touches which
// memory) and the hex view of each memory's bytes.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
  }
  return node;
}

export function chip(mem) {
  return el("span", { class: `chip m-${mem}`, title: `memory ${mem}` }, `m${mem}`);
}

const hex = (n, width = 0) => "0x" + n.toString(16).padStart(width, "0");

function memoryKind(m) {
  const where = m.import ? `imported from ${m.import}` : "defined";
  const pages = m.max === null ? `${m.min}+ pages` : `${m.min}–${m.max} pages`;
  return [where, pages, m.memory64 ? "64-bit" : null, m.shared ? "shared" : null,
    m.export ? `exported as "${m.export}"` : null].filter(Boolean).join(", ");
}

// handlers: {gotoLine(n), showFunction(name), showStatic(static)}
export function renderMemoryMap(container, report, handlers) {
  container.replaceChildren();
  if (report.memories.length === 0) {
    container.appendChild(el("p", { class: "empty" }, "No memory map: the program did not get through the front end."));
    return;
  }
  const lineLink = (line) => line ? el("a", { href: "#", class: "line-link", onclick: (e) => { e.preventDefault(); handlers.gotoLine(line); } }, `line ${line}`) : "";
  container.appendChild(el("h3", {}, "Memories"));
  container.appendChild(el("table", { class: "memories" },
    el("tr", {}, el("th", {}, "memory"), el("th", {}, "wasm index"), el("th", {}, "declared"), el("th", {}, "")),
    report.memories.map((m) => el("tr", { dataset: { mem: m.index } },
      el("td", {}, chip(m.index)), el("td", {}, String(m.wasm_index)),
      el("td", {}, m.line ? lineLink(m.line) : "implicit"), el("td", {}, memoryKind(m))))));
  container.appendChild(el("h3", {}, "Far statics"));
  if (report.statics.length === 0) container.appendChild(el("p", { class: "empty" }, "none"));
  else container.appendChild(el("table", { class: "statics" },
    el("tr", {}, el("th", {}, "static"), el("th", {}, "memory"), el("th", {}, "address"), el("th", {}, "bytes"), el("th", {}, "type"), el("th", {}, "")),
    report.statics.map((s) => el("tr", {},
      el("td", {}, el("a", { href: "#", onclick: (e) => { e.preventDefault(); handlers.showStatic(s); } }, s.name)),
      el("td", {}, chip(s.mem)), el("td", { class: "num" }, hex(s.address)), el("td", { class: "num" }, String(s.size)),
      el("td", {}, el("code", {}, s.type)), el("td", {}, lineLink(s.line))))));
  container.appendChild(el("h3", {}, "Who touches which memory (farc audit)"));
  if (report.functions.length === 0) {
    container.appendChild(el("p", { class: "empty" }, "no module (see the diagnostics)"));
    return;
  }
  const mems = report.memories.map((m) => m.index);
  container.appendChild(el("table", { class: "accesses" },
    el("tr", {}, el("th", {}, "function"), mems.map((m) => el("th", {}, chip(m)))),
    report.functions.map((f) => el("tr", {},
      el("td", {}, el("a", { href: "#", onclick: (e) => { e.preventDefault(); handlers.showFunction(f.name); } }, f.name)),
      mems.map((m) => accessCell(f, m))))));
  container.appendChild(el("p", { class: "empty" }, "R read, W write, S size, G grow: the function's own memory instructions; ",
    "→ reaches the memory only through the functions it calls."));
}

const KIND_LETTERS = { read: "R", write: "W", size: "S", grow: "G" };

function accessCell(f, mem) {
  const key = String(mem);
  const n = f.accesses[key] ?? 0;
  if (n) {
    const kinds = (f.kinds[key] ?? []).map((k) => KIND_LETTERS[k] ?? k).join("");
    return el("td", { class: `num touched m-${mem}`, title: `${n} instruction(s) on memory ${mem}: ${(f.instructions[key] ?? []).join(", ")}` },
      `${kinds} ${n}`);
  }
  const via = f.reaches[key];
  if (via) return el("td", { class: `num reached m-${mem}`, title: `reaches memory ${mem} through ${via.join(", ")}` }, "→");
  return el("td", { class: "num" }, "·");
}

const ROW = 16;
const ROWS = 16;

export class HexView {
  constructor(container) {
    this.container = container;
    this.runner = null;
    this.report = null;
    this.mem = null;
    this.start = 0;
    this.previous = null; // the bytes shown before the last call, to mark changes
  }

  attach(report, runner) {
    this.report = report;
    this.runner = runner;
    const memories = report.memories.map((m) => m.index);
    if (!memories.includes(this.mem)) {
      this.mem = memories.find((m) => m !== 0) ?? memories[0] ?? null;
      this.start = this.defaultStart();
    }
    this.previous = null;
    this.render();
  }

  defaultStart() {
    const first = this.report?.statics.find((s) => s.mem === this.mem);
    return first ? Math.floor(first.address / ROW) * ROW : 0;
  }

  show(mem, address) {
    const start = Math.max(0, Math.floor(address / ROW) * ROW);
    if (mem !== this.mem || start !== this.start) this.previous = null; // other bytes: nothing to compare
    this.mem = mem;
    this.start = start;
    this.render();
  }

  snapshot() {
    this.previous = this.bytes();
  }

  bytes() {
    const memory = this.runner?.memories.get(this.mem);
    if (!memory) return null;
    const buffer = memory.buffer;
    const end = Math.min(buffer.byteLength, this.start + ROW * ROWS);
    return new Uint8Array(buffer.slice(this.start, Math.max(this.start, end)));
  }

  render() {
    const c = this.container;
    c.replaceChildren();
    if (!this.report || this.mem === null) {
      c.appendChild(el("p", { class: "empty" }, "Compile a program to see its memories."));
      return;
    }
    const tabs = el("div", { class: "mem-tabs" }, this.report.memories.map((m) =>
      el("button", { class: `mem-tab m-${m.index}${m.index === this.mem ? " active" : ""}`, onclick: () => this.show(m.index, this.mem === m.index ? this.start : 0) },
        `memory ${m.index}`)));
    const address = el("input", { class: "address", value: hex(this.start), size: "10", "aria-label": "address" });
    address.addEventListener("change", () => {
      const value = Number(address.value.trim());
      if (Number.isFinite(value) && value >= 0) this.show(this.mem, value);
    });
    const statics = this.report.statics.filter((s) => s.mem === this.mem);
    const labels = el("div", { class: "static-labels" }, statics.map((s) =>
      el("button", { class: `static-label m-${s.mem}`, onclick: () => this.show(s.mem, s.address) }, `${s.name} @ ${hex(s.address)}`)));
    c.append(tabs, el("div", { class: "hex-controls" }, "from ", address,
      el("button", { onclick: () => this.show(this.mem, Math.max(0, this.start - ROW * ROWS)) }, "◀"),
      el("button", { onclick: () => this.show(this.mem, this.start + ROW * ROWS) }, "▶"), labels));
    const memory = this.runner?.memories.get(this.mem);
    if (!memory) {
      c.appendChild(el("p", { class: "empty" }, "Not instantiated yet: run the module to see its bytes."));
      return;
    }
    const bytes = this.bytes();
    const pages = memory.buffer.byteLength / 65536;
    c.appendChild(el("div", { class: "hex-size" }, `${memory.buffer.byteLength} bytes (${pages} pages)`));
    const ownerOf = (addr) => statics.find((s) => addr >= s.address && addr < s.address + s.size);
    const table = el("div", { class: "hex" });
    for (let row = 0; row < ROWS; row++) {
      const base = this.start + row * ROW;
      if (row * ROW >= bytes.length) break;
      const cells = [];
      let ascii = "";
      for (let i = 0; i < ROW; i++) {
        const k = row * ROW + i;
        if (k >= bytes.length) break;
        const owner = ownerOf(base + i);
        const changed = this.previous && this.previous[k] !== bytes[k];
        const cls = ["byte", owner ? `owned m-${owner.mem}` : "", changed ? "changed" : "", bytes[k] === 0 ? "zero" : ""].join(" ");
        cells.push(el("span", { class: cls, title: owner ? `${owner.name} + ${base + i - owner.address}` : hex(base + i) },
          bytes[k].toString(16).padStart(2, "0")));
        ascii += bytes[k] >= 32 && bytes[k] < 127 ? String.fromCharCode(bytes[k]) : ".";
      }
      const starts = statics.filter((s) => s.address >= base && s.address < base + ROW).map((s) => s.name);
      table.appendChild(el("div", { class: "hex-row" }, el("span", { class: "hex-addr" }, hex(base, 6)), cells,
        el("span", { class: "hex-ascii" }, ascii), starts.length ? el("span", { class: `hex-label m-${this.mem}` }, "← " + starts.join(", ")) : null));
    }
    c.appendChild(table);
  }
}
