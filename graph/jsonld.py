"""The JSON-LD dump and its published ``@context``, which gives the graph's terms readable keys.

Without a context, JSON-LD keys are full IRIs. The context generated here
maps every term of the ontology's own namespace, and every term of a reused
vocabulary the graph uses, to its local name (``label``, ``party``,
``decidedBy``, ``Municipality``), and says how values are read:

- the ontology's object properties take IRIs (``"@type": "@id"``), its
  datatype properties their declared datatype (a ``rdf:langString`` range
  becomes a ``{"sv": ..., "en": ...}`` language map);
- a reused property is read from how the graph uses it: IRIs only, language
  tagged strings only (a language map), or typed literals, coerced to the
  commonest datatype (``date`` is ``xsd:date``).

A value that does not fit its key's definition (a ``dcterms:date`` that is a
``xsd:gYear``) is written under the property's IRI instead, with its own
type, so no triple is lost. Where two vocabularies share a local name, the
ontology's term keeps it and the other stays a prefixed name. The context is
generated from the store at every export, so it always covers the dump.

The dump carries the context inline, the very object published as
``samverkan.context.jsonld`` (served at ``/context.jsonld``): a processor
that loads no remote context (Oxigraph's does not) still reads the dump
offline, and a client can compact its own JSON-LD with the published file.
rdflib writes the JSON-LD; its nodes are put in order of ``@id`` so that the
same graph always gives the same bytes (and checksum).
"""

from __future__ import annotations

import json
import multiprocessing
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, URIRef
from rdflib.plugins.serializers.jsonld import from_rdf

from graph.errors import SamverkanError
from graph.namespaces import PREFIXES, SV
from graph.sources import ONTOLOGY_GRAPH
from graph.store import EmbeddedStore, Store
from graph.terms import to_rdflib

CONTEXT_FILE = "samverkan.context.jsonld"
BESIDE_ABOVE = 200_000
"""Quads above which the JSON-LD dump is written in a process of its own (see :func:`dump_beside`)."""

RDF, RDFS, OWL, XSD = (PREFIXES[prefix] for prefix in ("rdf", "rdfs", "owl", "xsd"))
PLAIN_RANGES = frozenset({XSD + "string", RDFS + "Literal"})
"""Ranges that need no coercion: plain strings are written as JSON strings anyway."""

Definition = str | dict[str, str]


def context(store: Store) -> dict[str, Definition]:
    """The ``@context`` object for the graph in ``store``: the prefixes, then a key per term."""
    usage = _usage(store)
    terms: dict[str, Definition] = {}
    for iri, definition in [*_ontology_terms(store, usage), *_reused_terms(store, usage)]:
        key = _local_name(iri)
        if key and key not in terms and key not in PREFIXES:
            terms[key] = definition
    return {**PREFIXES, **terms}


def write_context(path: Path, context_object: dict[str, Definition]) -> None:
    """The published context document: ``{"@context": ...}``."""
    path.write_text(_json({"@context": context_object}), encoding="utf-8")


@contextmanager
def dump_beside(
    store: Store, path: Path, context_object: dict[str, Definition], above: int = BESIDE_ABOVE
) -> Iterator[Callable[[Path], None]]:
    """Start the JSON-LD dump of ``store`` at ``path``; yield the function that finishes it there.

    rdflib's JSON-LD writer is pure Python and the slowest step of a large
    build (about 40 s a million triples), so for a store on disk of more
    than ``above`` quads it starts at once in a process of its own, which
    runs on another core while this one writes the other files; finishing
    then waits for it. Stores in memory or elsewhere, and small ones (where
    starting a process costs more than it saves), are written when finished.
    """
    if not isinstance(store, EmbeddedStore) or store.path is None or store.quad_count() <= above:
        yield lambda target: write_dump(store, target, context_object)
        return
    process = multiprocessing.get_context("spawn").Process(
        target=_write_from_disk, args=(store.path, path, context_object), name="samverkan-jsonld"
    )
    process.start()

    def finish(target: Path) -> None:
        process.join()
        if process.exitcode != 0 or target != path:
            raise SamverkanError(f"Writing the JSON-LD dump {path.name} failed (exit status {process.exitcode}).")

    try:
        yield finish
    finally:
        if process.is_alive():
            process.terminate()
            process.join()


def _write_from_disk(store_path: Path, path: Path, context_object: dict[str, Definition]) -> None:
    write_dump(Store.open_read_only(store_path), path, context_object)


def write_dump(store: Store, path: Path, context_object: dict[str, Definition]) -> None:
    """Every named graph of ``store`` as JSON-LD compacted with ``context_object``."""
    document = from_rdf(_dataset(store), context_object)
    _sort_nodes(document)
    path.write_text(_json(document), encoding="utf-8")


def _json(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _dataset(store: Store) -> Dataset:
    """The store's named graphs as an rdflib dataset, which rdflib's JSON-LD writer needs."""
    dataset = Dataset()
    graphs: dict[str, Graph] = {}
    for quad in store.quads():
        name = quad.graph_name.value
        if name not in graphs:
            graphs[name] = dataset.graph(URIRef(name))
        graphs[name].add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return dataset


def _sort_nodes(node: Any) -> None:
    """Put every ``@graph`` list in order of ``@id`` (rdflib's order follows Python's hashing)."""
    if isinstance(node, dict):
        if isinstance(node.get("@graph"), list):
            node["@graph"].sort(key=lambda item: str(item.get("@id", "")))
        for value in node.values():
            _sort_nodes(value)
    elif isinstance(node, list):
        for item in node:
            _sort_nodes(item)


def _ontology_terms(store: Store, usage: dict[str, Counter[str]]) -> list[tuple[str, Definition]]:
    """(IRI, definition) of every class and property the ontology declares in its own namespace."""
    rows = store.select(
        "SELECT ?term (GROUP_CONCAT(DISTINCT STR(?type)) AS ?types) (SAMPLE(?declared) AS ?range)"
        f" {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?term a ?type OPTIONAL {{ ?term rdfs:range ?declared }} }}"
        f' FILTER(STRSTARTS(STR(?term), "{SV}")) }} GROUP BY ?term ORDER BY ?term'
    )
    terms = []
    for row in rows:
        iri, types = row["term"].value, set(row["types"].value.split())
        declared = row["range"].value if row["range"] is not None else None
        if types & {OWL + "Class", RDFS + "Class"}:
            terms.append((iri, _compact(iri)))
        elif OWL + "ObjectProperty" in types:
            terms.append((iri, {"@id": _compact(iri), "@type": "@id"}))
        elif OWL + "DatatypeProperty" in types:
            terms.append((iri, _by_range(iri, declared)))
        else:
            terms.append((iri, _by_usage(iri, usage.get(iri, Counter()))))
    return terms


def _reused_terms(store: Store, usage: dict[str, Counter[str]]) -> list[tuple[str, Definition]]:
    """(IRI, definition) of every property and class from another vocabulary that the graph uses."""
    classes = sorted(
        row["c"].value for row in store.select("SELECT DISTINCT ?c { ?s a ?c FILTER(isIRI(?c)) }")
    )
    terms: list[tuple[str, Definition]] = [(iri, _compact(iri)) for iri in classes if not iri.startswith(str(SV))]
    for iri in sorted(usage):
        if not iri.startswith(str(SV)) and iri != RDF + "type":
            terms.append((iri, _by_usage(iri, usage[iri])))
    return terms


def _usage(store: Store) -> dict[str, Counter[str]]:
    """Property -> how often its values are nodes (``@id``), tagged strings (``@language``), or of each datatype."""
    rows = store.select(
        "SELECT ?p ?kind (COUNT(*) AS ?n) {"
        " ?s ?p ?o"
        ' BIND(IF(isLiteral(?o), IF(LANG(?o) != "", "@language", STR(DATATYPE(?o))), "@id") AS ?kind)'
        " } GROUP BY ?p ?kind"
    )
    usage: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        usage[row["p"].value][row["kind"].value] = int(row["n"].value)
    return usage


def _by_range(iri: str, declared: str | None) -> Definition:
    if declared == RDF + "langString":
        return {"@id": _compact(iri), "@container": "@language"}
    if declared is None or declared in PLAIN_RANGES or not declared.startswith(XSD):
        return {"@id": _compact(iri)}
    return {"@id": _compact(iri), "@type": _compact(declared)}


def _by_usage(iri: str, kinds: Counter[str]) -> Definition:
    """Coerce to what every value is; typed literals to the commonest datatype (ties: the first IRI)."""
    if set(kinds) == {"@id"}:
        return {"@id": _compact(iri), "@type": "@id"}
    if set(kinds) == {"@language"}:
        return {"@id": _compact(iri), "@container": "@language"}
    if kinds and not set(kinds) & ({"@id", "@language"} | PLAIN_RANGES):
        commonest = min(kinds, key=lambda datatype: (-kinds[datatype], datatype))
        return {"@id": _compact(iri), "@type": _compact(commonest)}
    return {"@id": _compact(iri)}


def _local_name(iri: str) -> str:
    """What follows the last ``#`` or ``/``: the key a term gets (empty for a namespace IRI)."""
    return re.split(r"[#/]", iri)[-1]


def _compact(iri: str) -> str:
    """``iri`` as a prefixed name where a declared prefix covers it, so the context reads easily."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri
