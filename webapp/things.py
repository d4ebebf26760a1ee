"""Nodes of the network as the analytics, connections and timeline pages show them.

A thing is a plain dict for a template: its label in the reader's language
(``borrowed`` names the other language when the label had to be taken from
it), a link to its page in this app, and its kind. Lists of things sort as a
reader of the page's language expects.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from graph.language import collation_key
from graph.network import KIND
from webapp.resources import resource_url

def href(iri: str) -> str | None:
    """The app's page of ``iri``; an outside web address as it is; nothing for other IRIs."""
    own = resource_url(iri)
    if own is not None:
        return own
    if iri.startswith(("http://", "https://")):
        return iri
    return None


def thing(network: nx.MultiDiGraph, iri: str, lang: str) -> dict[str, Any]:
    """Node ``iri`` as a link in ``lang``; an IRI the network does not hold goes by the IRI itself."""
    if iri not in network:
        return {"iri": iri, "label": iri, "borrowed": None, "href": href(iri), "kind": None, "kind_label": ""}
    data = network.nodes[iri]
    other = "en" if lang == "sv" else "sv"
    return {
        "iri": iri,
        "label": data["labels"][lang],
        "borrowed": other if lang in data["fallback"] else None,
        "href": href(iri),
        "kind": data["kind"],
        "kind_label": KIND[data["kind"]].label(lang),
    }


def by_label(things: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    return sorted(things, key=lambda item: (collation_key(item["label"], lang), item["iri"]))


def organizations(network: nx.MultiDiGraph, lang: str) -> list[dict[str, Any]]:
    """Every organization of the network, by name."""
    return by_label(
        [thing(network, iri, lang) for iri, kind in network.nodes(data="kind") if kind == "organization"], lang
    )
