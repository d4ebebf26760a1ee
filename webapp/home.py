"""The home page: the dataset in figures, the downloads and the organizations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, current_app, render_template

from graph.dist import read_manifest
from graph.labels import labels
from graph.language import collation_key
from graph.sources import source_path
from graph.stats import collect
from graph.store import Store
from webapp.i18n import current_lang
from webapp.store import current_site, get_store

bp = Blueprint("home", __name__)

ORGANIZATIONS = "SELECT DISTINCT ?org { ?org rdf:type/rdfs:subClassOf* org:Organization }"



@bp.get("/")
def index() -> str:
    store = get_store()
    lang = current_lang()
    figures = collect(store)
    class_labels = labels(store, figures.classes, lang)
    return render_template(
        "home.html",
        figures=figures,
        graphs=[(source_path(graph, current_site()) or graph, count) for graph, count in figures.graphs.items()],
        classes=[(iri, class_labels[iri], count) for iri, count in figures.classes.items()],
        dumps=_dumps(),
        organizations=_organizations(store, lang),
    )


def _organizations(store: Store, lang: str) -> list[tuple[str, str]]:
    """(IRI, label) of every organization, a subclass's instances included, by label."""
    iris = [row["org"].value for row in store.select(ORGANIZATIONS)]
    names = labels(store, iris, lang)
    return sorted(names.items(), key=lambda item: (collation_key(item[1], lang), item[0]))


def _dumps() -> list[dict[str, Any]]:
    """The manifest entries of the built dumps, none if nothing is built."""
    manifest = read_manifest(Path(current_app.config["DIST_DIR"]))
    entries: list[dict[str, Any]] = manifest["dumps"] if manifest else []
    return entries
