"""The strategist's network: the graph as kinds of things joined by named relations.

The RDF graph says that a seat in a steering group is filled for a party by a
post; a strategist says "Huddinge kommun sits in the steering group". This
module reads the store once, with eight SPARQL queries whatever its size, into a
:class:`networkx.MultiDiGraph` of that second kind: nodes are organizations,
collaborations, agreements, decisions, bodies, posts, persons, areas,
meetings, plans, projects and source documents; edges are relations from
:data:`RELATIONS`, each remembering the named graphs (and so the source
documents) it was read from. Seats, mandates, signatures, interventions,
proposals and budget lines are not drawn: they become edges.

Kinds and relations are data (:data:`KINDS`, :data:`RELATIONS`), so the web
pages, legends and sentences all read one table. The graph is a pure function
of the store: read it once per store and treat it as read-only.

Node attributes: ``kind``, ``labels`` ({"sv", "en"}), ``fallback`` (the
languages whose label is borrowed from the other language), ``alt_labels``,
``abbreviations``, ``years`` ((start, end), end ``None`` when open-ended, or
``None``), ``direct_areas`` and ``areas`` (see :func:`_propagate_areas`),
``sources`` (source documents) and ``graphs`` (named graphs it is described in).
Edge attributes (edge key = relation key): ``relation``, ``sources``, ``graphs``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import networkx as nx

from graph.errors import SamverkanError
from graph.namespaces import PREFIXES

if TYPE_CHECKING:
    from graph.store import Store

LANGUAGES = ("sv", "en")

SV, ORG, SKOS, DCT, FOAF, PROV, RDFS = (
    PREFIXES[p] for p in ("sv", "org", "skos", "dcterms", "foaf", "prov", "rdfs")
)


class ExploreError(SamverkanError):
    """A bad argument to the explorer (an unknown kind, a depth out of range, ...)."""


class UnknownNode(ExploreError):
    """An IRI that is not a node of the network."""

    http_status = 404


# ---------------------------------------------------------------------------
# Kinds
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """A kind of node, as the explorer draws it.

    ``classes`` are the classes whose instances (through ``rdfs:subClassOf*``
    in the store) are of this kind; the first kind in :data:`KINDS` whose
    classes match wins, so bodies and collaborations are taken before
    organizations. Shapes are vis-network shapes that draw the label below
    the node and so can be sized by a measure. Colours are from the Okabe-Ito
    and Paul Tol colour-blind-safe palettes, and kinds sharing a shape differ
    strongly in lightness, so no kind is told apart by hue alone.
    """

    key: str
    sv: str
    en: str
    plural_sv: str
    plural_en: str
    color: str
    shape: str
    classes: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        return self.sv if lang == "sv" else self.en

    def plural(self, lang: str) -> str:
        return self.plural_sv if lang == "sv" else self.plural_en


# fmt: off
KINDS: tuple[Kind, ...] = (
    Kind("document", "källdokument", "source document", "källdokument", "source documents",
         "#BBBBBB", "square", (SV + "SourceDocument",)),
    Kind("body", "organ", "body", "organ", "bodies", "#009E73", "square",
         (SV + "GovernanceBody", SV + "MunicipalBody", ORG + "OrganizationalUnit", SV + "OrganizationGroup")),
    Kind("collaboration", "samverkan", "collaboration", "samverkan", "collaborations",
         "#56B4E9", "hexagon", (ORG + "OrganizationalCollaboration",)),
    Kind("organization", "organisation", "organization", "organisationer", "organizations",
         "#0072B2", "dot", (ORG + "Organization",)),
    Kind("agreement", "avtal", "agreement", "avtal", "agreements", "#E69F00", "diamond", (SV + "Agreement",)),
    Kind("decision", "beslut", "decision", "beslut", "decisions", "#D55E00", "triangle", (SV + "Decision",)),
    Kind("event", "möte", "meeting", "möten", "meetings", "#CC79A7", "triangleDown", (SV + "Meeting",)),
    Kind("plan", "plan", "plan", "planer", "plans", "#332288", "diamond", (SV + "Plan",)),
    Kind("project", "projekt", "project", "projekt", "projects", "#882255", "hexagon", (SV + "Project",)),
    Kind("post", "post", "post", "poster", "posts", "#44AA99", "triangle", (ORG + "Post",)),
    Kind("person", "person", "person", "personer", "persons", "#DDCC77", "dot", (FOAF + "Person",)),
    Kind("area", "samverkansområde", "collaboration area", "samverkansområden", "collaboration areas",
         "#117733", "star"),
)
# fmt: on
"""Every kind of node, in the order classes are matched (areas are found by their scheme)."""

KIND = {kind.key: kind for kind in KINDS}

SKIPPED_CLASSES = (SV + "Seat", SV + "Mandate")
"""Reified roles that become edges, never nodes (a seat is ``org -sits in-> body``)."""

DEFAULT_KINDS = frozenset(KIND) - {"document"}
"""Kinds the views show unless asked: source documents are linked from every node, not drawn."""


# ---------------------------------------------------------------------------
# Relations
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Relation:
    """A kind of edge: its labels, and a sentence for one fact ``{s} -> {o}`` in each language.

    ``traverse`` says whether the relation may be a step in a chain between
    two organizations (:func:`graph.analytics.connections`): sharing a source
    document or a topic is no link between organizations.
    """

    key: str
    sv: str
    en: str
    sentence_sv: str
    sentence_en: str
    traverse: bool = True

    def label(self, lang: str) -> str:
        return self.sv if lang == "sv" else self.en

    def sentence(self, lang: str, s: str, o: str) -> str:
        return (self.sentence_sv if lang == "sv" else self.sentence_en).format(s=s, o=o)


# fmt: off
RELATIONS_TABLE: tuple[Relation, ...] = (
    Relation("party", "part i", "party to", "{s} är part i {o}", "{s} is a party to {o}"),
    Relation("signed", "undertecknade", "signed", "{s} undertecknade {o}", "{s} signed {o}"),
    Relation("memberOf", "medlem i", "member of", "{s} är medlem i {o}", "{s} is a member of {o}"),
    Relation("seat", "sitter i", "sits in", "{s} sitter i {o}", "{s} sits in {o}"),
    Relation("chair", "ordförande i", "chairs", "{s} är ordförande i {o}", "{s} chairs {o}"),
    Relation("appoints", "utser ledamot i", "appoints a member of",
             "{s} utser en ledamot i {o}", "{s} appoints a member of {o}"),
    Relation("holds", "innehar", "holds", "{s} innehar posten {o}", "{s} holds the post {o}"),
    Relation("postIn", "post i", "post in", "{s} är en post i {o}", "{s} is a post in {o}"),
    Relation("unitOf", "organ i", "body of", "{s} är ett organ i {o}", "{s} is a body of {o}"),
    Relation("partOf", "del av", "part of", "{s} är en del av {o}", "{s} is part of {o}"),
    Relation("decidedBy", "beslutad av", "decided by", "{s} fattades av {o}", "{s} was decided by {o}"),
    Relation("approves", "godkänner", "approves", "{s} godkänner {o}", "{s} approves {o}"),
    Relation("concerns", "gäller", "concerns", "{s} gäller {o}", "{s} concerns {o}"),
    Relation("onProposalOf", "på förslag av", "on the proposal of",
             "{s} fattades på förslag av {o}", "{s} was taken on the proposal of {o}"),
    Relation("proposesTo", "föreslår för", "proposes to",
             "{s} lämnar förslag till {o}", "{s} puts a proposal to {o}"),
    Relation("sentTo", "skickat till", "sent to", "{s} skickas till {o}", "{s} is sent to {o}"),
    Relation("spoke", "yttrade sig i", "spoke in", "{s} yttrade sig i {o}", "{s} spoke in {o}"),
    Relation("atMeeting", "vid möte", "at meeting", "{s} fattades vid {o}", "{s} was taken at {o}"),
    Relation("meetingOf", "möte i", "meeting of", "{s} är ett möte i {o}", "{s} is a meeting of {o}"),
    Relation("hostedBy", "värd", "hosted by", "{o} är värd för {s}", "{s} is hosted by {o}"),
    Relation("establishes", "grundar", "establishes", "{s} grundar {o}", "{s} establishes {o}"),
    Relation("buildsOn", "bygger vidare på", "builds on", "{s} bygger vidare på {o}", "{s} builds on {o}"),
    Relation("coordinates", "samordnar", "coordinates",
             "{s} samordnar arbetet med {o}", "{s} coordinates the work under {o}"),
    Relation("leadsActivities", "leder aktiviteter i", "leads activities under",
             "{s} leder aktiviteter inom {o}", "{s} leads activities under {o}"),
    Relation("disputesTo", "tvister till", "disputes go to",
             "Tvister om {s} hänförs till {o}", "Disputes under {s} go to {o}"),
    Relation("settlesDisputes", "avgör tvister i", "settles disputes under",
             "{s} avgör kvarstående tvister om {o}", "{s} settles remaining disputes under {o}"),
    Relation("planOf", "plan för", "plan of", "{s} är en plan för {o}", "{s} is a plan of {o}"),
    Relation("adoptedBy", "fastställd av", "adopted by", "{s} fastställdes av {o}", "{s} was adopted by {o}"),
    Relation("within", "inom", "within", "{s} bedrivs inom {o}", "{s} is carried out within {o}"),
    Relation("appointedByBody", "tillsätts av", "appointed by",
             "{s} tillsätts av {o}", "{s} is appointed by {o}"),
    Relation("preparesFor", "bereder åt", "prepares for",
             "{s} bereder ärenden åt {o}", "{s} prepares matters for {o}"),
    Relation("supports", "stödjer", "supports", "{s} stödjer {o}", "{s} supports {o}"),
    Relation("fundedBy", "finansieras av", "funded by", "{s} finansieras av {o}", "{s} is funded by {o}"),
    Relation("pays", "betalar till", "pays", "{s} betalar till {o}", "{s} pays {o}"),
    Relation("area", "område", "area",
             "{s} gäller samverkansområdet {o}", "{s} covers the collaboration area {o}", False),
    Relation("subject", "berör", "touches on", "{s} berör {o}", "{s} touches on {o}", False),
    Relation("broader", "delområde av", "part of area",
             "{s} är ett delområde av {o}", "{s} is part of the area {o}", False),
    Relation("source", "källa", "source", "{s} kommer från {o}", "{s} is taken from {o}", False),
    Relation("creator", "upprättat av", "drawn up by",
             "{s} är upprättat av {o}", "{s} was drawn up by {o}", False),
    Relation("mentions", "nämner", "mentions", "{s} nämner {o}", "{s} mentions {o}", False),
)
# fmt: on

RELATIONS = {relation.key: relation for relation in RELATIONS_TABLE}

DIRECT_PROPERTIES: dict[str, tuple[str, bool]] = {
    SV + "party": ("party", True),
    ORG + "hasMember": ("memberOf", True),
    ORG + "memberOf": ("memberOf", False),
    ORG + "holds": ("holds", False),
    ORG + "postIn": ("postIn", False),
    ORG + "unitOf": ("unitOf", False),
    SV + "groupWithin": ("unitOf", False),
    ORG + "subOrganizationOf": ("partOf", False),
    SV + "decidedBy": ("decidedBy", False),
    SV + "approves": ("approves", False),
    SV + "concerns": ("concerns", False),
    SV + "onProposalOf": ("onProposalOf", False),
    SV + "proposesTo": ("proposesTo", False),
    SV + "sentTo": ("sentTo", False),
    SV + "atMeeting": ("atMeeting", False),
    SV + "meetingOf": ("meetingOf", False),
    SV + "hostedBy": ("hostedBy", False),
    SV + "establishes": ("establishes", False),
    SV + "buildsOn": ("buildsOn", False),
    SV + "coordinatorPost": ("coordinates", True),
    SV + "activityLeadPost": ("leadsActivities", True),
    SV + "planOf": ("planOf", False),
    SV + "adoptedBy": ("adoptedBy", False),
    SV + "withinCollaboration": ("within", False),
    SV + "appointedByBody": ("appointedByBody", False),
    SV + "preparesFor": ("preparesFor", False),
    SV + "supports": ("supports", False),
    SV + "fundedBy": ("fundedBy", False),
    SV + "area": ("area", False),
    DCT + "subject": ("subject", False),
    SKOS + "broader": ("broader", False),
    SKOS + "narrower": ("broader", True),
    PROV + "wasDerivedFrom": ("source", False),
    DCT + "creator": ("creator", False),
    DCT + "references": ("mentions", False),
}
"""Property -> (relation, reversed): ``?x P ?y`` is the edge ``x -> y``, or ``y -> x`` when reversed."""

DOCUMENT_END = {"source": "o", "creator": "s", "mentions": "s"}
"""Relations read only where a source document stands at this end (a plan's ``dcterms:references`` is no
mention by a source document)."""

COMPOSITE_PATTERNS: tuple[tuple[str, str], ...] = (
    # (relation, pattern binding ?s -> ?o; ?g is the graph of the pattern's defining triple)
    ("seat", "GRAPH ?g { ?x sv:seatIn ?o } ?x sv:forParty ?s"),
    ("seat", "GRAPH ?g { ?x sv:seatIn ?o } ?x sv:filledByPost ?s"),
    ("chair", "GRAPH ?g { ?o sv:chairedBy ?x } ?x sv:forParty ?s"),
    ("chair", "GRAPH ?g { ?o sv:chairedBy ?x } ?x sv:filledByPost ?s"),
    ("appoints", "GRAPH ?g { ?x sv:appointedBy ?s } ?x sv:seatIn ?o"),
    ("signed", "GRAPH ?g { ?x sv:signatory ?s } ?o sv:hasSignature ?x"),
    ("spoke", "GRAPH ?g { ?x sv:speaker ?s } ?o sv:hasIntervention ?x"),
    ("concerns", "GRAPH ?g { ?x sv:concerns ?o } ?s sv:hasProposal ?x"),
    ("pays", "GRAPH ?g { ?x sv:paidBy ?s ; sv:paidTo ?o }"),
    ("disputesTo", "GRAPH ?g { ?x sv:referredTo ?o } ?s sv:disputeResolution ?x"),
    (
        "settlesDisputes",
        "GRAPH ?g { ?x sv:finalResolver ?m } ?m sv:filledByPost ?s . ?o sv:disputeResolution ?x",
    ),
)
"""Relations read through a reified resource (a seat, a signature, a proposal ...)."""


# ---------------------------------------------------------------------------
# Reading the store
# ---------------------------------------------------------------------------

LABEL_PROPERTIES = (SKOS + "prefLabel", RDFS + "label", FOAF + "name", DCT + "title")
ALT_LABEL = SKOS + "altLabel"
ABBREVIATION = SV + "abbreviation"
YEAR_PROPERTIES = {
    DCT + "date": "date",
    SV + "endDate": "end",
    SV + "validFrom": "from",
    SV + "validUntil": "until",
    SV + "planYear": "plan",
}


def _iris(values: Iterable[str]) -> str:
    return " ".join(f"<{value}>" for value in values)


def read_network(store: Store) -> nx.MultiDiGraph:
    """Read the strategist's network from ``store`` (eight queries, whatever the data's size)."""
    network = nx.MultiDiGraph()
    for iri, kind in _read_kinds(store).items():
        network.add_node(iri, kind=kind)
    _read_labels(store, network)
    _read_edges(store, network)
    _read_sources(store, network)
    _read_years(store, network)
    _propagate_areas(network)
    return network


def _read_kinds(store: Store) -> dict[str, str]:
    """IRI -> kind key, matching classes by ``rdfs:subClassOf*`` and areas by their scheme."""
    anchors = [*SKIPPED_CLASSES, *(cls for kind in KINDS for cls in kind.classes)]
    rows = store.select(
        f"SELECT DISTINCT ?s ?k WHERE {{ VALUES ?k {{ {_iris(anchors)} }}"
        " ?s a ?c . ?c rdfs:subClassOf* ?k . FILTER(isIRI(?s)) }"
    )
    matched: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        matched[row["s"].value].add(row["k"].value)
    kinds: dict[str, str] = {}
    for iri, classes in matched.items():
        if classes.intersection(SKIPPED_CLASSES):
            continue
        for kind in KINDS:
            if classes.intersection(kind.classes):
                kinds[iri] = kind.key
                break
    areas = store.select(
        "SELECT DISTINCT ?c WHERE { ?c skos:inScheme ?scheme ."
        " FILTER EXISTS { ?x sv:area ?used . ?used skos:inScheme ?scheme } FILTER(isIRI(?c)) }"
    )
    for row in areas:
        kinds.setdefault(row["c"].value, "area")
    return kinds


def _read_labels(store: Store, network: nx.MultiDiGraph) -> None:
    """Labels in both languages (marking borrowed ones), alternative labels and abbreviations."""
    properties = (*LABEL_PROPERTIES, ALT_LABEL, ABBREVIATION)
    rows = store.select(
        f"SELECT DISTINCT ?s ?p ?l WHERE {{ VALUES ?p {{ {_iris(properties)} }}"
        " ?s ?p ?l FILTER(isIRI(?s) && isLiteral(?l)) }"
    )
    found: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for row in rows:
        iri = row["s"].value
        if iri in network:
            literal = row["l"]
            found[iri].append((row["p"].value, literal.language or "", literal.value))
    for iri, data in network.nodes(data=True):
        labels, fallback = _choose_labels(found.get(iri, []), iri)
        data["labels"] = labels
        data["fallback"] = fallback
        names = {value for _, _, value in found.get(iri, [])} - set(labels.values())
        data["abbreviations"] = tuple(sorted({v for p, _, v in found.get(iri, []) if p == ABBREVIATION}))
        data["alt_labels"] = tuple(sorted(names - set(data["abbreviations"])))


def _choose_labels(found: list[tuple[str, str, str]], iri: str) -> tuple[dict[str, str], tuple[str, ...]]:
    """The best label per language: a label in the language, then one without a language, then the other's."""

    def best(lang: str) -> str | None:
        ranked = sorted(
            (LABEL_PROPERTIES.index(p), value)
            for p, language, value in found
            if p in LABEL_PROPERTIES and language == lang
        )
        return ranked[0][1] if ranked else None

    untagged = best("")
    own = {lang: best(lang) or untagged for lang in LANGUAGES}
    borrowed = next((label for label in own.values() if label), None)
    slug = iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    labels = {lang: own[lang] or borrowed or slug for lang in LANGUAGES}
    return labels, tuple(lang for lang in LANGUAGES if not own[lang])


def _add_edge(network: nx.MultiDiGraph, s: str, o: str, relation: str, graph: str) -> None:
    if s == o or s not in network or o not in network:
        return
    if network.has_edge(s, o, relation):
        network.edges[s, o, relation]["graphs"].add(graph)
    else:
        network.add_edge(s, o, key=relation, relation=relation, graphs={graph})


def _read_edges(store: Store, network: nx.MultiDiGraph) -> None:
    """Direct properties in one query, reified ones in another; ``concerns`` gives way to ``approves``."""
    rows = store.select(
        f"SELECT DISTINCT ?s ?p ?o ?g WHERE {{ VALUES ?p {{ {_iris(DIRECT_PROPERTIES)} }}"
        " GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?s) && isIRI(?o)) }"
    )
    for row in rows:
        relation, reverse = DIRECT_PROPERTIES[row["p"].value]
        s, o = row["s"].value, row["o"].value
        if relation in DOCUMENT_END:
            document = o if DOCUMENT_END[relation] == "o" else s
            if network.nodes.get(document, {}).get("kind") != "document":
                continue
        if reverse:
            s, o = o, s
        _add_edge(network, s, o, relation, row["g"].value)
    branches = " UNION ".join(f'{{ BIND("{rel}" AS ?rel) {pattern} }}' for rel, pattern in COMPOSITE_PATTERNS)
    rows = store.select(
        f"SELECT DISTINCT ?rel ?s ?o ?g WHERE {{ {branches} FILTER(isIRI(?s) && isIRI(?o)) }}"
    )
    for row in rows:
        _add_edge(network, row["s"].value, row["o"].value, row["rel"].value, row["g"].value)
    duplicates = [
        (s, o)
        for s, o, key in network.edges(keys=True)
        if key == "approves" and network.has_edge(s, o, "concerns")
    ]
    for s, o in duplicates:
        network.remove_edge(s, o, "concerns")


def _read_sources(store: Store, network: nx.MultiDiGraph) -> None:
    """Each named graph's source documents; each node's and each edge's documents.

    A node's documents are those it says it was derived from, else those of
    the graphs describing it that hold a single document; an edge's are its
    ends' documents among those of the graphs stating it, else the document
    of a single-document graph stating it. Where a file holds one document,
    as the curated data does, this is simply the file's document; where a
    file holds hundreds (a national load), it keeps a node's or edge's
    sources to the documents about it rather than every document of the file.
    """
    per_graph: dict[str, set[str]] = defaultdict(set)
    for row in store.select("SELECT DISTINCT ?g ?doc WHERE { GRAPH ?g { ?doc a sv:SourceDocument } }"):
        per_graph[row["g"].value].add(row["doc"].value)
    network.graph["graph_documents"] = {g: tuple(sorted(docs)) for g, docs in per_graph.items()}
    described: dict[str, set[str]] = defaultdict(set)
    for row in store.select("SELECT DISTINCT ?s ?g WHERE { GRAPH ?g { ?s a ?type } FILTER(isIRI(?s)) }"):
        described[row["s"].value].add(row["g"].value)
    for iri, data in network.nodes(data=True):
        graphs = described.get(iri, set())
        derived = {o for _, o, key in network.out_edges(iri, keys=True) if key == "source"}
        documents = derived or _single_documents(graphs, per_graph)
        data["graphs"] = tuple(sorted(graphs))
        data["sources"] = tuple(sorted(documents - {iri}))
    for s, o, data in network.edges(data=True):
        stating = set().union(*(per_graph.get(g, ()) for g in data["graphs"]))
        ends = {*network.nodes[s]["sources"], *network.nodes[o]["sources"]}
        documents = stating.intersection(ends) or _single_documents(data["graphs"], per_graph)
        data["sources"] = tuple(sorted(documents))
        data["graphs"] = tuple(sorted(data["graphs"]))


def _single_documents(graphs: Iterable[str], per_graph: dict[str, set[str]]) -> set[str]:
    """The documents of those ``graphs`` that hold exactly one: a file that is one document's record."""
    return {next(iter(per_graph[g])) for g in graphs if len(per_graph.get(g, ())) == 1}


def _year(value: str) -> int | None:
    head = value.strip()[:4]
    return int(head) if len(head) == 4 and head.isdigit() else None


def _read_years(store: Store, network: nx.MultiDiGraph) -> None:
    """``years`` = (start, end) for decisions, meetings, agreements and plans (see the module docstring)."""
    rows = store.select(
        f"SELECT DISTINCT ?s ?p ?v WHERE {{ VALUES ?p {{ {_iris(YEAR_PROPERTIES)} }}"
        " ?s ?p ?v FILTER(isLiteral(?v)) }"
    )
    found: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        year = _year(row["v"].value)
        if year is not None and row["s"].value in network:
            found[row["s"].value][YEAR_PROPERTIES[row["p"].value]].append(year)
    for iri, data in network.nodes(data=True):
        years = found.get(iri, {})
        kind = data["kind"]
        span: tuple[int, int | None] | None = None
        if kind in ("decision", "event") and years.get("date"):
            start = min(years["date"])
            span = (start, max([*years.get("end", []), start]))
        elif kind == "plan" and years.get("plan"):
            span = (min(years["plan"]), max(years["plan"]))
        elif kind == "agreement" and years.get("from"):
            span = (min(years["from"]), max(years["until"]) if years.get("until") else None)
        data["years"] = span
    # Agreements without sv:validFrom take the earliest decision that approves or concerns them.
    for iri, data in network.nodes(data=True):
        if data["kind"] != "agreement" or data["years"] is not None:
            continue
        decided = [
            network.nodes[d]["years"][0]
            for d, _, key in network.in_edges(iri, keys=True)
            if key in ("approves", "concerns") and network.nodes[d]["years"]
        ]
        if decided:
            until = found.get(iri, {}).get("until")
            data["years"] = (min(decided), max(until) if until else None)


AREA_RULES: tuple[tuple[str, str, frozenset[str]], ...] = (
    # (relation, the end that takes on the other end's areas, kinds whose areas are passed on)
    ("establishes", "s", frozenset({"collaboration"})),
    ("establishes", "o", frozenset({"agreement"})),
    ("unitOf", "s", frozenset({"collaboration"})),
    ("disputesTo", "o", frozenset({"agreement"})),
    ("planOf", "s", frozenset({"collaboration"})),
    ("within", "s", frozenset({"collaboration"})),
    ("approves", "s", frozenset({"agreement", "collaboration", "plan"})),
    ("concerns", "s", frozenset({"agreement", "collaboration", "plan"})),
    ("meetingOf", "s", frozenset({"body", "project"})),
    ("party", "s", frozenset({"agreement"})),
    ("memberOf", "s", frozenset({"collaboration", "body"})),
    ("seat", "s", frozenset({"body"})),
    ("chair", "s", frozenset({"body"})),
    ("coordinates", "s", frozenset({"agreement"})),
    ("leadsActivities", "s", frozenset({"agreement"})),
    ("settlesDisputes", "s", frozenset({"agreement"})),
    ("holds", "s", frozenset({"post"})),
    ("signed", "s", frozenset({"agreement"})),
    ("spoke", "s", frozenset({"decision"})),
)
"""How an area reaches things that are not tagged with it, applied once each, in this order."""


def _propagate_areas(network: nx.MultiDiGraph) -> None:
    """``direct_areas``: the node's own ``sv:area`` values; ``areas``: those and what :data:`AREA_RULES` add.

    An organization is linked to an area through an agreement it is party to,
    a collaboration or body it takes part in; a body through its collaboration;
    a decision through what it approves or concerns; a meeting through its
    body; a person through the post held, the agreement signed, the decision
    spoken on. An area node is linked to itself.
    """
    areas: dict[str, set[str]] = {}
    for iri, data in network.nodes(data=True):
        direct = {o for _, o, key in network.out_edges(iri, keys=True) if key == "area"}
        if data["kind"] == "area":
            direct.add(iri)
        data["direct_areas"] = frozenset(direct)
        areas[iri] = set(direct)
    by_relation: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for s, o, key in network.edges(keys=True):
        by_relation[key].append((s, o))
    for relation, taker, givers in AREA_RULES:
        for s, o in by_relation.get(relation, ()):
            receiver, giver = (s, o) if taker == "s" else (o, s)
            if network.nodes[giver]["kind"] in givers:
                areas[receiver] |= areas[giver]
    for iri, data in network.nodes(data=True):
        data["areas"] = frozenset(areas[iri])


# ---------------------------------------------------------------------------
# Helpers for the other modules
# ---------------------------------------------------------------------------


def check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ExploreError(f"Unknown language {lang!r}: use one of {', '.join(LANGUAGES)}.")
    return lang


def node(network: nx.MultiDiGraph, iri: str) -> dict:
    """The attributes of node ``iri``, or :class:`UnknownNode`."""
    try:
        return network.nodes[iri]
    except KeyError:
        raise UnknownNode(f"{iri!r} is not in the network.") from None


def label(network: nx.MultiDiGraph, iri: str, lang: str) -> str:
    return network.nodes[iri]["labels"][lang]


def area_and_narrower(network: nx.MultiDiGraph, area: str) -> frozenset[str]:
    """``area`` and every area below it (through ``skos:broader``/``skos:narrower``)."""
    if node(network, area)["kind"] != "area":
        raise ExploreError(f"{area!r} is not a collaboration area.")
    found, todo = {area}, [area]
    while todo:
        current = todo.pop()
        for narrower, _, key in network.in_edges(current, keys=True):
            if key == "broader" and narrower not in found:
                found.add(narrower)
                todo.append(narrower)
    return frozenset(found)


def in_years(years: tuple[int | None, int | None] | None, start: int | None, end: int | None) -> bool:
    """Whether a node's ``years`` meet the range [start, end]; no years, or an open bound, always meet."""
    if years is None:
        return True
    first, last = years
    return (end is None or first is None or first <= end) and (start is None or last is None or last >= start)
