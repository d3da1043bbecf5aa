// `farc explain CODE` in the page: the error page's Markdown, rendered with
// the few constructs docs/errors uses (headings, paragraphs, lists, fenced
// code, inline code). Text only ever becomes text nodes, never markup.

function inline(parent, text) {
  text.split(/(`[^`]+`)/).forEach((part) => {
    if (part.startsWith("`") && part.endsWith("`") && part.length > 1) {
      const code = document.createElement("code");
      code.textContent = part.slice(1, -1);
      parent.appendChild(code);
    } else if (part) {
      parent.appendChild(document.createTextNode(part.replace(/\*\*/g, "")));
    }
  });
}

export function renderMarkdown(text) {
  const root = document.createElement("div");
  const lines = text.split("\n");
  let paragraph = null;
  let list = null;
  const flush = () => { paragraph = null; list = null; };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = /^\s*(`{3,})/.exec(line);
    if (fence) {
      flush();
      const pre = document.createElement("pre");
      const body = [];
      for (i++; i < lines.length && !lines[i].trim().startsWith(fence[1]); i++) body.push(lines[i]);
      pre.textContent = body.join("\n");
      root.appendChild(pre);
      continue;
    }
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      const h = document.createElement(`h${Math.min(heading[1].length + 2, 6)}`);
      inline(h, heading[2]);
      root.appendChild(h);
    } else if (/^\s*[*-]\s+/.test(line)) {
      paragraph = null;
      if (!list) { list = document.createElement("ul"); root.appendChild(list); }
      const item = document.createElement("li");
      inline(item, line.replace(/^\s*[*-]\s+/, ""));
      list.appendChild(item);
    } else if (!line.trim()) {
      flush();
    } else if (list && /^\s+/.test(line)) {
      inline(list.lastChild, " " + line.trim());
    } else {
      list = null;
      if (!paragraph) { paragraph = document.createElement("p"); root.appendChild(paragraph); }
      else paragraph.appendChild(document.createTextNode(" "));
      inline(paragraph, line.trim());
    }
  }
  return root;
}
