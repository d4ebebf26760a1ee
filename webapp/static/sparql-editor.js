// A small SPARQL editor: a <textarea> that stays the real input (forms,
// undo, screen readers and spell-off all keep working) with a highlighted
// <pre> drawn exactly underneath it. The textarea's text is transparent, so
// the reader sees the colours of the <pre> and the textarea's caret and
// selection. Without JavaScript the textarea is simply a textarea.

const KEYWORDS = new Set(
  `select construct describe ask where from named prefix base distinct reduced order by asc desc
   limit offset group having optional union minus filter bind as values graph service silent
   exists not in undef a true false`.split(/\s+/),
);

const FUNCTIONS = new Set(
  `str lang langmatches datatype bound iri uri bnode rand abs ceil floor round concat strlen ucase
   lcase encode_for_uri contains strstarts strends strbefore strafter year month day hours minutes
   seconds timezone tz now uuid struuid md5 sha1 sha256 sha384 sha512 coalesce if strlang strdt
   sameterm isiri isuri isblank isliteral isnumeric regex substr replace count sum min max avg
   sample group_concat separator`.split(/\s+/),
);

// One alternative per kind of token, tried left to right at each position.
const TOKEN = new RegExp(
  [
    String.raw`(?<comment>#[^\n]*)`,
    String.raw`(?<string>'''[\s\S]*?(?:'''|$)|"""[\s\S]*?(?:"""|$)|'(?:[^'\\\n]|\\.)*'?|"(?:[^"\\\n]|\\.)*"?)`,
    String.raw`(?<iri><[^<>"{}|^\x60\\\s]*>)`,
    String.raw`(?<variable>[?$][\p{L}\p{N}_]+)`,
    String.raw`(?<langtag>@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*)`,
    String.raw`(?<pname>(?:[\p{L}_][\p{L}\p{N}_.-]*)?:(?:[\p{L}\p{N}_:%-]|\.(?=[\p{L}\p{N}_:%-]))*)`,
    String.raw`(?<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)`,
    String.raw`(?<word>[\p{L}_][\p{L}\p{N}_]*)`,
  ].join("|"),
  "gu",
);

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
const escape = (text) => text.replace(/[&<>"]/g, (c) => ESCAPES[c]);

/** The SPARQL text as HTML with a <span class="tok-KIND"> around each token worth a colour. */
export function highlight(text) {
  let html = "";
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const [kind, token] = Object.entries(match.groups).find(([, value]) => value !== undefined);
    let cls = kind;
    if (kind === "word") {
      const lower = token.toLowerCase();
      cls = KEYWORDS.has(lower) ? "keyword" : FUNCTIONS.has(lower) ? "function" : null;
    }
    html += escape(text.slice(last, match.index));
    html += cls ? `<span class="tok-${cls}">${escape(token)}</span>` : escape(token);
    last = match.index + token.length;
  }
  return html + escape(text.slice(last));
}

/** Colour the text of a read-only <pre><code> block in place. */
export function highlightBlock(code) {
  code.innerHTML = highlight(code.textContent);
}

const INDENT = "  ";

/** Turn the textarea into the editor; Ctrl/Cmd+Enter submits its form. */
export function enhance(textarea) {
  const pre = document.createElement("pre");
  const code = document.createElement("code");
  pre.className = "editor-highlight";
  pre.setAttribute("aria-hidden", "true");
  pre.append(code);
  textarea.before(pre);
  textarea.parentElement.classList.add("is-enhanced");

  const sync = () => {
    pre.scrollTop = textarea.scrollTop;
    pre.scrollLeft = textarea.scrollLeft;
  };
  const render = () => {
    // The trailing newline keeps the last (empty) line as tall as the textarea's.
    code.innerHTML = highlight(textarea.value) + "\n";
    sync();
  };

  // Escape then Tab leaves the editor, so keyboard users are never trapped in it.
  let leaving = false;
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      textarea.form?.requestSubmit();
    } else if (event.key === "Tab" && !leaving && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      indent(textarea, event.shiftKey);
    }
    leaving = event.key === "Escape";
  });
  textarea.addEventListener("input", render);
  textarea.addEventListener("scroll", sync);
  new ResizeObserver(sync).observe(textarea);
  render();
}

/** Indent (or with ``outdent`` unindent) the selected lines; a plain caret gets spaces inserted. */
function indent(textarea, outdent) {
  const { value, selectionStart: start, selectionEnd: end } = textarea;
  if (!outdent && !value.slice(start, end).includes("\n")) {
    textarea.setRangeText(INDENT, start, end, "end");
  } else {
    const from = value.lastIndexOf("\n", start - 1) + 1;
    const lines = value.slice(from, end).split("\n");
    const changed = lines.map((line) =>
      outdent ? line.replace(new RegExp(`^ {1,${INDENT.length}}`), "") : INDENT + line,
    );
    textarea.setRangeText(changed.join("\n"), from, end, "select");
  }
  textarea.dispatchEvent(new Event("input", { bubbles: true }));
}
