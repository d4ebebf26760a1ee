"""Namespaces and prefixes, declared once.

Every IRI the code builds starts from here, and the same prefix map is used
when serialising (dumps, Turtle results) and when parsing queries, so a
prefixed name means the same thing everywhere.
"""

import re
from dataclasses import dataclass

from rdflib import Namespace

CANONICAL_BASE = "https://w3id.org/samverkan/"
"""The base the data files, shipped queries and catalogue template are written under."""

SV = Namespace(CANONICAL_BASE + "ns#")
"""The project's own ontology terms: the same in every deployment, so data and queries stay portable."""

MINTED = ("id/", "graph/", "catalog", "sparql", "dumps/")
"""What the project mints under its base, relative to it; the rest there (``ns``, ``shapes``) is shared vocabulary."""

SHARED_GRAPHS = ("graph/ontology",)
"""Named graphs holding the shared vocabulary, which keep their canonical IRIs like the vocabulary itself."""


@dataclass(frozen=True)
class Site:
    """The IRIs a deployment mints and serves, all under one base ending in ``/``.

    The data is written under :data:`CANONICAL_BASE`; a deployment at another
    domain builds with its own base, and :meth:`rebase` moves every minted
    IRI (instances, named graphs, the dataset, the catalogue, the landing
    page) under it. The vocabulary is shared, not minted, so it keeps its
    canonical IRIs everywhere.
    """

    base: str = CANONICAL_BASE

    @property
    def id_base(self) -> str:
        """Instance IRIs are ``{id_base}{kind}/{slug}``; the web app serves them at ``/id/...``."""
        return self.base + "id/"

    @property
    def graph_base(self) -> str:
        """Named graphs are ``{graph_base}{name}``, one per source file."""
        return self.base + "graph/"

    @property
    def dataset(self) -> str:
        """The dataset as a whole, described by the VoID description and the DCAT record alike."""
        return self.id_base + "dataset/samverkan"

    @property
    def catalog(self) -> str:
        return self.base + "catalog"

    @property
    def sparql_endpoint(self) -> str:
        return self.base + "sparql"

    @property
    def dumps_base(self) -> str:
        """Every published file is ``{dumps_base}{file name}``."""
        return self.base + "dumps/"

    @property
    def canonical(self) -> bool:
        return self.base == CANONICAL_BASE

    def rebase(self, iri: str) -> str:
        """``iri`` moved from the canonical base to this one, if it is one the project mints."""
        if self.canonical or not iri.startswith(CANONICAL_BASE):
            return iri
        rest = iri[len(CANONICAL_BASE) :]
        minted = rest == "" or (rest.startswith(MINTED) and rest not in SHARED_GRAPHS)
        return self.base + rest if minted else iri

    def rebase_text(self, text: str) -> str:
        """Every minted IRI written ``<...>`` in ``text`` (a query, a Turtle template) moved to this base."""
        if self.canonical:
            return text
        return CANONICAL_IRI.sub(lambda match: f"<{self.rebase(match[1])}>", text)
        return text


CANONICAL_IRI = re.compile("<(" + re.escape(CANONICAL_BASE) + "[^>]*)>")
"""An IRI under the canonical base, written ``<...>`` as SPARQL and Turtle write them."""

CANONICAL = Site()
"""The canonical site, which the data files are written for."""

PREFIXES: dict[str, str] = {
    "sv": str(SV),
    "org": "http://www.w3.org/ns/org#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "prov": "http://www.w3.org/ns/prov#",
    "time": "http://www.w3.org/2006/time#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "cv": "http://data.europa.eu/m8g/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "void": "http://rdfs.org/ns/void#",
    "svsh": "https://w3id.org/samverkan/shapes#",
}
"""Prefix -> namespace IRI, for serialisation and as default query prefixes."""


def shorten(iri: str) -> str:
    """Write ``iri`` as a prefixed name when a known prefix covers it, else as ``<iri>``.

    Used wherever people read IRIs (tables, validation reports) and a full
    IRI would drown the point.
    """
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            local = iri[len(namespace) :]
            if local and all(c.isalnum() or c in "-_." for c in local) and local[-1] != ".":
                return f"{prefix}:{local}"
    return f"<{iri}>"
