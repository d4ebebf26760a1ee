"""The DCAT-AP-SE catalogue record: the dataset, one distribution per published file, the SPARQL service.

The Swedish open data portal harvests this record. Its static part (titles,
publisher, contact point, themes, languages, licence, the SPARQL service)
is ``graph/catalog.ttl``; added here from the store and the written files:

- a ``dcat:Distribution`` per file (dumps, their gzip copies, the network
  files), with its download URL, IANA media type, EU file type where the EU
  list has one (it has none for GraphML and GEXF, which name their
  specification in ``dct:conformsTo`` instead), size and checksum;
- the temporal coverage, from the earliest to the latest ``xsd:date`` in
  the data (the ontology's own dates are left out);
- the date the record was made (``dct:modified``).

Two things follow the DCAT-AP 2.1.1 shapes rather than the DCAT
recommendation: ``dcat:byteSize`` is an ``xsd:decimal``, and the checksum is
SHA-1, the only algorithm those shapes accept (the manifest and the
downloads page give SHA-256).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, SKOS, XSD

from graph.export import digest
from graph.namespaces import CANONICAL, Site
from graph.sources import ONTOLOGY_GRAPH
from graph.store import Store

CATALOG_FILE = "catalog.ttl"
TEMPLATE = Path(__file__).with_name("catalog.ttl")

LICENCE = URIRef("http://publications.europa.eu/resource/authority/licence/CC_BY_4_0")
SPDX = Namespace("http://spdx.org/rdf/terms#")
IANA = "http://www.iana.org/assignments/media-types/"
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"

FILE_TYPES = {
    "application/trig": "RDF_TRIG",
    "application/n-quads": "RDF_N_QUADS",
    "application/ld+json": "JSON_LD",
    "text/turtle": "RDF_TURTLE",
    "application/n-triples": "RDF_N_TRIPLES",
    "application/rdf+xml": "RDF_XML",
    "text/csv": "CSV",
}
"""Media type -> the EU file-type authority's code for it."""

SPECIFICATIONS = {
    "GraphML": "http://graphml.graphdrawing.org/xmlns",
    "GEXF": "http://www.gexf.net/1.2draft",
}
"""Formats the EU file-type list lacks -> the specification (XML namespace) their files follow."""


def static_record(site: Site = CANONICAL) -> Graph:
    """The record's static part, as shipped in the package, its IRIs under ``site``'s base."""
    return Graph().parse(data=site.rebase_text(TEMPLATE.read_text(encoding="utf-8")), format="turtle")


def catalog_record(
    store: Store, files: list[dict[str, Any]], directory: Path, modified: date, site: Site = CANONICAL
) -> Graph:
    """The whole record for the ``files`` (manifest entries, with their ``gzip`` copies) in ``directory``."""
    record = static_record(site)
    dataset = URIRef(site.dataset)
    for subject in (URIRef(site.catalog), dataset):
        record.add((subject, DCTERMS.modified, Literal(modified)))
    _add_temporal(record, dataset, store)
    for entry in files:
        _add_distribution(record, dataset, directory, entry, entry["media_type"], site, compressed=False)
        if "gzip" in entry:
            copy = entry | entry["gzip"]
            _add_distribution(record, dataset, directory, copy, entry["media_type"], site, compressed=True)
    return record


def _add_distribution(
    record: Graph,
    dataset: URIRef,
    directory: Path,
    entry: dict[str, Any],
    media_type: str,
    site: Site,
    compressed: bool,
) -> None:
    name = entry["file"]
    distribution = URIRef(f"{site.catalog}#{name}")
    url = URIRef(site.dumps_base + name)
    record.add((dataset, DCAT.distribution, distribution))
    record.add((distribution, RDF.type, DCAT.Distribution))
    suffix = " (gzip)" if compressed else ""
    for lang, title in entry["title"].items():
        record.add((distribution, DCTERMS.title, Literal(f"{title}, {entry['format']}{suffix}", lang=lang)))
    record.add((distribution, DCAT.accessURL, url))
    record.add((distribution, DCAT.downloadURL, url))
    record.add((distribution, DCAT.mediaType, _media_type(record, media_type)))
    if compressed:
        record.add((distribution, DCAT.compressFormat, _media_type(record, "application/gzip")))
    if media_type in FILE_TYPES:
        file_type = URIRef(FILE_TYPE + FILE_TYPES[media_type])
        record.add((distribution, DCTERMS.format, file_type))
        record.add((file_type, RDF.type, DCTERMS.MediaTypeOrExtent))
        record.add((file_type, SKOS.inScheme, URIRef(FILE_TYPE.rstrip("/"))))
    if entry["format"] in SPECIFICATIONS:
        specification = URIRef(SPECIFICATIONS[entry["format"]])
        record.add((distribution, DCTERMS.conformsTo, specification))
        record.add((specification, RDF.type, DCTERMS.Standard))
    record.add((distribution, DCAT.byteSize, Literal(entry["size"], datatype=XSD.decimal)))
    checksum = BNode(f"checksum-{name}")
    record.add((distribution, SPDX.checksum, checksum))
    record.add((checksum, RDF.type, SPDX.Checksum))
    record.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha1))
    record.add((checksum, SPDX.checksumValue, Literal(digest(directory / name, "sha1"), datatype=XSD.hexBinary)))
    record.add((distribution, DCTERMS.license, LICENCE))


def _media_type(record: Graph, media_type: str) -> URIRef:
    iri = URIRef(IANA + media_type)
    record.add((iri, RDF.type, DCTERMS.MediaType))
    return iri


def _add_temporal(record: Graph, dataset: URIRef, store: Store) -> None:
    """``dct:temporal``: the earliest and latest ``xsd:date`` stated in the data, if it states any."""
    row = next(
        iter(
            store.select(
                "SELECT (MIN(?date) AS ?start) (MAX(?date) AS ?end)"
                f" {{ GRAPH ?g {{ ?s ?p ?date }} FILTER(?g != <{ONTOLOGY_GRAPH}> && DATATYPE(?date) = xsd:date) }}"
            )
        )
    )
    if row["start"] is None:
        return
    period = BNode("temporal")
    record.add((dataset, DCTERMS.temporal, period))
    record.add((period, RDF.type, DCTERMS.PeriodOfTime))
    record.add((period, DCAT.startDate, Literal(row["start"].value, datatype=XSD.date)))
    record.add((period, DCAT.endDate, Literal(row["end"].value, datatype=XSD.date)))
