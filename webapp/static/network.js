// The network page: draws the view with vis-network and keeps the picture, the controls and the
// address in step. The page works without this script (its forms reload it in the new state, and
// the nodes are listed as links); this draws the network, changes it in place when a control
// changes (asking /api/network), suggests names while typing (/api/search) and opens a panel on a
// clicked node (/api/node).
//
// Text from the data only ever reaches the page as text: through textContent, or as elements
// built here for vis-network's hover titles (vis-network puts a title string into the page as
// markup in some versions; an element it inserts as it is).

/* global vis */

const page = JSON.parse(document.getElementById("network-page-data").textContent);
const text = page.messages;
const DEFAULT_VIEW = "partnership";
const DEFAULT_SIZE = "degree";
const SVG = "http://www.w3.org/2000/svg";
const KINDS = Object.fromEntries(page.kinds.map((kind) => [kind.key, kind]));

const explorer = document.getElementById("explorer");
const frame = document.getElementById("network-frame");
const container = document.getElementById("network");
const controls = document.getElementById("network-controls");
const statusLine = document.getElementById("network-status");
const problemBox = document.getElementById("network-problem");
const aggregatedNote = document.getElementById("network-aggregated");
const legend = document.getElementById("network-legend");
const list = document.getElementById("network-list");
const panel = document.getElementById("network-panel");
const focusLine = document.getElementById("network-focus");
const languageLink = document.querySelector("header.site a.language");

const FORCES = {
  default: { gravitationalConstant: -120, centralGravity: 0.02, springLength: 120, springConstant: 0.05, avoidOverlap: 0.6 },
  // Organizations sharing many things are nearly all linked to each other: longer springs keep their names apart.
  partnership: { gravitationalConstant: -260, centralGravity: 0.015, springLength: 240, springConstant: 0.04, avoidOverlap: 1 },
};

const OPTIONS = {
  autoResize: true,
  layout: { randomSeed: 7, improvedLayout: false },
  physics: {
    enabled: false,
    solver: "forceAtlas2Based",
    forceAtlas2Based: FORCES.default,
    stabilization: { enabled: true, iterations: 200, updateInterval: 25, fit: false },
  },
  // Arrow keys and +/- move the view once the canvas has the focus (by Tab or a click); never focused on
  // a mere hover (autoFocus), which would scroll the page under the pointer.
  interaction: { hover: true, tooltipDelay: 150, keyboard: { enabled: true, bindToWindow: false, autoFocus: false } },
  nodes: {
    borderWidth: 1,
    font: { size: 14, face: "system-ui, sans-serif", color: "#1d2733", strokeWidth: 4, strokeColor: "#ffffff" },
    scaling: { min: 8, max: 30, label: { enabled: true, min: 11, max: 17, maxVisible: 20, drawThreshold: 6 } },
  },
  edges: {
    color: { color: "#9aa5b1", highlight: "#0b5c8a", hover: "#0b5c8a" },
    font: { size: 11, color: "#4a5866", strokeWidth: 3, strokeColor: "#ffffff" },
    arrows: { to: { scaleFactor: 0.5 } },
    smooth: { type: "continuous" },
    scaling: { label: { enabled: false, drawThreshold: 7 } },
    selectionWidth: 1.5,
  },
};

const nodes = new vis.DataSet();
const edges = new vis.DataSet();
const network = new vis.Network(container, { nodes, edges }, OPTIONS);

let state = page.state;
let current = null; // the drawn view as the API gave it
let lastFocus = state.focus; // the focus to come back to when the neighbourhood view is chosen again
let selected = null; // the node (or edge, or group) the panel shows
let openAfterDraw = null; // a node whose panel opens once the picture has settled
let drawing = 0; // the latest draw asked for; older answers are dropped
let settle = null; // what to do when physics has settled the latest draw
let viewMoved = false; // whether the reader has zoomed or panned since the view was last fitted

/** For the tests and the curious: the vis objects and the page's state. */
window.samverkanNetwork = {
  network,
  nodes,
  edges,
  draws: 0,
  get state() {
    return state;
  },
  get data() {
    return current;
  },
};

// ---------------------------------------------------------------------------
// State, address and controls
// ---------------------------------------------------------------------------

/** The query string of ``s``: defaults left out, in the order the server writes it. */
function params(s) {
  const p = new URLSearchParams();
  if (s.view !== DEFAULT_VIEW) p.set("view", s.view);
  if (s.focus) p.set("focus", s.focus);
  if (s.depth && Number(s.depth) !== 1) p.set("depth", s.depth);
  if (s.kinds) p.set("kinds", s.kinds.join(","));
  if (s.relations) p.set("relations", s.relations.join(","));
  if (s.area) p.set("area", s.area);
  if (s.from !== null && s.from !== undefined) p.set("from", s.from);
  if (s.to !== null && s.to !== undefined) p.set("to", s.to);
  if (s.size && s.size !== DEFAULT_SIZE) p.set("size", s.size);
  return p;
}

function pageUrl(s, lang) {
  const p = params(s);
  if (lang !== "sv") p.set("lang", lang);
  const query = p.toString().replace(/%2C/gi, ",").replace(/%2F/gi, "/"); // as the server writes it
  return page.page + (query ? `?${query}` : "");
}

/** The state the address names (the server checks it when it is asked for the view). */
function stateFromAddress() {
  const p = new URL(location.href).searchParams;
  const listed = (name) => (p.has(name) ? p.getAll(name).flatMap((v) => v.split(",")).filter(Boolean) : null);
  const year = (name) => (p.get(name) ? Number(p.get(name)) : null);
  const focus = p.get("focus") || null;
  return {
    view: p.get("view") || (focus ? "neighbourhood" : DEFAULT_VIEW),
    focus,
    depth: Number(p.get("depth") || 1),
    kinds: listed("kinds"),
    relations: listed("relations"),
    area: p.get("area") || null,
    from: year("from"),
    to: year("to"),
    size: p.get("size") || DEFAULT_SIZE,
  };
}

function remember(how) {
  const url = pageUrl(state, page.lang);
  if (how === "push") history.pushState(null, "", url);
  else if (how === "replace") history.replaceState(null, "", url);
  if (languageLink) languageLink.href = pageUrl(state, page.otherLang);
}

function boxes(name) {
  return [...controls.querySelectorAll(`input[type=checkbox][name=${name}]`)];
}

function sameSet(a, b) {
  return a.length === b.length && a.every((item) => b.includes(item));
}

/** The state the controls show; ``null`` lists where the choice is the default. */
function readControls() {
  const kinds = boxes("kinds").filter((box) => box.checked).map((box) => box.value);
  const defaults = boxes("kinds").filter((box) => box.hasAttribute("data-default")).map((box) => box.value);
  const relations = boxes("relations").filter((box) => box.checked).map((box) => box.value);
  const offered = boxes("relations").map((box) => box.value);
  const year = (name) => (controls.elements[name].value ? Number(controls.elements[name].value) : null);
  const view = controls.querySelector("input[name=view]:checked").value;
  // Coming to the neighbourhood view, its focus is the node the panel shows, else the last focus.
  const focus = state.view === "neighbourhood" ? state.focus : (selectedNode() ?? lastFocus);
  return {
    view,
    focus: view === "neighbourhood" ? focus : null,
    depth: Number(controls.elements.depth.value),
    kinds: sameSet(kinds, defaults) ? null : kinds,
    relations: sameSet(relations, offered) ? null : relations,
    area: controls.elements.area.value || null,
    from: year("from"),
    to: year("to"),
    size: controls.elements.size.value,
  };
}

/** Show the view ``s`` names in the view and depth controls, and set aside what does not apply to it. */
function writeView(s) {
  for (const radio of controls.querySelectorAll("input[name=view]")) radio.checked = radio.value === s.view;
  controls.elements.depth.value = String(s.depth || 1);
  controls.elements.depth.disabled = s.view !== "neighbourhood";
  document.getElementById("network-kinds").disabled = s.view === "partnership";
  explorer.dataset.view = s.view;
}

/** Every control as ``s`` has it (after the history moved); a drawing alone leaves what is being typed. */
function writeControls(s) {
  writeView(s);
  controls.elements.size.value = s.size;
  for (const box of boxes("kinds")) box.checked = s.kinds ? s.kinds.includes(box.value) : box.hasAttribute("data-default");
  for (const box of boxes("relations")) box.checked = !s.relations || s.relations.includes(box.value);
  controls.elements.area.value = s.area || "";
  controls.elements.from.value = s.from ?? "";
  controls.elements.to.value = s.to ?? "";
}

function short(iri) {
  return iri.startsWith(page.idBase) ? iri.slice(page.idBase.length) : iri;
}

function full(focus) {
  return /^https?:\/\//.test(focus) ? focus : page.idBase + focus;
}

function selectedNode() {
  return selected && selected.type === "node" ? short(selected.id) : null;
}

// ---------------------------------------------------------------------------
// Asking for a view and drawing it
// ---------------------------------------------------------------------------

/** Show the view ``next`` names; ``how`` says what happens to the browser's history. */
async function show(next, { how = "replace", refit = false } = {}) {
  if (next.view === "neighbourhood" && !next.focus) {
    complain(text.need_focus);
    writeView(state);
    document.getElementById("network-search-input").focus();
    return;
  }
  const mine = ++drawing;
  container.dataset.state = "loading";
  explorer.setAttribute("aria-busy", "true");
  const query = params(next);
  query.set("lang", page.lang);
  let response;
  let data;
  try {
    response = await fetch(`${page.api.network}?${query}`, { headers: { Accept: "application/json" } });
    data = await response.json();
  } catch {
    if (mine === drawing) finishWith(text.offline);
    return;
  }
  if (mine !== drawing) return;
  if (!response.ok) {
    finishWith(text.error, data.message ?? "");
    return;
  }
  problemBox.hidden = true;
  const moved = refit || !current || next.view !== state.view || next.focus !== state.focus || next.depth !== state.depth;
  state = data.state;
  if (state.focus) lastFocus = state.focus;
  remember(how);
  draw(data, moved);
}

function finishWith(title, detail = "") {
  complain(title, detail);
  container.dataset.state = "ready";
  explorer.removeAttribute("aria-busy");
}

function complain(title, detail = "") {
  const head = element("p", {}, element("strong", {}, title));
  problemBox.replaceChildren(head, ...(detail ? [element("p", { className: "problem-detail" }, detail)] : []));
  problemBox.hidden = false;
}

/** Put ``data`` into the DataSets: anew when the view moved, else in place, keeping the viewport. */
function draw(data, moved) {
  current = data;
  const focus = state.focus ? full(state.focus) : null;
  const wantedNodes = data.nodes.map((item) => visNode(item, focus));
  const wantedEdges = data.edges.map(visEdge);
  network.setOptions({ physics: { enabled: false } });
  if (moved) {
    edges.clear();
    nodes.clear();
  } else {
    const keepNodes = new Set(wantedNodes.map((item) => item.id));
    const keepEdges = new Set(wantedEdges.map((item) => item.id));
    edges.remove(edges.getIds().filter((id) => !keepEdges.has(id)));
    nodes.remove(nodes.getIds().filter((id) => !keepNodes.has(id)));
    placeNewcomers(wantedNodes, data.edges);
  }
  nodes.update(wantedNodes);
  edges.update(wantedEdges);
  describe(data);
  const done = () => {
    network.setOptions({ physics: { enabled: false } });
    // A new view is fitted; a filtered one too, unless the reader has zoomed or panned to a place of their own.
    if (moved || !viewMoved) fitVisible(focus && nodes.get(focus) ? focus : null, !moved);
    reselect(focus);
    container.dataset.state = "ready";
    explorer.removeAttribute("aria-busy");
    window.samverkanNetwork.draws += 1;
  };
  if (openAfterDraw && moved) showPanel(); // the canvas takes its final width before the view is fitted to it
  const moving = wantedNodes.some((item) => item.physics !== false);
  if (data.summary.physics && moving) {
    settle = done;
    network.setOptions({ physics: { enabled: true, forceAtlas2Based: FORCES[state.view] ?? FORCES.default } });
    network.stabilize(moved ? 200 : 120);
  } else {
    settle = null;
    done();
  }
}

/** How much of the canvas the panel covers, on screens where it lies over the canvas. */
function covered() {
  return panel.hidden || getComputedStyle(panel).position !== "absolute" ? 0 : panel.offsetWidth;
}

/** Fit every node into the part of the canvas the panel leaves free, centred on ``focus`` if given. */
function fitVisible(focus, animate = false) {
  viewMoved = false;
  const points = Object.values(network.getPositions());
  if (!points.length) return;
  const xs = points.map((point) => point.x);
  const ys = points.map((point) => point.y);
  const [left, right, top, bottom] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const centre = focus ? network.getPosition(focus) : { x: (left + right) / 2, y: (top + bottom) / 2 };
  const hidden = covered();
  const room = { x: 120, y: 70 }; // beyond the outermost nodes, for their size and labels (canvas units)
  const width = 2 * (Math.max(centre.x - left, right - centre.x) + room.x);
  const height = 2 * (Math.max(centre.y - top, bottom - centre.y) + room.y);
  const scale = Math.min(1, (frame.clientWidth - hidden) / width, frame.clientHeight / height);
  const animation = animate ? { duration: 400, easingFunction: "easeInOutQuad" } : false;
  network.moveTo({ position: centre, scale, offset: { x: -hidden / 2, y: 0 }, animation });
}

network.on("zoom", () => (viewMoved = true));
network.on("dragEnd", (event) => {
  if (!event.nodes.length) viewMoved = true; // the view was dragged, not a node
});

/** Bring ``id`` out from under the panel (or in from the edge), moving the view no more than that takes. */
function reveal(id) {
  const hidden = covered();
  if (!hidden || !nodes.get(id)) return;
  const at = network.canvasToDOM(network.getPosition(id));
  const free = frame.clientWidth - hidden;
  const shift = at.x > free - 40 ? at.x - (free - 90) : at.x < 40 ? at.x - 90 : 0;
  if (!shift) return;
  const middle = network.getViewPosition();
  const position = { x: middle.x + shift / network.getScale(), y: middle.y };
  network.moveTo({ position, animation: { duration: 300, easingFunction: "easeInOutQuad" } });
}

network.on("stabilizationIterationsDone", () => {
  network.setOptions({ physics: { enabled: false } });
  const then = settle;
  settle = null;
  if (then) then();
});

/** New nodes start beside a neighbour already drawn, so the picture grows where it is linked. */
function placeNewcomers(wanted, rawEdges) {
  const present = new Set(nodes.getIds());
  const positions = network.getPositions([...present]);
  const neighbours = new Map();
  for (const edge of rawEdges) {
    if (!neighbours.has(edge.from)) neighbours.set(edge.from, []);
    if (!neighbours.has(edge.to)) neighbours.set(edge.to, []);
    neighbours.get(edge.from).push(edge.to);
    neighbours.get(edge.to).push(edge.from);
  }
  const centre = network.getViewPosition();
  for (const item of wanted) {
    if (present.has(item.id) || item.x !== undefined) continue;
    const near = (neighbours.get(item.id) ?? []).find((id) => positions[id]);
    const base = near ? positions[near] : centre;
    const turn = spread(item.id);
    item.x = base.x + 60 * Math.cos(turn);
    item.y = base.y + 60 * Math.sin(turn);
  }
}

/** An angle that depends on ``id`` alone, so the same change always draws the same picture. */
function spread(id) {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return ((hash >>> 0) % 360) * (Math.PI / 180);
}

function visNode(item, focus) {
  const colour = item.color.background;
  const mark = { background: colour, border: "#000000" };
  const node = {
    id: item.id,
    label: item.fallback ? `${item.label} [${page.otherLang}]` : item.label,
    title: tooltip(item.fallback ? `${item.title}\n(${text.fallback})` : item.title),
    shape: item.shape,
    color: { background: colour, border: item.color.border, highlight: mark, hover: mark },
    value: item.value,
    borderWidth: item.id === focus ? 4 : 1,
  };
  // Laid out on the server: drawn where it says, never moved; else physics places it (and must be free to).
  if (item.x !== undefined) Object.assign(node, { x: item.x, y: item.y, physics: false });
  else node.physics = true;
  return node;
}

function visEdge(item) {
  const edge = { id: `${item.from}\u0001${item.to}`, from: item.from, to: item.to, width: item.width };
  edge.title = tooltip(item.title);
  edge.label = item.label ?? undefined;
  edge.arrows = item.arrows ?? "";
  return edge;
}

/** A hover title as an element holding text: nothing in it is read as markup. */
function tooltip(content) {
  return element("div", { className: "network-tooltip" }, content);
}

function reselect(focus) {
  const chosen = openAfterDraw;
  openAfterDraw = null;
  if (chosen && nodes.get(chosen)) {
    openNode(chosen);
    return;
  }
  if (selected && selected.type === "node" && nodes.get(selected.id)) {
    network.selectNodes([selected.id]);
  } else if (selected && selected.type === "edge" && edges.get(selected.id)) {
    network.selectEdges([selected.id]);
  } else if (selected) {
    closePanel();
  }
  if (!selected && focus && nodes.get(focus)) network.selectNodes([focus]);
}

// ---------------------------------------------------------------------------
// What the page says about the view: status, legend, the list of nodes
// ---------------------------------------------------------------------------

function describe(data) {
  const counts = text.status.replace("{nodes}", data.summary.nodes).replace("{edges}", data.edges.length);
  const focus = state.focus ? data.nodes.find((item) => item.id === full(state.focus)) : null;
  const about = focus ? text.status_focus.replace("{label}", focus.name).replace("{depth}", state.depth) : "";
  statusLine.textContent = about ? `${about} · ${counts}` : counts;
  focusLine.hidden = !focus;
  if (focus) document.getElementById("network-focus-label").textContent = focus.name;
  aggregatedNote.hidden = !data.summary.aggregated;
  writeView(state);

  legend.replaceChildren(
    element("ul", {}, ...data.legend.map((entry) => element("li", {}, swatch(entry.shape, entry.color), ` ${entry.plural} `, element("span", { className: "count" }, String(entry.count))))),
  );

  const groups = data.legend
    .map((entry) => [entry, data.nodes.filter((item) => item.kind === entry.kind)])
    .filter(([, members]) => members.length);
  const body = groups.flatMap(([entry, members]) => {
    members.sort((a, b) => (a.name ?? a.label).localeCompare(b.name ?? b.label, page.lang));
    return [element("h2", {}, swatch(entry.shape, entry.color), ` ${entry.plural}`), element("ul", {}, ...members.map(listItem))];
  });
  document.getElementById("network-list-body").replaceChildren(...(body.length ? body : [element("p", {}, text.empty)]));
  document.getElementById("network-list-count").textContent = String(data.nodes.length);
}

function listItem(item) {
  const li = element("li");
  if (item.href) {
    const name = element("a", { href: item.href }, item.name);
    if (item.fallback) name.lang = page.otherLang;
    li.append(name);
  } else {
    li.append(element("span", {}, item.name ?? item.label));
  }
  if (item.fallback) li.append(" ", element("span", { className: "fallback" }, `(${text.fallback})`));
  if (!item.aggregate) {
    const target = { ...state, view: "neighbourhood", focus: short(item.id) };
    const link = element("a", { className: "focus-link", href: pageUrl(target, page.lang) }, text.focus_here);
    link.addEventListener("click", (event) => {
      event.preventDefault();
      focusOn(item.id);
    });
    li.append(" ", link);
  }
  return li;
}

function swatch(shape, colour) {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("class", "kind-mark");
  svg.setAttribute("viewBox", "0 0 16 16");
  svg.setAttribute("width", "16");
  svg.setAttribute("height", "16");
  svg.setAttribute("aria-hidden", "true");
  const polygon = document.createElementNS(SVG, "polygon");
  polygon.setAttribute("points", page.swatches[shape] ?? page.swatches.dot);
  polygon.setAttribute("fill", colour);
  svg.append(polygon);
  return svg;
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, attributes);
  node.append(...children);
  return node;
}

// ---------------------------------------------------------------------------
// Focus, the side panel
// ---------------------------------------------------------------------------

/** The neighbourhood of ``iri``, with it selected and centred and its panel open. */
function focusOn(iri) {
  openAfterDraw = iri;
  lastFocus = short(iri);
  show({ ...state, view: "neighbourhood", focus: short(iri), depth: state.view === "neighbourhood" ? state.depth : 1 }, { how: "push", refit: true });
}

network.on("click", (event) => {
  if (event.nodes.length) {
    const item = current.nodes.find((n) => n.id === event.nodes[0]);
    if (item && item.aggregate) openGroup(item);
    else openNode(event.nodes[0]);
  } else if (event.edges.length) {
    openEdge(event.edges[0]);
  } else if (selected) {
    closePanel();
  }
});

function showPanel(...children) {
  const close = element("button", { type: "button", className: "panel-close", title: text.close }, "×");
  close.setAttribute("aria-label", text.close);
  close.addEventListener("click", () => closePanel(true));
  panel.replaceChildren(close, ...children);
  panel.hidden = false;
}

function closePanel(returnFocus = false) {
  selected = null;
  network.unselectAll();
  panel.hidden = true;
  if (returnFocus) container.querySelector("[tabindex]")?.focus();
}

panel.addEventListener("keydown", (event) => {
  if (event.key === "Escape") closePanel(true);
});

async function openNode(iri) {
  selected = { type: "node", id: iri };
  if (nodes.get(iri)) network.selectNodes([iri]);
  const query = new URLSearchParams({ iri, lang: page.lang });
  let details;
  try {
    const response = await fetch(`${page.api.node}?${query}`, { headers: { Accept: "application/json" } });
    details = await response.json();
    if (!response.ok) throw new Error(details.message);
  } catch {
    complain(text.error);
    return;
  }
  if (!selected || selected.id !== iri) return;
  showPanel(...nodePanel(details));
  panel.dataset.iri = iri;
  reveal(iri);
}

function nodePanel(d) {
  const kind = KINDS[d.kind];
  const title = element("h2", { id: "network-panel-title" }, d.label);
  if (d.fallback) title.lang = page.otherLang;
  const parts = [title];
  const about = element("p", { className: "panel-kind" });
  if (kind) about.append(swatch(kind.shape, kind.color), " ");
  about.append(d.kind_label);
  if (d.fallback) about.append(" · ", element("span", { className: "fallback" }, text.fallback));
  parts.push(about);

  const facts = element("dl", { className: "panel-facts" });
  const add = (term, ...values) => {
    if (values.length) facts.append(element("dt", {}, term), ...values.map((value) => element("dd", {}, value)));
  };
  if (d.years) add(text.years, d.years[0] === d.years[1] ? String(d.years[0]) : `${d.years[0]}–${d.years[1] ?? ""}`);
  add(text.abbreviations, ...d.abbreviations);
  add(text.other_names, ...d.alt_labels);
  add(text.areas, ...d.areas.map(linkTo));
  if (facts.childElementCount) parts.push(facts);

  const focusButton = element("button", { type: "button" }, text.focus_here);
  focusButton.addEventListener("click", () => focusOn(d.iri));
  const actions = element("p", { className: "panel-actions" });
  if (d.href) actions.append(element("a", { href: d.href, className: "button-link" }, text.open_page), " ");
  actions.append(focusButton);
  parts.push(actions);

  parts.push(element("h3", {}, text.facts));
  if (d.facts.length) {
    const shown = 8;
    const items = d.facts.map((fact) => element("li", {}, fact.text));
    const factList = element("ul", { className: "panel-fact-list" }, ...items.slice(0, shown));
    parts.push(factList);
    if (items.length > shown) {
      const more = element("button", { type: "button", className: "link" }, text.more_facts.replace("{n}", items.length));
      more.addEventListener("click", () => {
        factList.append(...items.slice(shown));
        more.remove();
        items[shown].tabIndex = -1;
        items[shown].focus();
      });
      parts.push(more);
    }
  } else {
    parts.push(element("p", { className: "meta" }, text.no_facts));
  }
  if (d.documents.length) {
    parts.push(element("h3", {}, text.sources), element("ul", { className: "panel-sources" }, ...d.documents.map((source) => element("li", {}, linkTo(source)))));
  }
  return parts;
}

function linkTo(item) {
  return item.href ? element("a", { href: item.href }, item.label) : element("span", {}, item.label);
}

function openEdge(id) {
  const raw = current.edges.find((edge) => `${edge.from}\u0001${edge.to}` === id);
  if (!raw) return;
  selected = { type: "edge", id };
  const [head, ...lines] = raw.title.split("\n");
  const parts = [element("h2", { id: "network-panel-title" }, head)];
  if (raw.links) {
    parts.push(element("h3", {}, text.links));
    const items = raw.links.map((link) => element("li", {}, `${link.kind_label}: `, linkTo({ href: link.href, label: link.label })));
    parts.push(element("ul", { className: "panel-fact-list" }, ...items));
  } else if (lines.length) {
    parts.push(element("ul", { className: "panel-fact-list" }, ...lines.map((line) => element("li", {}, line))));
  }
  showPanel(...parts);
  delete panel.dataset.iri;
}

/** A node standing for a group (a kind, or a community of organizations) in a summarised view. */
function openGroup(item) {
  selected = { type: "group", id: item.id };
  const lines = item.title.split("\n");
  const parts = [element("h2", { id: "network-panel-title" }, item.label)];
  if (item.id.startsWith("kind:")) {
    const only = element("button", { type: "button" }, text.only_kind.replace("{kind}", KINDS[item.kind].plural));
    only.addEventListener("click", () => {
      closePanel();
      show({ ...state, kinds: [item.kind] });
    });
    parts.push(element("p", { className: "panel-actions" }, only));
  } else {
    parts.push(element("h3", {}, text.group), element("ul", { className: "panel-fact-list" }, ...lines.map((line) => element("li", {}, line))));
  }
  showPanel(...parts);
  reveal(item.id);
}

// ---------------------------------------------------------------------------
// Search with suggestions: an ARIA combobox over /api/search
// ---------------------------------------------------------------------------

const searchForm = document.getElementById("network-search");
const searchInput = document.getElementById("network-search-input");
const listbox = document.getElementById("network-suggestions");
const searchStatus = document.getElementById("network-search-status");
let hits = [];
let active = -1;
let asked = 0;
let typing = null;

Object.entries({
  role: "combobox",
  "aria-autocomplete": "list",
  "aria-expanded": "false",
  "aria-controls": listbox.id,
}).forEach(([name, value]) => searchInput.setAttribute(name, value));

searchInput.addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(suggest, 120);
});

searchInput.addEventListener("keydown", (event) => {
  if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    event.preventDefault();
    if (listbox.hidden) suggest();
    else move(event.key === "ArrowDown" ? 1 : -1);
  } else if (event.key === "Escape") {
    if (!listbox.hidden) closeSuggestions();
    else searchInput.value = "";
  } else if (event.key === "Enter" && !listbox.hidden && active >= 0) {
    event.preventDefault();
    choose(hits[active]);
  }
});

searchInput.addEventListener("blur", () => setTimeout(closeSuggestions, 150));

searchForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearTimeout(typing);
  const found = active >= 0 ? [hits[active]] : await ask(searchInput.value);
  if (found && found.length) choose(found[0]);
  else if (found) announce(text.no_suggestions, true);
});

async function ask(query) {
  if (!query.trim()) return [];
  const mine = ++asked;
  try {
    const response = await fetch(`${page.api.search}?${new URLSearchParams({ q: query, lang: page.lang })}`, {
      headers: { Accept: "application/json" },
    });
    const data = await response.json();
    return mine === asked ? data.results ?? [] : null;
  } catch {
    return null;
  }
}

async function suggest() {
  const found = await ask(searchInput.value);
  if (found === null) return;
  hits = found;
  active = -1;
  searchInput.removeAttribute("aria-activedescendant");
  listbox.replaceChildren(...hits.map(option));
  if (!searchInput.value.trim()) {
    closeSuggestions();
    return;
  }
  announce(hits.length ? text.suggestions.replace("{n}", hits.length) : text.no_suggestions, !hits.length);
}

function option(hit, index) {
  const item = element("li", { id: `network-suggestion-${index}`, className: "suggestion" });
  item.setAttribute("role", "option");
  item.setAttribute("aria-selected", "false");
  const name = element("span", { className: "suggestion-label" }, hit.label);
  if (hit.fallback) name.lang = page.otherLang;
  const kind = KINDS[hit.kind];
  item.append(kind ? swatch(kind.shape, kind.color) : "", " ", name, " ", element("span", { className: "meta" }, hit.kind_label));
  if (hit.matched) item.append(" ", element("span", { className: "matched" }, `(${hit.matched})`));
  item.addEventListener("mousedown", (event) => event.preventDefault());
  item.addEventListener("click", () => choose(hit));
  return item;
}

function announce(message, empty) {
  searchStatus.textContent = message;
  if (empty) listbox.replaceChildren(presentation(element("li", { className: "suggestion meta" }, message)));
  listbox.hidden = false;
  searchInput.setAttribute("aria-expanded", String(!empty));
}

function presentation(item) {
  item.setAttribute("role", "presentation");
  return item;
}

function move(step) {
  if (!hits.length) return;
  active = (active + step + hits.length) % hits.length;
  [...listbox.children].forEach((item, index) => item.setAttribute("aria-selected", String(index === active)));
  const current = listbox.children[active];
  searchInput.setAttribute("aria-activedescendant", current.id);
  current.scrollIntoView({ block: "nearest" });
}

function closeSuggestions() {
  listbox.hidden = true;
  active = -1;
  searchInput.setAttribute("aria-expanded", "false");
  searchInput.removeAttribute("aria-activedescendant");
}

function choose(hit) {
  closeSuggestions();
  searchInput.value = hit.label;
  focusOn(hit.iri);
}

// ---------------------------------------------------------------------------
// Wiring the controls
// ---------------------------------------------------------------------------

controls.addEventListener("change", (event) => {
  const name = event.target.name;
  const next = readControls();
  show(next, { how: name === "view" || name === "depth" ? "push" : "replace" });
});

controls.addEventListener("submit", (event) => {
  event.preventDefault();
  show(readControls());
});

controls.querySelectorAll("[data-relations]").forEach((button) =>
  button.addEventListener("click", () => {
    const all = button.dataset.relations === "all";
    for (const box of boxes("relations")) box.checked = all;
    show(readControls());
  }),
);

window.addEventListener("popstate", () => {
  const next = stateFromAddress();
  writeControls(next);
  show(next, { how: null, refit: true });
});

function zoom(factor) {
  viewMoved = true;
  network.moveTo({ scale: network.getScale() * factor, animation: { duration: 200 } });
}

function zoomButton(label, symbol, act) {
  const button = element("button", { type: "button", title: label }, symbol);
  button.setAttribute("aria-label", label);
  button.addEventListener("click", act);
  return button;
}

frame.append(
  element(
    "div",
    { className: "zoom" },
    zoomButton(text.zoom_in, "+", () => zoom(1.3)),
    zoomButton(text.zoom_out, "−", () => zoom(1 / 1.3)),
    zoomButton(text.fit, "⤢", () => fitVisible(state.focus ? full(state.focus) : null, true)),
  ),
);

// The script is here: the canvas replaces the notice, the list folds away, the filters fold on a phone.
frame.hidden = false;
list.open = false;
document.querySelectorAll(".no-js").forEach((node) => (node.hidden = true));
if (!matchMedia("(min-width: 56rem)").matches) document.getElementById("network-filters").open = false;
network.setSize("100%", "100%");
if (problemBox.hidden) remember("replace");
if (state.focus) openAfterDraw = full(state.focus);
draw(page.network, true);
