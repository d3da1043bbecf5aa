// The farc explorer page: an editor, the compiler's outputs beside it, a run
// panel and the memories' bytes, with one colour per memory everywhere.
//
// Flow: an edit (or a change of options) schedules a compilation (debounced);
// the server's report (compiler/explorer/report.py) fills the diagnostics, the
// panes, the memory map and the run panel. A report only applies to the text
// it was compiled from: answers for older text are dropped.

import { EditorView, basicSetup } from "codemirror";
import { rust } from "@codemirror/lang-rust";
import { lintGutter, setDiagnostics } from "@codemirror/lint";
import { Decoration, ViewPlugin } from "@codemirror/view";
import { RangeSetBuilder, StateEffect, StateField } from "@codemirror/state";

import { installPalette, irTokens, sourceTokens, watTokens } from "./colours.js";
import { renderMarkdown } from "./explain.js";
import { TextPane } from "./panes.js";
import { Runner } from "./run.js";
import { decodeState, encodeState } from "./state.js";
import { HexView, chip, el, renderMemoryMap } from "./views.js";

const COMPILE_DELAY_MS = 300;
const URL_DELAY_MS = 400;
const PANES = ["llvm_ir", "llvm_ir_legalized", "wat"];

const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------------------
// The editor: memory colours and line highlights as decorations

function sourceDecorations(view) {
  const builder = new RangeSetBuilder();
  for (const { from, to } of view.visibleRanges) {
    for (let pos = from; pos <= to;) {
      const line = view.state.doc.lineAt(pos);
      for (const t of sourceTokens(line.text)) {
        const cls = t.mem === null ? "cm-mem generic" : `cm-mem m-${t.mem}`;
        builder.add(line.from + t.from, line.from + t.to, Decoration.mark({ class: cls, attributes: t.mem === null ? {} : { title: `memory ${t.mem}` } }));
      }
      pos = line.to + 1;
    }
  }
  return builder.finish();
}

const memoryColours = ViewPlugin.fromClass(class {
  constructor(view) { this.decorations = sourceDecorations(view); }
  update(update) {
    if (update.docChanged || update.viewportChanged) this.decorations = sourceDecorations(update.view);
  }
}, { decorations: (v) => v.decorations });

const setLineMarks = StateEffect.define(); // {cls, lines: [1-based]}

const lineMarks = StateField.define({
  create: () => ({}),
  update(marks, tr) {
    for (const e of tr.effects) if (e.is(setLineMarks)) marks = { ...marks, [e.value.cls]: e.value.lines };
    if (tr.docChanged) marks = {};
    return marks;
  },
});

const lineMarkDecorations = EditorView.decorations.compute([lineMarks], (state) => {
  const marks = state.field(lineMarks);
  const byLine = new Map();
  for (const [cls, lines] of Object.entries(marks)) {
    for (const n of lines) if (n >= 1 && n <= state.doc.lines) byLine.set(n, `${byLine.get(n) ?? ""} ${cls}`);
  }
  const builder = new RangeSetBuilder();
  for (const n of [...byLine.keys()].sort((a, b) => a - b)) {
    builder.add(state.doc.line(n).from, state.doc.line(n).from, Decoration.line({ class: byLine.get(n).trim() }));
  }
  return builder.finish();
});

// ---------------------------------------------------------------------------
// Page state

const app = {
  view: null,
  panes: {},
  report: null, // the last report that applied to the editor's text
  shownReport: null, // the report whose outputs the panes show (may be older, when the text has errors)
  options: { opt_level: 2, opaque_intrinsics: false },
  generation: 0, // bumped by each edit: a report for an older generation is dropped
  inflight: null,
  compileTimer: null,
  urlTimer: null,
  runner: null,
  hex: null,
  index: null, // source line <-> output lines of the shown report
  selected: null, // {pane, line} of a click or the cursor
  compiles: 0,
};

function setStatus(state, text) {
  const status = $("status");
  status.dataset.state = state;
  status.textContent = text;
}

// ---------------------------------------------------------------------------
// Compiling

function scheduleCompile(delay = COMPILE_DELAY_MS) {
  clearTimeout(app.compileTimer);
  app.compileTimer = setTimeout(compileNow, delay);
  scheduleUrlUpdate();
}

async function compileNow() {
  const generation = app.generation;
  const source = app.view.state.doc.toString();
  app.inflight?.abort();
  const controller = new AbortController();
  app.inflight = controller;
  setStatus("compiling", "compiling…");
  let report;
  try {
    const response = await fetch("/api/compile", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ source, options: app.options }),
      signal: controller.signal,
    });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
    report = body;
  } catch (e) {
    if (e.name === "AbortError") return;
    if (generation === app.generation) setStatus("failed", `the server did not answer: ${e.message}`);
    return;
  }
  if (generation !== app.generation) return; // the text changed meanwhile: a newer compile follows
  app.compiles += 1;
  applyReport(report);
}

function utf16Column(text, codePoints) {
  let units = 0;
  let seen = 0;
  for (const ch of text) {
    if (seen >= codePoints) break;
    units += ch.length;
    seen += 1;
  }
  return units;
}

function position(doc, line, column) {
  if (line > doc.lines) return doc.length;
  const l = doc.line(Math.max(1, line));
  return l.from + Math.min(l.length, utf16Column(l.text, column - 1));
}

// The report's diagnostics are rustc's JSON objects (`--message-format=json`):
// this is the page's view of one (code as text, notes and help from the
// children, spans with the start and end as line and column).
function diagnosticView(d) {
  const children = (level) => d.children.filter((c) => c.level === level).map((c) =>
    c.spans.length && c.spans[0].suggested_replacement !== null && c.spans[0].suggested_replacement !== ""
      ? `${c.message}: \`${c.spans[0].suggested_replacement}\`` : c.message);
  return {
    level: d.level, message: d.message, code: d.code ? d.code.code : null,
    notes: children("note"), help: children("help"),
    spans: d.spans.map((s) => ({ line: s.line_start, column: s.column_start, end_line: s.line_end,
      end_column: s.column_end, is_primary: s.is_primary, label: s.label })),
  };
}

function diagnosticHeader(d) {
  const head = el("span", { class: `level ${d.level}` }, d.code === "ICE" ? "internal compiler error" : d.level);
  const code = d.code && d.code !== "ICE" ? el("a", { href: "#", class: "code", dataset: { code: d.code }, onclick: (e) => { e.preventDefault(); explainCode(d.code); } }, d.code) : null;
  return [head, code ? "[" : "", code, code ? "]" : "", ": ", d.message];
}

function diagnosticDetails(d, primary) {
  return [
    primary?.label ? el("div", { class: "label" }, primary.label) : null,
    ...d.notes.map((n) => el("div", { class: "note" }, "note: ", n)),
    ...d.help.map((h) => el("div", { class: "help" }, "help: ", h)),
  ];
}

function lintDiagnostics(report, doc) {
  const out = [];
  for (const d of report.diagnostics.map(diagnosticView)) {
    for (const span of d.spans) {
      let from = position(doc, span.line, span.column);
      let to = position(doc, span.end_line, span.end_column);
      if (to <= from) to = Math.min(doc.length, from + 1);
      if (to <= from && from > 0) from -= 1;
      const severity = !span.is_primary ? "info" : d.level === "error" ? "error" : d.level === "warning" ? "warning" : "info";
      out.push({
        from, to, severity, source: d.code ?? undefined,
        message: span.is_primary ? d.message : (span.label ?? d.message),
        renderMessage: () => el("div", { class: "lint-message" }, span.is_primary ? diagnosticHeader(d) : [span.label ?? "", " (", d.code ?? "", ")"],
          span.is_primary ? diagnosticDetails(d, span) : null),
      });
    }
  }
  return out;
}

function renderDiagnosticList(report) {
  const list = $("diagnostics");
  list.replaceChildren();
  if (report.diagnostics.length === 0) {
    list.appendChild(el("div", { class: "diagnostic none" }, "no diagnostics"));
    return;
  }
  for (const d of report.diagnostics.map(diagnosticView)) {
    const primary = d.spans.find((s) => s.is_primary);
    const where = primary ? el("a", { href: "#", class: "where", onclick: (e) => { e.preventDefault(); gotoLine(primary.line, primary.column); } }, `${primary.line}:${primary.column}`) : null;
    list.appendChild(el("div", { class: `diagnostic ${d.level}` }, el("div", { class: "head" }, diagnosticHeader(d), where ? " " : "", where), diagnosticDetails(d, primary)));
  }
}

function applyReport(report) {
  app.report = report;
  const doc = app.view.state.doc;
  app.view.dispatch(setDiagnostics(app.view.state, lintDiagnostics(report, doc)));
  renderDiagnosticList(report);
  const errors = report.diagnostics.filter((d) => d.level === "error").length;
  const fresh = report.ok;
  if (fresh) app.shownReport = report;
  document.body.classList.toggle("stale", !fresh && app.shownReport !== null);
  const shown = app.shownReport ?? report;
  installPalette(shown.memories.map((m) => m.index));
  const wasm0 = shown.memories.find((m) => m.wasm_index === 0)?.index ?? 0;
  if (fresh || !app.panesFilled) {
    app.panes.llvm_ir.setText(shown.outputs.llvm_ir, irTokens);
    app.panes.llvm_ir_legalized.setText(shown.outputs.llvm_ir_legalized, irTokens);
    app.panes.wat.setText(shown.outputs.wat, (line) => watTokens(line, wasm0));
    app.panesFilled = shown.outputs.wat !== null;
    app.index = fresh ? buildIndex(report) : null;
    renderLegend(shown);
    renderMemoryMap($("memmap"), shown, { gotoLine, showFunction, showStatic });
    setupRun(fresh ? report : null);
  }
  if (fresh) setStatus("ok", `compiled in ${report.elapsed_ms} ms`);
  else setStatus("errors", `${errors} error${errors === 1 ? "" : "s"}` + (app.shownReport ? " (outputs shown are from the last program that compiled)" : ""));
  applyHighlights();
}

function renderLegend(report) {
  const legend = $("legend");
  legend.replaceChildren(...report.memories.map((m) => chip(m.index)));
}

// ---------------------------------------------------------------------------
// Source lines <-> output lines

function buildIndex(report) {
  const index = { regions: report.regions, bySource: {}, toSource: {} };
  for (const pane of PANES) {
    const bySource = new Map();
    const lines = report.lines[pane] ?? [];
    lines.forEach((sources, i) => {
      for (const s of sources) {
        if (!bySource.has(s)) bySource.set(s, []);
        bySource.get(s).push(i + 1);
      }
    });
    index.bySource[pane] = bySource;
    index.toSource[pane] = lines;
  }
  return index;
}

const range = (r) => (r ? Array.from({ length: r[1] - r[0] + 1 }, (_, i) => r[0] + i) : []);

// What to highlight for a source line, or for a line of one pane:
// {source: {region, exact}, <pane>: {region, exact}}
function correspondence(from, line) {
  const index = app.index;
  const out = { source: { region: [], exact: [] } };
  for (const pane of PANES) out[pane] = { region: [], exact: [] };
  if (!index || line === null) return out;
  let sourceLines;
  if (from === "source") {
    sourceLines = [line];
  } else {
    sourceLines = index.toSource[from]?.[line - 1] ?? [];
    out[from].exact = [line];
  }
  const regions = index.regions.filter((r) => from === "source" ? r.source && r.source[0] <= line && line <= r.source[1]
    : r[from] && r[from][0] <= line && line <= r[from][1]);
  for (const r of regions) {
    out.source.region.push(...range(r.source));
    for (const pane of PANES) out[pane].region.push(...range(r[pane]));
  }
  out.source.exact.push(...sourceLines);
  for (const pane of PANES) {
    if (pane === from) continue;
    for (const s of sourceLines) out[pane].exact.push(...(index.bySource[pane].get(s) ?? []));
  }
  return out;
}

let hovered = null; // {pane, line}

function applyHighlights(scroll = false) {
  const target = hovered ?? app.selected;
  const c = target ? correspondence(target.pane, target.line) : correspondence("source", null);
  app.view.dispatch({ effects: [setLineMarks.of({ cls: "hl-region", lines: c.source.region }), setLineMarks.of({ cls: "hl-exact", lines: c.source.exact })] });
  for (const pane of PANES) {
    app.panes[pane].mark("hl-region", c[pane].region);
    app.panes[pane].mark("hl-exact", c[pane].exact);
    if (scroll && target && target.pane !== pane) {
      const first = c[pane].exact[0] ?? c[pane].region[0];
      if (first) app.panes[pane].scrollTo(first);
    }
  }
  if (scroll && target && target.pane !== "source") {
    const first = c.source.exact[0] ?? c.source.region[0];
    if (first) app.view.dispatch({ effects: EditorView.scrollIntoView(app.view.state.doc.line(Math.min(first, app.view.state.doc.lines)).from, { y: "center" }) });
  }
}

function hover(pane, line) {
  hovered = line === null ? null : { pane, line };
  applyHighlights();
}

function select(pane, line) {
  app.selected = { pane, line };
  applyHighlights(true);
}

function gotoLine(line, column = 1) {
  const doc = app.view.state.doc;
  const pos = position(doc, Math.min(line, doc.lines), column);
  app.view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: "center" }) });
  app.view.focus();
}

function showFunction(name) {
  const region = app.index?.regions.find((r) => r.name === name);
  const wat = app.shownReport?.regions.find((r) => r.name === name)?.wat;
  const target = region ?? app.shownReport?.regions.find((r) => r.name === name);
  if (target?.source) { select("source", target.source[0]); return; }
  const watRange = wat ?? findWatFunction(name);
  if (watRange) app.panes.wat.scrollTo(watRange[0]);
}

function findWatFunction(name) {
  const lines = app.panes.wat.lines;
  const i = lines.findIndex((div) => div.textContent.trimStart().startsWith(`(func $${name} `));
  return i >= 0 ? [i + 1, i + 1] : null;
}

function showStatic(s) {
  app.hex.show(s.mem, s.address);
  $("hexview").scrollIntoView({ block: "nearest" });
}

// ---------------------------------------------------------------------------
// Running

async function setupRun(report) {
  const panel = $("exports");
  panel.replaceChildren();
  $("runlog").replaceChildren();
  app.panes.wat.mark("trap-line", []);
  app.runner = null;
  if (!report) {
    panel.appendChild(el("p", { class: "empty" }, "Nothing to run: the program has errors."));
    app.hex.attach(app.shownReport ?? { memories: [], statics: [] }, null);
    return;
  }
  const runner = new Runner(report);
  app.runner = runner;
  const started = await runner.instantiate();
  if (app.runner !== runner) return;
  if (started.error) logLine("error", started.error);
  if (started.trap) showTrap(started.trap, "instantiation");
  if (report.exports.length === 0) panel.appendChild(el("p", { class: "empty" }, "The module exports no functions."));
  for (const exp of report.exports) {
    const inputs = exp.params.map((type, i) => el("input", { class: "arg", placeholder: type, size: "8", "aria-label": `${exp.name} argument ${i + 1} (${type})`, value: type.startsWith("f") ? "0.0" : "0" }));
    const button = el("button", { class: "call", dataset: { export: exp.name } }, "Call");
    button.addEventListener("click", () => callExport(exp, inputs.map((i) => i.value)));
    panel.appendChild(el("div", { class: "export" }, button, " ", el("code", {}, exp.name), "(", ...inputs.flatMap((input, i) => (i ? [", ", input] : [input])), ")",
      exp.results.length ? el("span", { class: "sig" }, ` -> ${exp.results.join(", ")}`) : null));
  }
  panel.appendChild(el("button", { class: "reset", onclick: () => setupRun(report) }, "Reset instance"));
  app.hex.attach(report, started.ok ? runner : null);
}

function logLine(kind, ...parts) {
  const log = $("runlog");
  log.appendChild(el("div", { class: `run-entry ${kind}` }, ...parts));
  log.scrollTop = log.scrollHeight;
}

function showTrap(trap, called) {
  logLine("trap", "trap in ", el("code", { class: "trap-fn" }, trap.function ?? called), ": ", trap.message);
  const offsets = app.report?.wat_offsets ?? [];
  const line = trap.offset === null ? -1 : offsets.indexOf(trap.offset);
  if (line >= 0) {
    app.panes.wat.mark("trap-line", [line + 1]);
    app.panes.wat.scrollTo(line + 1);
    select("wat", line + 1);
  }
}

function callExport(exp, args) {
  if (!app.runner) return;
  app.hex.snapshot();
  app.panes.wat.mark("trap-line", []);
  const result = app.runner.call(exp.name, args);
  const call = `${exp.name}(${args.join(", ")})`;
  for (const [type, value] of result.log ?? []) logLine("log", `log: ${value}`, el("span", { class: "sig" }, ` (${type})`));
  if (result.error) logLine("error", call, ": ", result.error);
  else if (result.trap) showTrap(result.trap, exp.name);
  else logLine("result", el("code", {}, call), " = ", el("span", { class: "value" }, result.values.length ? result.values.map(([, v]) => v).join(", ") : "()"));
  app.hex.render();
}

// ---------------------------------------------------------------------------
// Explanations, examples, options, the URL

async function explainCode(code) {
  const dialog = $("explain");
  const body = $("explain-body");
  body.replaceChildren(el("p", {}, "loading…"));
  if (!dialog.open) dialog.showModal();
  try {
    const response = await fetch(`/api/explain/${encodeURIComponent(code)}`);
    const data = await response.json();
    if (!response.ok) throw new Error(data.error);
    body.replaceChildren(renderMarkdown(data.text));
  } catch (e) {
    body.replaceChildren(el("p", {}, `No explanation: ${e.message}`));
  }
}

async function loadExample(name) {
  const response = await fetch(`/api/examples/${encodeURIComponent(name)}`);
  if (!response.ok) return false;
  const data = await response.json();
  setSource(data.source);
  $("examples").value = name;
  return true;
}

function setSource(text) {
  app.view.dispatch({ changes: { from: 0, to: app.view.state.doc.length, insert: text } });
}

function readOptions() {
  app.options = { opt_level: Number($("opt").value), opaque_intrinsics: $("opaque").checked };
}

function writeOptions() {
  $("opt").value = String(app.options.opt_level);
  $("opaque").checked = app.options.opaque_intrinsics;
}

function scheduleUrlUpdate() {
  clearTimeout(app.urlTimer);
  app.urlTimer = setTimeout(async () => {
    const fragment = await encodeState({ source: app.view.state.doc.toString(), ...app.options });
    history.replaceState(null, "", `#${fragment}`);
  }, URL_DELAY_MS);
}

async function populateExamples() {
  const select = $("examples");
  try {
    const response = await fetch("/api/examples");
    const examples = await response.json();
    for (const ex of examples) select.appendChild(el("option", { value: ex.name, title: ex.title }, ex.name));
    return examples;
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------------------
// Start-up

async function start() {
  for (const pane of PANES) {
    app.panes[pane] = new TextPane($(`pane-${pane}`), pane);
    app.panes[pane].onHover = (line) => hover(pane, line);
    app.panes[pane].onSelect = (line) => select(pane, line);
  }
  app.hex = new HexView($("hexview"));
  app.view = new EditorView({
    parent: $("editor"),
    extensions: [
      basicSetup,
      EditorView.lineWrapping,
      rust(),
      lintGutter(),
      memoryColours,
      lineMarks,
      lineMarkDecorations,
      EditorView.updateListener.of((update) => {
        if (update.docChanged) {
          app.generation += 1;
          app.selected = null;
          scheduleCompile();
        } else if (update.selectionSet && update.view.hasFocus) {
          const line = update.state.doc.lineAt(update.state.selection.main.head).number;
          if (app.selected?.pane !== "source" || app.selected.line !== line) select("source", line);
        }
      }),
      EditorView.domEventHandlers({
        mousemove(event, view) {
          const pos = view.posAtCoords({ x: event.clientX, y: event.clientY });
          const line = pos === null ? null : view.state.doc.lineAt(pos).number;
          if (hovered?.pane !== "source" || hovered.line !== line) hover("source", line);
        },
        mouseleave() { hover("source", null); },
      }),
    ],
  });
  installPalette([]);
  document.querySelectorAll(".tabs button").forEach((button) => button.addEventListener("click", () => {
    const group = button.closest(".pane");
    group.querySelectorAll(".tabs button").forEach((b) => b.classList.toggle("active", b === button));
    group.querySelectorAll(".pane-text").forEach((p) => p.classList.toggle("hidden", p.id !== button.dataset.target));
  }));
  $("opt").addEventListener("change", () => { readOptions(); app.generation += 1; scheduleCompile(0); });
  $("opaque").addEventListener("change", () => { readOptions(); app.generation += 1; scheduleCompile(0); });
  $("examples").addEventListener("change", (e) => { if (e.target.value) loadExample(e.target.value); });
  $("share").addEventListener("click", async () => {
    const fragment = await encodeState({ source: app.view.state.doc.toString(), ...app.options });
    history.replaceState(null, "", `#${fragment}`);
    try { await navigator.clipboard.writeText(location.href); setStatus($("status").dataset.state, "link copied"); } catch { /* the URL bar has it */ }
  });
  $("explain-close").addEventListener("click", () => $("explain").close());

  await openInitialProgram();
  scheduleCompile(0); // the first program compiles at once, not after the typing pause
}

// The program of the URL's fragment, else the far_sum example (else the first one).
async function openInitialProgram() {
  const examples = await populateExamples();
  const state = await decodeState(location.hash);
  if (state?.example && await loadExample(state.example)) return;
  if (state?.source !== undefined) {
    app.options = {
      opt_level: [0, 1, 2, 3].includes(state.opt_level) ? state.opt_level : 2,
      opaque_intrinsics: state.opaque_intrinsics === true,
    };
    writeOptions();
    setSource(state.source);
    return;
  }
  if (examples.length) await loadExample(examples.find((e) => e.name === "far_sum")?.name ?? examples[0].name);
}

window.farcExplorer = app; // for the browser tests and the console
start();
