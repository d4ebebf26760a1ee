"""What a page says about one resource: its facts, grouped; what points to it; where each fact comes from.

:func:`describe` reads a resource from the store in a handful of queries
(its own triples, the triples pointing to it, its classes and properties'
super-terms, a few two-step facts, the triples of the resources its tables
unfold, the named graphs' source documents, the labels) and answers with a
:class:`Description`: plain data, every term labelled in the asked language,
every value carrying the numbers of the sources it was read from. It knows
nothing of HTML: the web page renders it, and other renderers (RDF, JSON)
can read the same structure.

How the facts are grouped is data (:mod:`graph.layouts`): a layout per kind
of resource (agreement, decision, body, person, ...) names its sections and
the properties, inverse properties, two-step facts and tables each shows.
What no layout claims falls into generic sections: identity (labels,
identifiers), descriptions, relations, dates, other. Incoming links that no
section shows are listed by relation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox

from graph.labels import best_labels
from graph.language import collation_key
from graph.layouts import (
    CURRENCY,
    DERIVED,
    DESCRIPTIONS,
    GENERIC,
    GENERIC_SECTIONS,
    IDENTITY,
    LAYOUTS,
    MONEY,
    NOT_FACTS,
    RDF_TYPE,
    TEMPORAL,
    XSD,
    Field,
    Layout,
    TableSpec,
    expand,
)
from graph.namespaces import CANONICAL, Site, shorten
from graph.sources import source_path
from graph.store import Store

# ---------------------------------------------------------------------------
# The description
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """Text as the data gives it, with its language tag if it has one."""

    value: str
    lang: str | None = None


@dataclass(frozen=True)
class Term:
    """An RDF term as a page shows it.

    ``value`` is the IRI, the literal's lexical form or the blank node's id;
    ``text`` is an IRI's best label (or, with ``labelled`` false, a name made
    from the IRI) or a literal's own text. Formatting a literal by its
    ``datatype`` (dates, amounts, booleans) is the renderer's job.
    """

    value: str
    text: Text
    is_iri: bool = False
    is_literal: bool = False
    datatype: str | None = None
    labelled: bool = True

    @property
    def is_blank(self) -> bool:
        return not (self.is_iri or self.is_literal)


@dataclass(frozen=True)
class Value:
    """One value of a fact: the term, the sources it comes from, what it is reached through, its unit."""

    term: Term
    sources: tuple[int, ...]
    """Numbers of :attr:`Description.sources`."""
    via: tuple[Term, ...] = ()
    """For a two-step fact, the resources in between (a partner's agreements)."""
    unit: str | None = None
    """The currency of an amount (``SEK``)."""


@dataclass(frozen=True)
class Fact:
    """A property of the resource (or, ``inverse``, of the things pointing to it) and its values.

    ``key`` is the layout's token: a property IRI, ``^`` and a property IRI,
    or ``=`` and a two-step fact's name. ``label`` is the property's label
    from the ontology; ``label_key``, when set, names the interface's own
    wording for it (``res_field_{label_key}``), used first.
    """

    key: str
    property: str | None
    label: Text | None
    label_key: str | None
    inverse: bool
    values: tuple[Value, ...]


@dataclass(frozen=True)
class Column:
    key: str
    label: Text | None
    label_key: str | None
    flag: bool = False
    """A yes/no column: its cells hold ``true`` where the relation holds."""


@dataclass(frozen=True)
class Row:
    subject: Term
    cells: tuple[tuple[Value, ...], ...]


@dataclass(frozen=True)
class RowGroup:
    """Rows that share a value (the seats of one body); ``term`` is ``None`` for rows without one."""

    term: Term | None
    sources: tuple[int, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Table:
    """Resources that belong to the page (seats, signatures, speakers ...), one row each, maybe grouped.

    ``style`` is ``table`` (columns side by side) or ``records`` (one block
    per row, for long texts such as proposals).
    """

    columns: tuple[Column, ...]
    groups: tuple[RowGroup, ...]
    style: str = "table"

    @property
    def rows(self) -> tuple[Row, ...]:
        return tuple(row for group in self.groups for row in group.rows)


@dataclass(frozen=True)
class Section:
    key: str
    facts: tuple[Fact, ...] = ()
    table: Table | None = None


@dataclass(frozen=True)
class Source:
    """Where facts come from: a named graph, its file, and the source document it describes.

    ``document`` is ``None`` for reference data (organizations, concept
    schemes, the ontology), which no single document is the source of.
    """

    number: int
    graph: str
    file: str | None
    document: Term | None


@dataclass(frozen=True)
class Description:
    """Everything a page shows about ``iri`` in ``lang``."""

    iri: str
    lang: str
    label: Term
    kinds: tuple[Term, ...]
    layout: str
    sections: tuple[Section, ...]
    incoming: tuple[Fact, ...]
    incoming_truncated: bool
    sources: tuple[Source, ...]

    def linked(self) -> Iterator[str]:
        """The IRIs the page links to, in page order (the first layout field first)."""
        for section in self.sections:
            for fact in section.facts:
                for value in fact.values:
                    yield from (t.value for t in (value.term, *value.via) if t.is_iri)
            for group in section.table.groups if section.table else ():
                if group.term is not None:
                    yield group.term.value
                for row in group.rows:
                    yield row.subject.value
                    for cell in row.cells:
                        yield from (value.term.value for value in cell if value.term.is_iri)
        for fact in self.incoming:
            yield from (value.term.value for value in fact.values)


@dataclass(frozen=True)
class Limits:
    """Most rows a page reads, so that a hub (a concept used 100,000 times) still answers quickly."""

    outgoing: int = 5000
    incoming: int = 2000
    details: int = 5000


LIMITS = Limits()

# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal


class Triples:
    """The triples read for one page, indexed both ways, each with the named graphs it is stated in."""

    def __init__(self) -> None:
        self._out: dict[str, dict[str, dict[OxTerm, set[str]]]] = defaultdict(lambda: defaultdict(dict))
        self._in: dict[str, dict[str, dict[OxTerm, set[str]]]] = defaultdict(lambda: defaultdict(dict))
        self.graphs: set[str] = set()

    def add(self, s: OxTerm, p: str, o: OxTerm, graph: str) -> None:
        self._out[_key(s)][p].setdefault(o, set()).add(graph)
        self._in[_key(o)][p].setdefault(s, set()).add(graph)
        self.graphs.add(graph)

    def follow(self, subject: str, token: str) -> dict[OxTerm, set[str]]:
        """Values of ``token`` (a property, or ``^`` and a property) from ``subject``, with their graphs."""
        if token.startswith("^"):
            return self._in.get(subject, {}).get(token[1:], {})
        return self._out.get(subject, {}).get(token, {})

    def properties(self, subject: str, inverse: bool = False) -> list[str]:
        return list((self._in if inverse else self._out).get(subject, {}))

    def terms(self) -> Iterator[OxTerm]:
        for index in (self._out, self._in):
            for properties in index.values():
                for values in properties.values():
                    yield from values


def _key(term: OxTerm) -> str:
    """How :class:`Triples` indexes a term: an IRI by itself, anything else by its N-Triples form."""
    return term.value if isinstance(term, ox.NamedNode) else str(term)


def _values(terms: Iterable[OxTerm | str]) -> str:
    return " ".join(str(ox.NamedNode(t)) if isinstance(t, str) else str(t) for t in terms)


def describe(
    store: Store, iri: str, lang: str, site: Site = CANONICAL, limits: Limits = LIMITS
) -> Description | None:
    """What the graph published under ``site`` says about ``iri``, in ``lang``; ``None`` if it does not mention it."""
    try:
        node = ox.NamedNode(iri)
    except ValueError:
        return None
    triples = Triples()
    for row in store.select(
        f"SELECT DISTINCT ?p ?o ?g {{ GRAPH ?g {{ {node} ?p ?o }} }} LIMIT {limits.outgoing}"
    ):
        triples.add(node, row["p"].value, row["o"], row["g"].value)
    incoming = list(
        store.select(
            f"SELECT DISTINCT ?s ?p ?g {{ GRAPH ?g {{ ?s ?p {node} }} }} LIMIT {limits.incoming + 1}"
        )
    )
    for row in incoming[: limits.incoming]:
        triples.add(row["s"], row["p"].value, node, row["g"].value)
    if not triples.graphs:
        return None

    types = sorted(t.value for t in triples.follow(iri, RDF_TYPE) if isinstance(t, ox.NamedNode))
    properties = {*triples.properties(iri), *triples.properties(iri, inverse=True)}
    supers = _super_terms(store, {*types, *properties})
    classes = set().union(*(supers.get(t, {t}) for t in types))
    layout = next((lay for lay in LAYOUTS if classes & {expand(c) for c in lay.classes}), GENERIC)

    derived = _derived(store, node, layout, limits)
    _read_details(store, _row_resources(iri, layout, triples, derived), triples, limits)
    documents = _graph_documents(store, triples.graphs | {g for found in derived.values() for _, g in found})
    iris = {iri, *types, *properties, *_TOKEN_PROPERTIES}
    iris |= {t.value for t in triples.terms() if isinstance(t, ox.NamedNode)}
    iris |= {
        t.value
        for found in derived.values()
        for pair, _ in found
        for t in pair
        if isinstance(t, ox.NamedNode)
    }
    iris |= {doc for doc in documents.values() if doc}
    builder = _Builder(iri, lang, best_labels(store, iris, lang), documents, triples, supers, derived, site)
    sections = builder.sections(layout)
    return Description(
        iri=iri,
        lang=lang,
        label=builder.term(node),
        kinds=tuple(builder.sorted_terms(ox.NamedNode(t) for t in types)),
        layout=layout.key,
        sections=sections,
        incoming=builder.incoming(layout),
        incoming_truncated=len(incoming) > limits.incoming,
        sources=builder.book.sources(builder.term),
    )


def _super_terms(store: Store, terms: set[str]) -> dict[str, set[str]]:
    """Each class or property with everything above it (itself included), from the ontology."""
    if not terms:
        return {}
    values = _values(sorted(terms))
    rows = store.select(
        f"SELECT DISTINCT ?x ?super {{ {{ VALUES ?x {{ {values} }} ?x rdfs:subClassOf* ?super }}"
        f" UNION {{ VALUES ?x {{ {values} }} ?x rdfs:subPropertyOf* ?super }} }}"
    )
    found: dict[str, set[str]] = {term: {term} for term in terms}
    for row in rows:
        if isinstance(row["super"], ox.NamedNode):
            found[row["x"].value].add(row["super"].value)
    return found


Derived = dict[str, list[tuple[tuple[OxTerm, OxTerm | None], str]]]
"""Name -> ((value, via), graph) of each two-step fact found."""


def _derived(store: Store, node: ox.NamedNode, layout: Layout, limits: Limits) -> Derived:
    """The layout's two-step facts, in one query (the resource's IRI written into each pattern)."""
    found: Derived = {name: [] for name in layout.derived}
    if not layout.derived:
        return found
    branches = " UNION ".join(
        f'{{ BIND("{name}" AS ?name) {DERIVED[name].replace("?this", str(node))} }}'
        for name in layout.derived
    )
    for row in store.select(f"SELECT DISTINCT ?name ?value ?via ?g {{ {branches} }} LIMIT {limits.details}"):
        found[row["name"].value].append(((row["value"], row["via"]), row["g"].value))
    return found


def _row_resources(iri: str, layout: Layout, triples: Triples, derived: Derived) -> set[OxTerm]:
    """The resources the layout's tables show a row for (a body's seats, a decision's speakers ...)."""
    rows: set[OxTerm] = set()
    for section in layout.sections:
        for token in section.table.rows if section.table else ():
            if token.startswith("="):
                rows |= {value for (value, _), _ in derived[token[1:]]}
            else:
                rows |= set(triples.follow(iri, expand(token)))
    return rows


def _read_details(store: Store, resources: set[OxTerm], triples: Triples, limits: Limits) -> None:
    """The triples of the table rows' resources, both ways (a seat's party, and the body it chairs)."""
    named = sorted(r.value for r in resources if isinstance(r, ox.NamedNode))
    if not named:
        return
    values = _values(named)
    rows = store.select(
        f"SELECT DISTINCT ?x ?p ?o ?g ?in {{"
        f" {{ VALUES ?x {{ {values} }} GRAPH ?g {{ ?x ?p ?o }} BIND(false AS ?in) }} UNION"
        f" {{ VALUES ?x {{ {values} }} GRAPH ?g {{ ?o ?p ?x }} BIND(true AS ?in) }} }} LIMIT {limits.details}"
    )
    for row in rows:
        p, g = row["p"].value, row["g"].value
        if row["in"].value == "true":
            triples.add(row["o"], p, row["x"], g)
        else:
            triples.add(row["x"], p, row["o"], g)


def _graph_documents(store: Store, graphs: set[str]) -> dict[str, str | None]:
    """Named graph -> the source document it describes; ``None`` for reference data."""
    found: dict[str, str | None] = {graph: None for graph in graphs}
    if graphs:
        rows = store.select(
            f"SELECT DISTINCT ?g ?doc {{ VALUES ?g {{ {_values(sorted(graphs))} }}"
            " GRAPH ?g { ?doc a sv:SourceDocument } FILTER(isIRI(?doc)) } ORDER BY ?g ?doc"
        )
        for row in rows:
            found[row["g"].value] = found[row["g"].value] or row["doc"].value
    return found


_TOKEN_PROPERTIES = {
    expand(token).lstrip("^")
    for layout in LAYOUTS
    for section in layout.sections
    for token in (
        *(f.token for f in section.fields),
        *(t for c in (section.table.columns if section.table else ()) for t in c.tokens),
    )
    if not token.startswith("=")
}
"""Every property a layout names, so its label is read along with the page's other labels."""

# ---------------------------------------------------------------------------
# Building the description
# ---------------------------------------------------------------------------


TRUE = ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean"))


class SourceBook:
    """Numbers the page's sources in the order the page first cites them, as footnotes are."""

    def __init__(self, documents: dict[str, str | None], site: Site) -> None:
        self._documents = documents
        self._site = site
        self._numbers: dict[str, int] = {}

    def cite(self, graphs: Iterable[str]) -> tuple[int, ...]:
        for graph in sorted(graphs):
            self._numbers.setdefault(graph, len(self._numbers) + 1)
        return tuple(sorted({self._numbers[graph] for graph in graphs}))

    def sources(self, term: Callable[[OxTerm], Term]) -> tuple[Source, ...]:
        """The cited sources, in order, each document shown as ``term`` shows it."""
        return tuple(
            Source(
                number,
                graph,
                source_path(graph, self._site),
                term(ox.NamedNode(doc)) if (doc := self._documents[graph]) else None,
            )
            for graph, number in self._numbers.items()
        )


class _Builder:
    """Turns what was read into sections of labelled, cited values."""

    def __init__(
        self,
        iri: str,
        lang: str,
        names: dict[str, ox.Literal],
        documents: dict[str, str | None],
        triples: Triples,
        supers: dict[str, set[str]],
        derived: Derived,
        site: Site,
    ) -> None:
        self.iri, self.lang, self.names = iri, lang, names
        self.triples, self.supers, self.derived = triples, supers, derived
        self.book = SourceBook(documents, site)

    # --- terms and values ---

    def term(self, term: OxTerm) -> Term:
        if isinstance(term, ox.NamedNode):
            label = self.names.get(term.value)
            if label is None:
                return Term(term.value, Text(_name_from_iri(term.value)), is_iri=True, labelled=False)
            return Term(term.value, Text(label.value, label.language), is_iri=True)
        if isinstance(term, ox.Literal):
            return Term(
                term.value, Text(term.value, term.language), is_literal=True, datatype=term.datatype.value
            )
        return Term(str(term), Text(""))

    def order(self, term: Term) -> tuple[int, int, float, str]:
        """Literals before links; text in the page language first; numbers by value; text the Swedish way."""
        text = collation_key(term.text.value)
        if not term.is_literal:
            return (1, 0, 0.0, text)
        language = term.text.lang
        number = _number(term)
        return (0, 0 if language == self.lang else 1 if language is None else 2, number or 0.0, text)

    def sorted_terms(self, terms: Iterable[OxTerm]) -> list[Term]:
        return sorted((self.term(t) for t in terms), key=self.order)

    def values(self, subject: str, token: str) -> tuple[Value, ...]:
        found = self.triples.follow(subject, token)
        unit = self._unit(subject) if token in MONEY else None
        made = sorted(
            ((self.term(t), graphs) for t, graphs in found.items()), key=lambda pair: self.order(pair[0])
        )
        return tuple(Value(term, self.book.cite(graphs), unit=unit) for term, graphs in made)

    def derived_values(self, name: str) -> tuple[Value, ...]:
        graphs: dict[OxTerm, set[str]] = defaultdict(set)
        vias: dict[OxTerm, set[OxTerm]] = defaultdict(set)
        for (value, via), graph in self.derived[name]:
            graphs[value].add(graph)
            if via is not None:
                vias[value].add(via)
        made = sorted(((self.term(v), v) for v in graphs), key=lambda pair: self.order(pair[0]))
        return tuple(
            Value(term, self.book.cite(graphs[v]), via=tuple(self.sorted_terms(vias[v]))) for term, v in made
        )

    def _unit(self, subject: str) -> str | None:
        currencies = sorted(t.value for t in self.triples.follow(subject, CURRENCY))
        return currencies[0] if currencies else None

    def property_label(self, iri: str) -> Text | None:
        label = self.names.get(iri)
        return Text(label.value, label.language) if label else Text(shorten(iri))

    # --- sections ---

    def sections(self, layout: Layout) -> tuple[Section, ...]:
        made = [self._generic("identity", layout)]
        for spec in layout.sections:
            facts = tuple(fact for f in spec.fields if (fact := self._field(f)).values)
            table = self._table(spec.table) if spec.table else None
            made.append(Section(spec.key, facts, table if table and table.rows else None))
        made += [self._generic(key, layout) for key in GENERIC_SECTIONS[1:]]
        return tuple(section for section in made if section.facts or section.table)

    def _field(self, spec: Field) -> Fact:
        if spec.token.startswith("="):
            values = self.derived_values(spec.token[1:])
            return Fact(spec.token, None, None, spec.label_key, False, values)
        return self._fact(expand(spec.token), spec.label_key)

    def _fact(self, token: str, label_key: str | None = None) -> Fact:
        """The values of ``token`` (a property IRI, or ``^`` and one) on the page's resource."""
        prop = token.lstrip("^")
        values = self.values(self.iri, token)
        return Fact(token, prop, self.property_label(prop), label_key, token.startswith("^"), values)

    def _table(self, spec: TableSpec) -> Table:
        subjects: set[OxTerm] = set()
        for token in spec.rows:
            if token.startswith("="):
                subjects |= {value for (value, _), _ in self.derived[token[1:]]}
            else:
                subjects |= set(self.triples.follow(self.iri, expand(token)))
        tokens = [[expand(t) for t in column.tokens] for column in spec.columns]
        group_token = [expand(spec.group)] if spec.group else []
        read = [
            (
                self.term(s),
                _key(s),
                [self._cell(_key(s), column) for column in tokens],
                self._cell(_key(s), group_token),
            )
            for s in subjects
        ]

        def order(
            row: tuple[Term, str, list[list[tuple[Term, set[str]]]], list[tuple[Term, set[str]]]],
        ) -> tuple:
            subject, _, cells, group = row
            keys = [
                (0, self.order(cell[0][0])) if cell else (1, ())
                for cell in (group, *(cells[i] for i in spec.sort))
            ]
            return (*keys, self.order(subject))

        grouped: dict[Term | None, list[tuple[Term, str, list[list[tuple[Term, set[str]]]]]]] = {}
        group_graphs: dict[Term | None, set[str]] = defaultdict(set)
        for subject, key, cells, group in sorted(read, key=order):
            term = group[0][0] if group else None
            grouped.setdefault(term, []).append((subject, key, cells))
            group_graphs[term] |= group[0][1] if group else set()
        groups = []
        for term, rows in grouped.items():
            sources = self.book.cite(group_graphs[term])
            groups.append(RowGroup(term, sources, tuple(self._row(spec, tokens, *row) for row in rows)))
        made_columns = tuple(
            Column(
                column_tokens[0],
                None if column.label_key else self.property_label(column_tokens[0].lstrip("^")),
                column.label_key,
                column.flag,
            )
            for column, column_tokens in zip(spec.columns, tokens, strict=True)
        )
        return Table(made_columns, tuple(groups), spec.style)

    def _cell(self, subject: str, tokens: list[str]) -> list[tuple[Term, set[str]]]:
        """The values of ``tokens`` on ``subject``, as (term, graphs), in page order; not yet cited."""
        found = [
            (self.term(t), graphs)
            for token in tokens
            for t, graphs in self.triples.follow(subject, token).items()
        ]
        return sorted(found, key=lambda pair: self.order(pair[0]))

    def _row(
        self,
        spec: TableSpec,
        tokens: list[list[str]],
        subject: Term,
        key: str,
        raw: list[list[tuple[Term, set[str]]]],
    ) -> Row:
        cells: list[tuple[Value, ...]] = []
        for column, column_tokens, cell in zip(spec.columns, tokens, raw, strict=True):
            if column.flag:
                graphs = set().union(*(graphs for _, graphs in cell))
                cells.append((Value(self.term(TRUE), self.book.cite(graphs)),) if cell else ())
            else:
                unit = self._unit(key) if column_tokens[0] in MONEY else None
                cells.append(tuple(Value(t, self.book.cite(g), unit=unit) for t, g in cell))
        return Row(subject, tuple(cells))

    def _claimed(self, layout: Layout) -> set[str]:
        claimed = {*NOT_FACTS, *(expand(t) for t in layout.hidden)}
        for section in layout.sections:
            claimed |= {expand(f.token) for f in section.fields}
            claimed |= {expand(t) for t in (section.table.rows if section.table else ())}
        return claimed

    def _generic(self, key: str, layout: Layout) -> Section:
        """The properties no layout section shows, whose kind is ``key`` (see :func:`_generic_kind`)."""
        claimed = self._claimed(layout)
        facts = [
            self._fact(p)
            for p in self.triples.properties(self.iri)
            if p not in claimed and self._generic_kind(p) == key
        ]
        facts.sort(key=lambda fact: self.order(Term("", fact.label or Text(""))))
        return Section(key, tuple(facts))

    def _generic_kind(self, prop: str) -> str:
        supers = self.supers.get(prop, {prop})
        terms = list(self.triples.follow(self.iri, prop))
        if supers & set(IDENTITY):
            return "identity"
        literals = [t for t in terms if isinstance(t, ox.Literal)]
        if supers & set(DESCRIPTIONS) or (
            literals and all(t.language for t in literals) and len(literals) == len(terms)
        ):
            return "descriptions"
        if literals and len(literals) == len(terms) and all(t.datatype.value in TEMPORAL for t in literals):
            return "dates"
        if not literals:
            return "relations"
        return "other"

    def incoming(self, layout: Layout) -> tuple[Fact, ...]:
        claimed = self._claimed(layout)
        facts = [
            self._fact("^" + p)
            for p in self.triples.properties(self.iri, inverse=True)
            if "^" + p not in claimed
        ]
        facts.sort(key=lambda fact: self.order(Term("", fact.label or Text(""))))
        return tuple(fact for fact in facts if fact.values)


def _name_from_iri(iri: str) -> str:
    """What to call a resource without a label: a prefixed name where one fits, else the IRI's last segment."""
    short = shorten(iri)
    if not short.startswith("<"):
        return short
    return iri.rstrip("/").rsplit("/", 1)[-1] or iri


def _number(term: Term) -> float | None:
    if term.datatype and term.datatype.startswith(XSD) and term.datatype[len(XSD) :] in NUMERIC:
        try:
            return float(term.value)
        except ValueError:
            return None
    return None


NUMERIC = {
    "integer", "decimal", "double", "float", "int", "long", "short", "byte",
    "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger",
    "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte",
}  # fmt: skip
