"""What the graph already knows, looked up by the names and numbers documents use.

Matching is deliberately strict: a name matches a resource only when it is,
after case folding and tidying spaces and dashes, one of the resource's
labels, alternative labels, abbreviations, person names or titles, or when an
organization number is the same. A municipal body's or post's bare name
("Kommunstyrelsen", "Rektor") also matches its label with the organization
added ("Kommunstyrelsen i Huddinge kommun", "Rektor för Karolinska
Institutet"), and only within that organization. Two candidates are no
match: the report lists them and the draft proposes nothing in their place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, RDF, RDFS, SKOS

from graph import sources
from graph.ingest.swedish import normalise
from graph.namespaces import SV, shorten

NAME_PROPERTIES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel, FOAF.name, SV.abbreviation, DCTERMS.title)
BELONGS = (ORG.unitOf, SV.groupWithin, ORG.postIn, ORG.subOrganizationOf)
"""How a body, group or post belongs to its organization."""
CONNECTORS = (" i ", " för ", " vid ", " på ")
"""How labels join a unit's or post's name to its organization's: "Rektor för Karolinska Institutet"."""


@dataclass(frozen=True)
class Match:
    """The resource a name matched, how, or the candidates when there were several."""

    iri: URIRef | None
    how: str = ""
    candidates: tuple[URIRef, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return self.iri is None and len(self.candidates) > 1


NO_MATCH = Match(None)


class Catalogue:
    """The data graph of a project, indexed for matching."""

    def __init__(self, data: Graph, ontology: Graph, files: dict[str, Graph] | None = None) -> None:
        self.data = data
        self.ontology = ontology
        self._graphs = files or {}
        self._files: dict[URIRef, tuple[str, ...]] = {}
        for name, graph in self._graphs.items():
            for subject in set(graph.subjects(RDF.type)):
                if isinstance(subject, URIRef):
                    self._files[subject] = (*self._files.get(subject, ()), name)
        self._parents: dict[URIRef, set[URIRef]] = {}
        for sub, sup in ontology.subject_objects(RDFS.subClassOf):
            if isinstance(sub, URIRef) and isinstance(sup, URIRef):
                self._parents.setdefault(sub, set()).add(sup)
        self._names: dict[str, dict[URIRef, URIRef]] = {}
        for prop in NAME_PROPERTIES:
            for subject, name in data.subject_objects(prop):
                if isinstance(subject, URIRef) and isinstance(name, Literal):
                    self._names.setdefault(normalise(str(name)), {}).setdefault(subject, prop)
        self._numbers = {
            str(number): subject
            for subject, number in data.subject_objects(SV.organizationNumber)
            if isinstance(subject, URIRef)
        }

    @classmethod
    def load(cls, root: Path) -> Catalogue:
        """The catalogue of the project at ``root`` (its ontology and data files)."""
        loaded = sources.load(sources.discover(root))
        files = {loaded.project.relative(file.path): loaded.graph(file.graph) for file in loaded.project.data}
        return cls(loaded.data_union(), loaded.ontology, files)

    def without(self, file: str) -> Catalogue:
        """The catalogue without the data file ``file``: what a draft replacing that file is matched against."""
        if file not in self._graphs:
            return self
        rest = {name: graph for name, graph in self._graphs.items() if name != file}
        union = Graph()
        for graph in rest.values():
            union += graph
        return Catalogue(union, self.ontology, rest)

    @property
    def files(self) -> tuple[str, ...]:
        return tuple(self._graphs)

    # --- Types and values -----------------------------------------------------------

    def classes(self, iri: URIRef, also: Graph | None = None) -> set[URIRef]:
        """The classes of ``iri`` (in the data, and in ``also`` if given) with all their superclasses."""
        found: set[URIRef] = set()
        todo = [t for t in self.data.objects(iri, RDF.type) if isinstance(t, URIRef)]
        if also is not None:
            todo += [t for t in also.objects(iri, RDF.type) if isinstance(t, URIRef)]
        while todo:
            cls = todo.pop()
            if cls not in found:
                found.add(cls)
                todo.extend(self._parents.get(cls, ()))
        return found

    def is_a(self, iri: URIRef, *classes: URIRef) -> bool:
        return bool(self.classes(iri).intersection(classes))

    def exists(self, iri: URIRef) -> bool:
        return (iri, None, None) in self.data

    def files_of(self, iri: URIRef) -> tuple[str, ...]:
        """The data files declaring ``iri`` (giving its type): where an existing resource lives."""
        return self._files.get(iri, ())

    def label(self, iri: URIRef, lang: str = "sv") -> str | None:
        for prop in (RDFS.label, SKOS.prefLabel, FOAF.name):
            for value in self.data.objects(iri, prop):
                if isinstance(value, Literal) and (value.language == lang or value.language is None):
                    return str(value)
        return None

    def number_of(self, iri: URIRef) -> str | None:
        value = self.data.value(iri, SV.organizationNumber)
        return None if value is None else str(value)

    def by_number(self, number: str) -> URIRef | None:
        return self._numbers.get(number)

    def belongs(self, iri: URIRef, organization: URIRef) -> bool:
        return any((iri, prop, organization) in self.data for prop in BELONGS)

    # --- Matching -----------------------------------------------------------------------

    def find(
        self,
        name: str,
        kinds: Iterable[URIRef] = (),
        within: URIRef | None = None,
        scoped: bool = False,
        exclude: Iterable[URIRef] = (),
    ) -> Match:
        """The resource called ``name``, of one of ``kinds``.

        With ``within``, the name is also tried with that organization's name
        joined on ("Kommunstyrelsen" -> "Kommunstyrelsen i Huddinge kommun").
        ``scoped`` resources (bodies, posts) must belong to ``within``; with
        ``within`` unknown they do not match at all.
        """
        kinds, exclude = tuple(kinds), tuple(exclude)
        if scoped and within is None:
            return NO_MATCH
        keys = [(normalise(name), "")]
        if within is not None:
            for organization in self._names_of(within):
                keys += [(normalise(name + c + organization), f" + «{c.strip()} {organization}»") for c in CONNECTORS]
        hits: dict[URIRef, str] = {}
        for key, joined in keys:
            for iri, prop in self._names.get(key, {}).items():
                if kinds and not self.is_a(iri, *kinds):
                    continue
                if exclude and self.is_a(iri, *exclude):
                    continue
                if scoped and within is not None and not self.belongs(iri, within):
                    continue
                hits.setdefault(iri, shorten(str(prop)) + joined)
        if len(hits) == 1:
            [(iri, how)] = hits.items()
            return Match(iri, how)
        return Match(None, "", tuple(sorted(hits))) if hits else NO_MATCH

    def _names_of(self, iri: URIRef) -> list[str]:
        names = {
            str(value)
            for prop in (RDFS.label, SKOS.altLabel)
            for value in self.data.objects(iri, prop)
            if isinstance(value, Literal) and value.language in ("sv", None)
        }
        return sorted(names)

    def find_concept(self, label: str, scheme: URIRef) -> Match:
        """A concept of ``scheme`` whose preferred or alternative label is ``label``."""
        hits = {
            iri: shorten(str(prop))
            for iri, prop in self._names.get(normalise(label), {}).items()
            if (iri, SKOS.inScheme, scheme) in self.data
        }
        if len(hits) == 1:
            [(iri, how)] = hits.items()
            return Match(iri, how)
        return Match(None, "", tuple(sorted(hits))) if hits else NO_MATCH

    def agreements_between(self, parties: set[URIRef]) -> list[URIRef]:
        return sorted(
            a for a in set(self.data.subjects(SV.party, None))
            if isinstance(a, URIRef) and set(self.data.objects(a, SV.party)) == parties
        )  # fmt: skip

    def collaborations_of(self, members: set[URIRef]) -> list[URIRef]:
        return sorted(
            c for c in set(self.data.subjects(ORG.hasMember, None))
            if isinstance(c, URIRef) and set(self.data.objects(c, ORG.hasMember)) == members
        )  # fmt: skip

    def meeting(self, body: URIRef, day: date) -> URIRef | None:
        for meeting in self.data.subjects(SV.meetingOf, body):
            dates = {str(d) for d in self.data.objects(meeting, DCTERMS.date)}
            if isinstance(meeting, URIRef) and day.isoformat() in dates:
                return meeting
        return None

    @cached_property
    def people(self) -> frozenset[str]:
        """The names of the persons the graph knows."""
        people = self.data.subjects(RDF.type, FOAF.Person)
        return frozenset(str(name) for person in people for name in self.data.objects(person, FOAF.name))
