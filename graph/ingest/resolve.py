"""Turn the names a document uses into resources: matched to the graph, or proposed as new.

Each ``Resolver`` method takes a name as the document writes it and returns
the IRI to use, or None. On the way it records what happened in the draft
(matched and how, new, ambiguous, left out), so the report can list it. A
new resource is proposed only when its kind is clear from its name and every
fact the shapes require of it is known; otherwise the name is left out and
the report says why.
"""

from __future__ import annotations

import re

from collections.abc import Iterable

from rdflib import Literal, URIRef
from rdflib.namespace import FOAF, ORG, RDFS, SKOS
from rdflib.term import Node

from graph.ingest.catalogue import NO_MATCH, Catalogue
from graph.ingest.drafting import Draft, iri
from graph.ingest.facts import Found
from graph.ingest.text import Span
from graph.ingest.swedish import BODY_NAME, RIKSDAG_PARTIES, normalise, post_word, sentence_case, slug
from graph.namespaces import SV

# The class of a municipal body, by the noun in its name.
MUNICIPAL_BODY_CLASSES = (
    (re.compile(r"^(?:kommun)?fullmäktige", re.IGNORECASE), SV.MunicipalCouncil),
    (re.compile(r"arbetsutskott", re.IGNORECASE), SV.WorkingCommittee),
    (re.compile(r"^kommunstyrelse(?:n)?$", re.IGNORECASE), SV.ExecutiveBoard),
    (re.compile(r"förvaltning", re.IGNORECASE), SV.Administration),
)

# The class of another organization, by its name.
ORGANIZATION_CLASSES = (
    (
        re.compile(r"\b(?:högskola|högskolan|universitet|institutet)$|^kungliga\b", re.IGNORECASE),
        SV.HigherEducationInstitution,
    ),
    (re.compile(r"\b(?:ab|aktiebolag)$", re.IGNORECASE), SV.Company),
    (re.compile(r"\bkommun$", re.IGNORECASE), SV.Municipality),
)

# "Nynäshamns kommun" -> "Nynäshamn": a municipality's short name, as its alternative label has it.
MUNICIPALITY_WORD = re.compile(r"s? kommun$")

# "Samtliga nämnder och bolag", "Alla förvaltningar": a group within the municipality.
GROUP = re.compile(r"^(?:samtliga|alla)\s+\S", re.IGNORECASE)

# Short forms a minute uses for a body: "Fullmäktige" is the council, "Arbetsutskottet" or
# "Nämnden" the deciding body when it is one; "Förvaltningen" says too little to match.
SHORT_FORMS = {"fullmäktige": "Kommunfullmäktige", "styrelsen": "Kommunstyrelsen"}
SHORT_OF_DECIDING = ("arbetsutskottet", "utskottet", "nämnden")
TOO_SHORT = ("förvaltningen", "nämnden", "utskottet")

# Posts held at a university rather than a municipality, and the reverse, by their title.
UNIVERSITY_POSTS = re.compile(r"^(?:rektor|prorektor|vicerektor|dekan|universitetsdirektör)", re.IGNORECASE)
MUNICIPAL_POSTS = re.compile(r"(?:direktör|kommunalråd|oppositionsråd)$", re.IGNORECASE)

ORGANIZATIONS = (ORG.Organization, FOAF.Group)
UNITS = (SV.MunicipalBody, SV.OrganizationGroup, SV.GovernanceBody)
"""Units are matched only within their organization: a bare "Kommunstyrelsen" is not any municipality's."""

UNKNOWN_KIND = (
    "slaget framgår inte av namnet; ange en närmare klass än org:Organization / "
    "its kind is not clear from the name; give a closer class than org:Organization"
)
SHORT_FORM = "kortform utan känt organ / short form of no known body"
NO_MUNICIPALITY = (
    "kommunen är okänd, så organet kan inte föreslås / the municipality is unknown, so the body cannot be proposed"
)
UNKNOWN_PARTY = "okänd partibeteckning / unknown party letters"
PARTY_FROM_LIST = "namnet ur listan över riksdagspartier / name from the list of Riksdag parties"


class Resolver:
    """Resolves names for one draft."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.catalogue = draft.catalogue

    # --- Labels of resources, whichever graph holds them --------------------------------

    def label(self, resource: URIRef, lang: str = "sv") -> str:
        for value in self.draft.graph.objects(resource, RDFS.label):
            if isinstance(value, Literal) and value.language == lang:
                return str(value)
        return self.catalogue.label(resource, lang) or str(resource).rsplit("/", 1)[-1]

    def short(self, organization: URIRef) -> str:
        """A municipality's short name for labels: "Huddinge" (its shortest Swedish name)."""
        names = _swedish(self.catalogue.data.objects(organization, SKOS.altLabel))
        names += _swedish(self.draft.graph.objects(organization, SKOS.altLabel))
        return min(names, key=len) if names else MUNICIPALITY_WORD.sub("", self.label(organization))

    @staticmethod
    def slug_of(resource: URIRef) -> str:
        return str(resource).rsplit("/", 1)[-1]

    def short_slug(self, organization: URIRef) -> str:
        """``huddinge``: how IRIs of an organization's things begin."""
        return self.municipality_slug(self.catalogue, organization)

    @staticmethod
    def municipality_slug(catalogue: Catalogue, organization: URIRef) -> str:
        """A municipality's shortest Swedish name as a slug (``Nynäshamn`` -> ``nynashamn``), else its IRI's."""
        names = _swedish(catalogue.data.objects(organization, SKOS.altLabel))
        if names and catalogue.is_a(organization, SV.Municipality):
            return slug(min(names, key=len))
        return Resolver.slug_of(organization).removesuffix("-kommun")

    def party_short(self, organization: URIRef) -> str:
        """``huddinge`` for a municipality, ``ki`` for an organization with an abbreviation."""
        abbreviation = self.catalogue.data.value(organization, SV.abbreviation)
        abbreviation = abbreviation or self.draft.graph.value(organization, SV.abbreviation)
        if abbreviation is not None:
            return slug(str(abbreviation))
        return self.short_slug(organization)

    # --- Organizations ----------------------------------------------------------------

    def municipality(self, name: Found[str], create: bool = True) -> URIRef | None:
        key = ("organization", normalise(name.value))
        if (seen := self.draft.remember(key)) is not None:
            return seen.iri
        match = self.catalogue.find(name.value, [SV.Municipality])
        if match.iri is not None:
            return self.draft.matched(key, name.value, name.span, match).iri
        if match.ambiguous or not create:
            self.draft.unresolved(key, name.value, name.span, match, "")
            return None
        return self._new_organization(key, name, SV.Municipality)

    def organization(self, name: Found[str], municipality: URIRef | None, create: bool = True) -> URIRef | None:
        """An organization, body or group named in running text or a list of recipients."""
        key = ("organization", normalise(name.value))
        if (seen := self.draft.remember(key)) is not None:
            return seen.iri
        if BODY_NAME.fullmatch(name.value) or GROUP.match(name.value):
            return self.body(name, municipality, create=create)
        match = self.catalogue.find(name.value, ORGANIZATIONS, exclude=UNITS)
        if match.iri is not None:
            return self.draft.matched(key, name.value, name.span, match).iri
        if match.ambiguous:
            self.draft.unresolved(key, name.value, name.span, match, "")
            return None
        if not create or not any(c.isalpha() for c in name.value):
            self.draft.unresolved(key, name.value, name.span, NO_MATCH, "")
            return None
        cls = next((c for pattern, c in ORGANIZATION_CLASSES if pattern.search(name.value)), None)
        return self._new_organization(key, name, cls or ORG.Organization, "" if cls else UNKNOWN_KIND)

    def _new_organization(self, key: tuple[str, str], name: Found[str], cls: URIRef, how: str = "") -> URIRef:
        resource = iri("org", slug(name.value))
        self.draft.create(resource, cls, name.value, name.value, name.span)
        if cls == SV.Municipality:
            short = MUNICIPALITY_WORD.sub("", name.value)
            self.draft.graph.add((resource, SKOS.altLabel, Literal(short, lang="sv")))
            self.draft.doubt(
                f"{name.value} är ny i grafen; dess kommunkod (sv:municipalityCode) står inte i texten "
                "och måste läggas till.",
                f"{name.value} is new to the graph; its municipality code (sv:municipalityCode) is not in the text "
                "and must be added.",
                name.span,
            )
        self.draft.new(key, name.value, name.span, resource, how)
        return resource

    # --- Municipal bodies -----------------------------------------------------------------

    def body(
        self, name: Found[str], municipality: URIRef | None, deciding: URIRef | None = None, create: bool = True
    ) -> URIRef | None:
        """A body of ``municipality`` ("Kommunstyrelsen"; "Arbetsutskottet" for the deciding committee)."""
        written = sentence_case(name.value.strip())
        lowered = written.casefold()
        stem = lowered[:-2]  # "arbetsutskott" of "arbetsutskottet"
        if lowered in SHORT_OF_DECIDING and deciding is not None and stem in self.label(deciding).casefold():
            return deciding
        written = SHORT_FORMS.get(lowered, written)
        key = ("body", normalise(written))
        if (seen := self.draft.remember(key)) is not None:
            return seen.iri
        match = self.catalogue.find(written, ORGANIZATIONS, within=municipality, scoped=True)
        if match.iri is not None:
            return self.draft.matched(key, name.value, name.span, match).iri
        if match.ambiguous or not create or lowered in TOO_SHORT:
            self.draft.unresolved(key, name.value, name.span, match, SHORT_FORM if lowered in TOO_SHORT else "")
            return None
        if municipality is None:
            self.draft.unresolved(key, name.value, name.span, NO_MATCH, NO_MUNICIPALITY)
            return None
        return self._new_body(key, written, name, municipality)

    def _new_body(self, key: tuple[str, str], written: str, name: Found[str], municipality: URIRef) -> URIRef:
        group = GROUP.match(written) is not None
        if group:
            resource = iri("org", f"{self.slug_of(municipality)}-{slug(written)}")
            cls = SV.OrganizationGroup
        else:
            resource = iri("body", f"{self.short_slug(municipality)}-{slug(written)}")
            cls = next((c for pattern, c in MUNICIPAL_BODY_CLASSES if pattern.search(written)), SV.MunicipalBody)
        label_sv = f"{written} i {self.label(municipality)}"
        label_en = f"{written} ({self.label(municipality, 'en')})"
        self.draft.create(resource, cls, label_sv, label_en, name.span)
        self.draft.graph.add((resource, SKOS.altLabel, Literal(written, lang="sv")))
        self.draft.add(resource, SV.groupWithin if group else ORG.unitOf, municipality)
        self.draft.new(key, name.value, name.span, resource)
        return resource

    # --- Posts, people, parties ----------------------------------------------------------------

    def post(self, name: str, span: Span | None, organization: URIRef | None) -> URIRef | None:
        """The post ``name`` (a title, any form: "kommundirektören") in ``organization``."""
        base = post_word(name.split()[-1]) if name.split() else None
        if base is None or organization is None:
            return None
        title = " ".join([*name.split()[:-1], base]).casefold()
        key = ("post", f"{organization} {title}")
        if (seen := self.draft.remember(key)) is not None:
            return seen.iri
        match = self.catalogue.find(title, [ORG.Post], within=organization, scoped=True, exclude=[SV.Seat])
        if match.iri is not None:
            return self.draft.matched(key, name, span, match).iri
        if match.ambiguous:
            self.draft.unresolved(key, name, span, match, "")
            return None
        resource = iri("post", f"{self.slug_of(organization)}-{slug(title)}")
        connector = "i" if self.is_a(organization, SV.Municipality) else "vid"
        label_sv = f"{sentence_case(title)} {connector} {self.label(organization)}"
        label_en = f"{sentence_case(title)}, {self.label(organization, 'en')}"
        self.draft.create(resource, ORG.Post, label_sv, label_en, span)
        self.draft.add(resource, ORG.postIn, organization)
        self.draft.new(key, name, span, resource)
        return resource

    def post_belongs_to(self, title: str, parties: list[URIRef]) -> list[URIRef]:
        """The parties for which the graph already knows a post of this title."""
        known = self.draft.knowledge or self.catalogue
        return [p for p in parties if known.find(title, [ORG.Post], within=p, scoped=True, exclude=[SV.Seat]).iri]

    def party_by_title(self, title: str, parties: list[URIRef]) -> URIRef | None:
        """A university post at the one university party, a municipal one at the one municipality."""
        universities = [p for p in parties if self.is_a(p, SV.HigherEducationInstitution)]
        municipalities = [p for p in parties if self.is_a(p, SV.Municipality)]
        if UNIVERSITY_POSTS.match(title) and len(universities) == 1:
            return universities[0]
        if MUNICIPAL_POSTS.search(title) and len(municipalities) == 1:
            return municipalities[0]
        return None

    def is_a(self, resource: URIRef, *classes: URIRef) -> bool:
        """Whether ``resource``, in the graph or in the draft, is an instance of one of ``classes``."""
        return bool(self.catalogue.classes(resource, self.draft.graph).intersection(classes))

    def person(self, name: Found[str]) -> tuple[URIRef, bool]:
        """The person called ``name``, and whether the draft proposes them as new."""
        key = ("person", normalise(name.value))
        if (seen := self.draft.remember(key)) is not None and seen.iri is not None:
            return seen.iri, seen.status == "new"
        match = self.catalogue.find(name.value, [FOAF.Person])
        if match.iri is not None:
            return match.iri, self.draft.matched(key, name.value, name.span, match).status == "new"
        resource = iri("person", slug(name.value))
        if match.ambiguous or self.catalogue.exists(resource):
            resource = iri("person", f"{slug(name.value)}-{self.draft.slug}")
            self.draft.doubt(
                f"Namnet {name.value} finns redan i grafen för en annan resurs; kontrollera om det är samma person.",
                f"The name {name.value} is in the graph for another resource too; check whether it is the same person.",
                name.span,
            )
        self.draft.create(resource, FOAF.Person, name.value, name.value, name.span)
        self.draft.text(resource, FOAF.name, name.value, name.span, lang=None)
        self.draft.new(key, name.value, name.span, resource)
        return resource, True

    def political_party(self, letters: Found[str]) -> URIRef | None:
        key = ("party", letters.value)
        if (seen := self.draft.remember(key)) is not None:
            return seen.iri
        match = self.catalogue.find(letters.value, [SV.PoliticalParty])
        if match.iri is not None:
            return self.draft.matched(key, f"({letters.value})", letters.span, match).iri
        known = RIKSDAG_PARTIES.get(letters.value)
        if known is None or match.ambiguous:
            self.draft.unresolved(key, f"({letters.value})", letters.span, match, UNKNOWN_PARTY)
            return None
        resource = iri("org", slug(known[0]))
        self.draft.create(resource, SV.PoliticalParty, known[0], known[1], letters.span)
        self.draft.add(resource, SV.abbreviation, Literal(letters.value), letters.span)
        self.draft.new(key, f"({letters.value})", letters.span, resource, PARTY_FROM_LIST)
        return resource


def _swedish(values: Iterable[Node]) -> list[str]:
    return [str(v) for v in values if isinstance(v, Literal) and v.language == "sv"]
