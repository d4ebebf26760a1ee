// The query page: runs the editor's query against /sparql in the page
// itself and draws the answer. The page works without this script (the form
// posts to /query, which answers with the results drawn on the server); this
// only makes it quicker, fills the editor from the example picker in place,
// and keeps the address and the language link in step with the editor.

import { enhance } from "./sparql-editor.js";

const page = JSON.parse(document.getElementById("query-page-data").textContent);
const form = document.getElementById("query-form");
const editor = document.getElementById("query-text");
const results = document.getElementById("results");
const picker = document.getElementById("example");
const description = document.getElementById("example-description");
const languageLink = document.querySelector("header.site a.language");
const ACCEPT = "application/sparql-results+json, text/turtle;q=0.9";

enhance(editor);
document.querySelectorAll(".no-js").forEach((node) => (node.hidden = true));

picker.addEventListener("change", () => {
  const example = page.examples[picker.value];
  if (!example) return;
  editor.value = example.sparql;
  editor.dispatchEvent(new Event("input", { bubbles: true }));
  description.textContent = example.description;
  editor.focus();
  editor.setSelectionRange(0, 0);
  editor.scrollTop = 0;
});

editor.addEventListener("input", () => keepInAddress(editor.value));

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const action = event.submitter?.getAttribute("formaction");
  if (action) download(new URL(action, location.href), editor.value);
  else run(editor.value);
});

/** The page's address (and the language link) carry the query, so a link reproduces it. */
function keepInAddress(query) {
  const url = new URL(location.href);
  url.searchParams.delete("example");
  url.searchParams.set("query", query);
  history.replaceState(null, "", url);
  const other = new URL(languageLink.href);
  other.searchParams.delete("example");
  other.searchParams.set("query", query);
  languageLink.href = other.pathname + other.search;
}

async function run(query) {
  keepInAddress(query);
  show(message("running", "running"));
  results.setAttribute("aria-busy", "true");
  const response = await post(page.endpoint, query, { Accept: ACCEPT });
  results.removeAttribute("aria-busy");
  if (!response) return;
  const text = await response.text();
  const cut = response.headers.get("Samverkan-Truncated") === "true";
  const json = (response.headers.get("Content-Type") ?? "").includes("json");
  show(...(cut ? [message("truncated", "notice")] : []), ...(json ? answer(JSON.parse(text)) : [turtle(text)]));
}

/** Save the answer in the format ``url`` names as a file, without leaving the page. */
async function download(url, query) {
  const response = await post(url, query);
  if (!response) return;
  const link = element("a", { href: URL.createObjectURL(await response.blob()) });
  link.download = `samverkan.${url.searchParams.get("format")}`;
  link.click();
  URL.revokeObjectURL(link.href);
}

/** POST ``query`` as a form to ``url``; the response if it is an answer, else the problem is shown. */
async function post(url, query, headers = {}) {
  let response;
  try {
    response = await fetch(url, { method: "POST", headers, body: new URLSearchParams({ query }) });
  } catch {
    show(problem(page.messages.network));
    return null;
  }
  if (response.ok) return response;
  const title = page.messages[`error_${response.status}`] ?? page.messages.error_other;
  show(problem(title, explanation(await response.text())));
  return null;
}

/** The endpoint's own words on an error (JSON or plain text); they name the query's position. */
function explanation(text) {
  try {
    return JSON.parse(text).error ?? "";
  } catch {
    return text.trim();
  }
}

function show(...nodes) {
  results.replaceChildren(...nodes);
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, attributes);
  node.append(...children);
  return node;
}

function message(key, className) {
  return element("p", { className }, page.messages[key]);
}

function problem(title, explanation = "") {
  const summary = element("p", {}, element("strong", {}, title));
  const at = /line (\d+), column (\d+)|at (\d+):(\d+)/.exec(explanation);
  if (at) {
    const [line, column] = at.slice(1).filter(Boolean);
    const where = page.messages.position.replace("{line}", line).replace("{column}", column);
    const jump = element("button", { type: "button", className: "link" }, page.messages.go_to_error);
    jump.addEventListener("click", () => goTo(Number(line), Number(column)));
    summary.append(" ", where, " ", jump);
  }
  const box = element("div", { className: "problem", role: "alert" }, summary);
  if (explanation) box.append(element("pre", { className: "problem-detail" }, explanation));
  return box;
}

/** Put the caret on ``line``, ``column`` of the editor (both counted from 1) and select that character. */
function goTo(line, column) {
  const before = editor.value.split("\n").slice(0, line - 1);
  const offset = before.reduce((sum, text) => sum + text.length + 1, 0) + column - 1;
  editor.focus();
  editor.setSelectionRange(offset, offset + 1);
}

function turtle(text) {
  return element("pre", { className: "graph-result" }, element("code", {}, text));
}

/** A SPARQL JSON results document as the page shows it: yes or no, or a table. */
function answer(data) {
  if ("boolean" in data) {
    return [element("p", { className: "boolean" }, page.messages[data.boolean ? "yes" : "no"])];
  }
  const vars = data.head.vars;
  const rows = data.results.bindings;
  const head = element("tr", {}, ...vars.map((name) => element("th", { scope: "col" }, name)));
  const body = rows.map((row) => element("tr", {}, ...vars.map((name) => element("td", {}, ...cell(row[name])))));
  const table = element("table", { className: "results" }, element("thead", {}, head), element("tbody", {}, ...body));
  const count = page.messages[rows.length === 1 ? "one_row" : "rows"].replace("{n}", rows.length);
  return [element("p", { className: "meta" }, count), element("div", { className: "table-scroll" }, table)];
}

/** One value: an IRI as a link (to its page here if the project owns it), a literal with its language. */
function cell(term) {
  if (!term) return [];
  if (term.type === "uri") {
    const text = breakable(shorten(term.value));
    if (term.value.startsWith(page.idBase)) {
      const href = "/id/" + term.value.slice(page.idBase.length) + (page.lang === "sv" ? "" : `?lang=${page.lang}`);
      return [element("a", { href, title: term.value }, ...text)];
    }
    if (/^https?:\/\//.test(term.value)) {
      return [element("a", { href: term.value, title: term.value, className: "external", rel: "noopener" }, ...text)];
    }
    return text;
  }
  if (term.type === "bnode") return [`_:${term.value}`];
  const lang = term["xml:lang"];
  const value = element("span", {}, term.value);
  if (term.datatype) value.title = shorten(term.datatype);
  if (!lang) return [value];
  value.lang = lang;
  return [value, " ", element("span", { className: "meta" }, lang)];
}

/** An IRI's text with a line-break opportunity after each slash, so long IRIs wrap where they read well. */
function breakable(text) {
  return text.split("/").flatMap((part, i) => (i === 0 ? [part] : ["/", document.createElement("wbr"), part]));
}

/** An IRI as a prefixed name where one of the project's prefixes covers it. */
function shorten(iri) {
  for (const [prefix, namespace] of Object.entries(page.prefixes)) {
    const local = iri.slice(namespace.length);
    if (iri.startsWith(namespace) && /^[\p{L}\p{N}_.-]*[\p{L}\p{N}_-]$/u.test(local)) return `${prefix}:${local}`;
  }
  return iri;
}
