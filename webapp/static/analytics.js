// The analytics page: sorts the measures table in place, and draws the partnership network by community.
//
// Without this script the page still works: the table's headings are links the
// server sorts by, and the communities are listed under the picture. Text from
// the data only ever reaches the page as textContent.

const data = JSON.parse(document.getElementById("analytics-data").textContent);
const messages = data.messages;

function format(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------
// The table: the same order as the server's (by name, then stably by the column)
// ---------------------------------------------------------------------------

const ARROWS = { asc: "▲", desc: "▼", none: "↕" };

function sortTable(table, column, order) {
  const headings = [...table.tHead.rows[0].cells];
  const index = headings.findIndex((th) => th.dataset.column === column);
  const body = table.tBodies[0];
  const rows = [...body.rows];
  const name = (row) => row.cells[0].dataset.value;
  rows.sort((a, b) => compare(name(a), name(b)) || compare(a.dataset.iri, b.dataset.iri));
  if (column === "name") {
    if (order === "desc") rows.reverse();
  } else {
    const value = (row) => Number(row.cells[index].dataset.value);
    rows.sort((a, b) => (order === "desc" ? compare(value(b), value(a)) : compare(value(a), value(b))));
  }
  body.append(...rows);
  for (const th of headings) {
    const link = th.querySelector("a[data-sort-link]");
    const sorted = th.dataset.column === column;
    const url = new URL(link.href);
    if (sorted) {
      th.setAttribute("aria-sort", order === "asc" ? "ascending" : "descending");
      url.searchParams.set("order", order === "asc" ? "desc" : "asc");
    } else {
      th.removeAttribute("aria-sort");
      url.searchParams.set("order", th.dataset.column === "name" ? "asc" : "desc");
    }
    link.href = url.toString();
    link.querySelector(".sort-arrow").textContent = sorted ? ARROWS[order] : ARROWS.none;
  }
  const heading = headings[index].querySelector("a[data-sort-link]").firstChild.textContent.trim();
  document.getElementById("sort-status").textContent = format(messages.sorted_by, {
    column: heading,
    direction: order === "asc" ? messages.ascending : messages.descending,
  });
}

function enhanceTable(table) {
  table.tHead.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-sort-link]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    const target = new URL(link.href);
    const column = link.closest("th").dataset.column;
    sortTable(table, column, target.searchParams.get("order"));
    history.replaceState(null, "", target.pathname + target.search + target.hash);
  });
}

// ---------------------------------------------------------------------------
// The communities on the network
// ---------------------------------------------------------------------------

function tooltip(text) {
  const element = document.createElement("div");
  element.className = "analytics-tooltip";
  element.textContent = text;
  return element;
}

function showSelection(output, node) {
  output.replaceChildren();
  if (!node) return;
  output.append(messages.selected + " ");
  const name = node.href ? document.createElement("a") : document.createElement("strong");
  name.textContent = node.title.split("\n")[0];
  if (node.href) name.href = node.href;
  output.append(name);
  if (node.community) output.append(" · " + format(messages.community, { n: node.community }));
}

function drawCommunities(container, drawing) {
  const nodes = new vis.DataSet(drawing.nodes.map((node) => ({ ...node, title: tooltip(node.title) })));
  const edges = new vis.DataSet(drawing.edges.map((edge) => ({ ...edge, title: tooltip(edge.title) })));
  const byId = new Map(drawing.nodes.map((node) => [node.id, node]));
  container.replaceChildren();
  const physics = drawing.summary.physics;
  const network = new vis.Network(
    container,
    { nodes, edges },
    {
      nodes: {
        borderWidth: 1,
        font: { size: 14, color: "#1d2733", strokeWidth: 3, strokeColor: "#ffffff" },
        scaling: { min: 8, max: 28 },
      },
      edges: { color: { color: "#b8c2cc", highlight: "#0b5c8a", hover: "#0b5c8a" }, smooth: false, scaling: { min: 1, max: 6 } },
      physics: physics
        ? {
            stabilization: { iterations: 400, fit: true },
            barnesHut: { gravitationalConstant: -14000, springLength: 200, avoidOverlap: 0.4 },
          }
        : false,
      layout: { randomSeed: 20, improvedLayout: drawing.nodes.length <= 150 },
      interaction: { hover: true, tooltipDelay: 120, keyboard: { enabled: true, bindToWindow: false } },
    },
  );
  if (physics) network.once("stabilizationIterationsDone", () => network.setOptions({ physics: false }));
  network.once("afterDrawing", () => {
    container.dataset.nodes = String(nodes.length);
    container.dataset.edges = String(edges.length);
  });
  const output = document.getElementById("community-selection");
  network.on("click", (params) => showSelection(output, byId.get(params.nodes[0])));
  return network;
}

const table = document.getElementById("measures-table");
if (table && table.dataset.complete === "true") enhanceTable(table); // a cut table is sorted by the server
const container = document.getElementById("community-network");
if (container && data.drawing && window.vis) drawCommunities(container, data.drawing);
