// Read-only text panes (LLVM IR, .wat): one element per line, memory names
// coloured, lines that can be highlighted and hovered.

export class TextPane {
  // element: the container; tokens(line) -> [{from, to, mem, kind}] (colours.js)
  constructor(element, name) {
    this.element = element;
    this.name = name;
    this.lines = [];
    this.marks = new Map(); // class -> Set of line numbers
    this.onHover = null;
    this.onSelect = null;
    element.classList.add("pane-text");
    element.addEventListener("mousemove", (e) => this._hover(e));
    element.addEventListener("mouseleave", () => this.onHover?.(null));
    element.addEventListener("click", (e) => {
      const line = this._lineOf(e.target);
      if (line !== null) this.onSelect?.(line);
    });
  }

  setText(text, tokens) {
    this.element.replaceChildren();
    this.lines = [];
    this.marks.clear();
    if (text === null || text === undefined) return;
    const fragment = document.createDocumentFragment();
    text.split("\n").forEach((line, i) => {
      const div = document.createElement("div");
      div.className = "line";
      div.dataset.line = String(i + 1);
      appendTokens(div, line, tokens(line));
      fragment.appendChild(div);
      this.lines.push(div);
    });
    this.element.appendChild(fragment);
  }

  // Mark exactly `lines` (1-based) with class `cls`, replacing that class's previous lines.
  mark(cls, lines) {
    for (const n of this.marks.get(cls) ?? []) this.lines[n - 1]?.classList.remove(cls);
    const set = new Set();
    for (const n of lines) {
      const div = this.lines[n - 1];
      if (div) { div.classList.add(cls); set.add(n); }
    }
    this.marks.set(cls, set);
  }

  scrollTo(line) {
    const div = this.lines[line - 1];
    if (!div) return;
    const box = this.element.getBoundingClientRect();
    const at = div.getBoundingClientRect();
    if (at.top < box.top || at.bottom > box.bottom) {
      this.element.scrollTop += at.top - box.top - box.height / 3;
    }
  }

  _lineOf(target) {
    const div = target instanceof Element ? target.closest(".line") : null;
    return div && this.element.contains(div) ? Number(div.dataset.line) : null;
  }

  _hover(e) {
    const line = this._lineOf(e.target);
    if (line !== this._lastHover) {
      this._lastHover = line;
      this.onHover?.(line);
    }
  }
}

function appendTokens(div, line, tokens) {
  let at = 0;
  for (const t of tokens) {
    if (t.from < at) continue; // overlapping matches: the first wins
    if (t.from > at) div.appendChild(document.createTextNode(line.slice(at, t.from)));
    const span = document.createElement("span");
    span.className = t.mem === null ? `mem generic ${t.kind}` : `mem m-${t.mem} ${t.kind}`;
    if (t.mem !== null) span.title = `memory ${t.mem}`;
    span.textContent = line.slice(t.from, t.to);
    div.appendChild(span);
    at = t.to;
  }
  if (at < line.length || line.length === 0) div.appendChild(document.createTextNode(line.slice(at) || "\u200b"));
}
