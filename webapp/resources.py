"""A page for each resource the project names: ``/id/{kind}/{slug}``.

The page's address is the resource's IRI path, so the IRI
``https://w3id.org/samverkan/id/org/huddinge-kommun`` is shown at
``/id/org/huddinge-kommun``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from flask import Blueprint, abort, render_template

from graph.labels import labels
from graph.namespaces import ID_BASE
from graph.sources import source_path
from graph.store import Store
from webapp.i18n import current_lang, link
from webapp.store import get_store

bp = Blueprint("resources", __name__, url_prefix="/id")

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@dataclass(frozen=True)
class Value:
    """An object of a fact as shown: its text, a link if we serve it, a language if it has one."""

    text: str
    href: str | None = None
    lang: str | None = None


def resource_url(iri: str) -> str | None:
    """The page of ``iri`` in this app, if the project owns it."""
    if iri.startswith(ID_BASE):
        return link("resources.show", rest=iri[len(ID_BASE) :])
    return None


@bp.app_context_processor
def inject() -> dict[str, object]:
    """Let every template link to resource pages."""
    return {"resource_url": resource_url}


def get_resource_or_404(store: Store, rest: str) -> ox.NamedNode:
    """The IRI ``{ID_BASE}{rest}``, if it is a valid IRI the graph mentions."""
    try:
        node = ox.NamedNode(ID_BASE + rest)
    except ValueError:
        abort(404)
    if not store.ask(f"ASK {{ {{ {node} ?p ?o }} UNION {{ ?s ?p {node} }} }}"):
        abort(404)
    return node


@bp.get("/<path:rest>")
def show(rest: str) -> str:
    store = get_store()
    lang = current_lang()
    node = get_resource_or_404(store, rest)
    rows = list(store.select(f"SELECT ?p ?o ?g {{ GRAPH ?g {{ {node} ?p ?o }} }} ORDER BY ?p ?o ?g"))
    iris = {node.value} | {row["p"].value for row in rows}
    iris |= {row["o"].value for row in rows if isinstance(row["o"], ox.NamedNode)}
    names = labels(store, iris, lang)
    facts = [
        (names[row["p"].value], _value(row["o"], names), source_path(row["g"].value) or row["g"].value)
        for row in rows
    ]
    kinds = sorted(
        {
            names[row["o"].value]
            for row in rows
            if row["p"].value == RDF_TYPE and isinstance(row["o"], ox.NamedNode)
        }
    )
    return render_template("resource.html", iri=node.value, label=names[node.value], kinds=kinds, facts=facts)


def _value(term: ox.NamedNode | ox.BlankNode | ox.Literal, names: dict[str, str]) -> Value:
    if isinstance(term, ox.NamedNode):
        return Value(names[term.value], resource_url(term.value))
    if isinstance(term, ox.Literal):
        return Value(term.value, lang=term.language)
    return Value(str(term))
