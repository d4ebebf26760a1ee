"""The partnership network drawn by community: :func:`graph.views.partnership`, recoloured.

Each community (from :func:`graph.analytics.communities`, largest first) gets
a colour from a colour-blind-safe palette and, past the palette's seven
colours, another shape too, so no two of the first 49 communities look
alike and none is told apart by hue alone. Above the view's summary limit
the backend draws one node per community, in the same order, so those are
coloured by their position.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from graph.views import LIMITS, Limits, partnership

PALETTE = ("#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#BBBBBB")
"""Paul Tol's "bright" scheme, readable by people with any common colour-vision deficiency."""

SHAPES = ("dot", "square", "diamond", "triangle", "star", "triangleDown", "hexagon")
"""vis-network shapes that draw the label below the node and can be sized."""


def community_style(index: int) -> dict[str, str]:
    """The colour and shape of community ``index`` (0-based): the same on the drawing and in a list."""
    return {"color": PALETTE[index % len(PALETTE)], "shape": SHAPES[index // len(PALETTE) % len(SHAPES)]}


def community_view(
    network: nx.MultiDiGraph, found: list[list[str]], lang: str = "sv", limits: Limits = LIMITS
) -> dict[str, Any]:
    """The partnership view with each node's ``community`` (1-based), colour and shape; edges without ``links``.

    ``found`` are the communities of the network's partnership graph, as
    :func:`graph.analytics.communities` gives them; ``limits`` say when the
    view is laid out on the server or drawn one node per community.
    """
    view = partnership(network, lang=lang, size="degree", limits=limits)
    community_of = {iri: index for index, members in enumerate(found) for iri in members}
    for node in view["nodes"]:
        if node.get("aggregate"):
            index: int | None = int(str(node["id"]).split(":", 1)[1])
        else:
            index = community_of.get(node["id"])
        if index is None:
            continue
        style = community_style(index)
        node["community"] = index + 1
        node["shape"] = style["shape"]
        node["color"] = {"background": style["color"], "border": "#222222"}
    for edge in view["edges"]:
        edge.pop("links", None)  # their hover text already names them
    return view
