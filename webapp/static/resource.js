// A resource page's neighbourhood, drawn with vis-network (served by this app, never a CDN).
//
// The page hands the network over as JSON in #resource-network-data, built on the server by
// graph/views.py. Text from the data reaches the page only as text: hover titles are built as
// elements with textContent, never as HTML strings. Clicking a node opens its page.
(function () {
  "use strict";

  var box = document.getElementById("resource-network");
  var source = document.getElementById("resource-network-data");
  if (!box || !source || typeof vis === "undefined") {
    return;
  }
  var view = JSON.parse(source.textContent);
  var focus = box.getAttribute("data-focus");

  // Plain text with line breaks -> an element vis-network shows as the hover title; first line bold.
  function tooltip(text) {
    var frame = document.createElement("div");
    String(text || "").split("\n").forEach(function (line, index) {
      var part = document.createElement(index === 0 ? "strong" : "div");
      part.textContent = line;
      frame.appendChild(part);
    });
    return frame;
  }

  // A crowded picture names only the focus and the main actors on the canvas; hovering names the rest.
  var crowded = view.nodes.length > 16;
  var named = { organization: true, collaboration: true, agreement: true };
  var nodes = new vis.DataSet(view.nodes.map(function (node) {
    var drawn = Object.assign({}, node, { title: tooltip(node.title) });
    if (crowded && node.id !== focus && !named[node.kind]) {
      drawn.label = undefined;
    }
    if (node.id === focus) {
      drawn.borderWidth = 3;
      drawn.font = { size: 16, color: "#000000", strokeWidth: 4, strokeColor: "#ffffff" };
    }
    return drawn;
  }));
  var showEdgeLabels = view.edges.length <= 24;
  var edges = new vis.DataSet(view.edges.map(function (edge) {
    return Object.assign({}, edge, {
      title: tooltip(edge.title),
      label: showEdgeLabels ? edge.label : undefined,
    });
  }));

  var network = new vis.Network(box, { nodes: nodes, edges: edges }, {
    autoResize: true,
    nodes: {
      font: { size: 13, color: "#1d2733", face: "system-ui, sans-serif", strokeWidth: 3, strokeColor: "#ffffff" },
      scaling: { min: 8, max: 24 },
      borderWidth: 1,
    },
    edges: {
      color: { color: "#9aa5b1", highlight: "#0b5c8a", hover: "#0b5c8a" },
      font: { size: 10, color: "#5b6876", strokeWidth: 3, align: "middle" },
      smooth: { type: "continuous" },
      arrows: { to: { scaleFactor: 0.5 } },
    },
    physics: {
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -110, centralGravity: 0.012, springLength: 140, avoidOverlap: 0.6 },
      stabilization: { iterations: 300, fit: true },
    },
    interaction: {
      hover: true,
      tooltipDelay: 150,
      zoomView: false,
      keyboard: { enabled: true, bindToWindow: false },
    },
  });

  // Fit the picture with a margin, so that labels at the edge are not cut off.
  function fit() {
    network.fit({ animation: false });
    network.moveTo({ scale: Math.min(network.getScale() * 0.8, 1) });
  }
  box.visNetwork = network; // for the browser tests, which find nodes on the canvas by position
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: false });
    fit();
    box.setAttribute("data-ready", "true");
  });
  box.setAttribute("data-nodes", String(nodes.length));
  box.setAttribute("data-edges", String(edges.length));

  network.on("click", function (params) {
    if (params.nodes.length !== 1) {
      return;
    }
    var node = nodes.get(params.nodes[0]);
    if (node && node.id !== focus && typeof node.href === "string" && node.href.charAt(0) === "/") {
      window.location.assign(node.href);
    }
  });
  network.on("hoverNode", function () { box.style.cursor = "pointer"; });
  network.on("blurNode", function () { box.style.cursor = ""; });

  // Zoom buttons: the mouse wheel scrolls the page, not the picture.
  var controls = document.createElement("div");
  controls.className = "network-controls";
  [
    ["zoom-in", "+", function () { network.moveTo({ scale: network.getScale() * 1.25 }); }],
    ["zoom-out", "−", function () { network.moveTo({ scale: network.getScale() / 1.25 }); }],
    ["fit", "⤢", fit],
  ].forEach(function (button) {
    var element = document.createElement("button");
    element.type = "button";
    element.textContent = button[1];
    element.title = box.getAttribute("data-" + button[0]) || "";
    element.setAttribute("aria-label", element.title);
    element.addEventListener("click", button[2]);
    controls.appendChild(element);
  });
  box.parentNode.insertBefore(controls, box.nextSibling);
})();
