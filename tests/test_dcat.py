"""The DCAT-AP-SE catalogue record: it passes the DCAT-AP 2.1.1 shapes and tells the truth about the files.

The shapes are SEMIC's own, read from ``../shared/dcat-ap`` beside the
repository and never copied into it; without that folder the validation
tests skip and say so.
"""

from __future__ import annotations

import hashlib
import urllib.request
from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox
import pytest
import rdflib
from conftest import REPO
from pyshacl import validate
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, RDF, SH, XSD

from graph.dcat import CATALOG_FILE, FILE_TYPE, IANA, LICENCE, SPDX
from graph.dist import GROUPS, read_manifest
from graph.namespaces import CANONICAL
from graph.settings import Settings
from graph.sources import ONTOLOGY_GRAPH
from graph.void import VOID, VOID_FILE

SHAPES_DIR = REPO.parent / "shared" / "dcat-ap"
SHAPES_FILES = (
    "dcat-ap_2.1.1_shacl_shapes.ttl",
    "dcat-ap_2.1.1_shacl_range.ttl",
    "dcat-ap_2.1.1_shacl_mdr-vocabularies.shape.ttl",
)
DATASET_IRI = rdflib.URIRef(CANONICAL.dataset)
VCARD = rdflib.Namespace("http://www.w3.org/2006/vcard/ns#")


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    missing = [name for name in SHAPES_FILES if not (SHAPES_DIR / name).is_file()]
    if missing:
        pytest.skip(
            f"the DCAT-AP 2.1.1 shapes are not at {SHAPES_DIR} ({', '.join(missing)}): the project reads them"
            " from ../shared/dcat-ap beside the repository and does not copy them"
        )
    graph = rdflib.Graph()
    for name in SHAPES_FILES:
        graph.parse(SHAPES_DIR / name, format="turtle")
    return graph


def record_of(settings: Settings) -> rdflib.Graph:
    return rdflib.Graph().parse(settings.dist / CATALOG_FILE, format="turtle")


def results(record: rdflib.Graph, shapes: rdflib.Graph) -> tuple[bool, list[tuple[str, ...]]]:
    """Whether ``record`` conforms (warnings allowed), and (severity, focus node, path) of every result."""
    conforms, report, _ = validate(record, shacl_graph=shapes, allow_warnings=True)
    found = [
        tuple(str(report.value(result, field)) for field in (SH.resultSeverity, SH.focusNode, SH.resultPath))
        for result in report.objects(None, SH.result)  # the results, not the details nested in them
    ]
    return bool(conforms), sorted(found)


def test_record_passes_the_dcat_ap_shapes(built: Settings, shapes: rdflib.Graph) -> None:
    conforms, found = results(record_of(built), shapes)
    assert conforms
    # The one thing left is a warning the shapes give any publisher outside the EU's own list of
    # corporate bodies ("check if a corresponding exists"): the project is not on that list.
    publisher_warning = (str(SH.Warning), str(DCTERMS.publisher))
    assert [(severity, path) for severity, _, path in found] == [publisher_warning] * 2
    assert {focus for _, focus, _ in found} == {str(CANONICAL.catalog), CANONICAL.dataset}


def test_shapes_catch_a_record_without_a_title(built: Settings, shapes: rdflib.Graph) -> None:
    record = record_of(built)
    record.remove((DATASET_IRI, DCTERMS.title, None))
    conforms, found = results(record, shapes)
    assert not conforms
    assert (str(SH.Violation), CANONICAL.dataset, str(DCTERMS.title)) in found


def published(settings: Settings) -> Iterator[tuple[dict[str, Any], str]]:
    """(entry, media type of its content) of every published file and every gzip copy."""
    manifest = read_manifest(settings.dist)
    assert manifest is not None
    for group in GROUPS:
        for entry in manifest[group]:
            if group != "descriptions":
                yield entry, entry["media_type"]
                if "gzip" in entry:
                    yield entry["gzip"], entry["media_type"]


def test_a_distribution_per_file_with_its_size_checksum_and_media_type(built: Settings) -> None:
    record = record_of(built)
    distributions = set(record.objects(DATASET_IRI, DCAT.distribution))
    files = list(published(built))
    assert len(distributions) == len(files) + 1  # and the SPARQL endpoint
    for entry, media_type in files:
        url = rdflib.URIRef(CANONICAL.dumps_base + entry["file"])
        (distribution,) = record.subjects(DCAT.downloadURL, url)
        assert distribution in distributions and record.value(distribution, DCAT.accessURL) == url
        size = record.value(distribution, DCAT.byteSize)
        assert isinstance(size, rdflib.Literal) and size.datatype == XSD.decimal
        assert size.toPython() == entry["size"]
        checksum = record.value(distribution, SPDX.checksum)
        assert record.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha1
        content = (built.dist / entry["file"]).read_bytes()
        assert str(record.value(checksum, SPDX.checksumValue)) == hashlib.sha1(content).hexdigest()
        assert record.value(distribution, DCAT.mediaType) == rdflib.URIRef(IANA + media_type)
        compressed = record.value(distribution, DCAT.compressFormat)
        assert compressed == (rdflib.URIRef(IANA + "application/gzip") if entry["file"].endswith(".gz") else None)
        file_type = record.value(distribution, DCTERMS.format)
        if media_type != "application/xml":  # GraphML and GEXF: the EU list has no file type for them
            assert file_type is not None and str(file_type).startswith(FILE_TYPE)
        assert record.value(distribution, DCTERMS.license) == LICENCE
        assert {title.language for title in record.objects(distribution, DCTERMS.title)} == {"sv", "en"}


def test_sparql_endpoint_is_a_data_service(built: Settings) -> None:
    record = record_of(built)
    (service,) = record.subjects(RDF.type, DCAT.DataService)
    assert record.value(service, DCAT.endpointURL) == rdflib.URIRef(CANONICAL.sparql_endpoint)
    assert record.value(service, DCAT.servesDataset) == DATASET_IRI
    (distribution,) = record.subjects(DCAT.accessService, service)
    assert (DATASET_IRI, DCAT.distribution, distribution) in record


def test_temporal_coverage_spans_the_dates_in_the_data(built: Settings) -> None:
    quads = ox.parse(path=built.dist / "samverkan.nq", format=ox.RdfFormat.N_QUADS)
    dates = sorted(
        q.object.value
        for q in quads
        if q.graph_name != ox.NamedNode(ONTOLOGY_GRAPH)
        and isinstance(q.object, ox.Literal)
        and q.object.datatype == ox.NamedNode(str(XSD.date))
    )
    record = record_of(built)
    period = record.value(DATASET_IRI, DCTERMS.temporal)
    assert str(record.value(period, DCAT.startDate)) == dates[0]
    assert str(record.value(period, DCAT.endDate)) == dates[-1]


def test_record_describes_the_dataset_void_describes(built: Settings) -> None:
    record = record_of(built)
    void = rdflib.Graph().parse(built.dist / VOID_FILE, format="turtle")
    assert (DATASET_IRI, RDF.type, DCAT.Dataset) in record and (DATASET_IRI, RDF.type, VOID.Dataset) in void
    assert set(record.objects(DATASET_IRI, DCTERMS.title)) == set(void.objects(DATASET_IRI, DCTERMS.title))
    contact = record.value(DATASET_IRI, DCAT.contactPoint)
    assert record.value(contact, VCARD.fn) is not None and record.value(contact, VCARD.hasURL) is not None
    assert record.value(contact, VCARD.hasEmail) is None  # there is no address to give: none is made up


def test_record_is_served_at_catalog(built: Settings, live_server: str) -> None:
    with urllib.request.urlopen(f"{live_server}/catalog", timeout=10) as response:
        assert response.headers["Content-Type"].split(";")[0] == "text/turtle"
        assert response.read() == (built.dist / CATALOG_FILE).read_bytes()
    request = urllib.request.Request(f"{live_server}/catalog", headers={"Accept": "application/ld+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers["Content-Type"] == "application/ld+json"
        assert isomorphic(rdflib.Graph().parse(data=response.read(), format="json-ld"), record_of(built))
