"""Namespaces and prefixes, declared once.

Every IRI the code builds starts from here, and the same prefix map is used
when serialising (dumps, Turtle results) and when parsing queries, so a
prefixed name means the same thing everywhere.
"""

from rdflib import Namespace

SV = Namespace("https://w3id.org/samverkan/ns#")
"""The project's own ontology terms."""

ID_BASE = "https://w3id.org/samverkan/id/"
"""Instance IRIs are ``{ID_BASE}{kind}/{slug}``; the web app serves them at ``/id/...``."""

GRAPH_BASE = "https://w3id.org/samverkan/graph/"
"""Named graphs are ``{GRAPH_BASE}{name}``, one per source file."""

SITE = "https://w3id.org/samverkan/"
"""The published site: the web app answers here (its home page is the landing page)."""

DATASET = ID_BASE + "dataset/samverkan"
"""The dataset as a whole, described by the VoID description and the DCAT catalogue record alike."""

SPARQL_ENDPOINT = SITE + "sparql"
"""The public SPARQL endpoint."""

DUMPS_BASE = SITE + "dumps/"
"""Every published file is ``{DUMPS_BASE}{file name}``."""

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
