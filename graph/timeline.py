"""The timeline: agreements, decisions, meetings and forums in time order, each dated as its source dates it.

Dates are read from the store as written, so their precision survives: a
day (``xsd:date``, "2017-02-02"), a month (``xsd:gYearMonth``, "2018-01") or
only a year (``xsd:gYear``, "2018" for the 2018 rådslag). Nothing is
padded to a day the source never gave. Everything else — labels with their
language fallback, bodies, hosts, parties, source documents — comes from the
strategist network (:func:`graph.network.read_network`), which has already
read it once.

An item is one of :data:`ITEM_KINDS`: an agreement, a decision, a meeting,
or a forum (a meeting of a body that is an ``sv:Forum``, such as a year's
rådslag). An agreement without a date of its own is placed at the date of
the earliest decision that approves it (else concerns it), and says so in
``dated_by``; one with neither is undated and comes last.

Who takes part in an item (:attr:`Item.roles`, the organization filter):

- an agreement: its parties;
- a meeting or forum: its hosts, and whoever takes part in the body it is a
  meeting of;
- a decision: whoever takes part in the body that took it, its recipients,
  and whoever is party to, member of or planned for what it approves or
  concerns.

An organization takes part in a body when it has a seat or the chair in it,
is a member of it, owns it (the body is one of its units) or is a member of
the collaboration the body (or project) belongs to.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import networkx as nx

from graph.language import MONTHS
from graph.namespaces import PREFIXES

if TYPE_CHECKING:
    from graph.store import Store

SV, DCT, XSD = (PREFIXES[p] for p in ("sv", "dcterms", "xsd"))

ITEM_KINDS = ("agreement", "decision", "meeting", "forum")
"""The kinds of item."""

SAME_DATE_ORDER = ("meeting", "forum", "decision", "agreement")
"""Items of the same date in the order things happen: the meeting, its decision, the agreement approved."""

ROLES = ("party", "host", "recipient", "seat", "member", "own_body", "concerned")
"""How an organization can take part in an item, in the order they are told."""

PRECISION = {
    XSD + "date": "day",
    XSD + "dateTime": "day",
    XSD + "gYearMonth": "month",
    XSD + "gYear": "year",
}
"""How precise a date of each datatype is."""

_LEXICAL = {
    "day": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "month": re.compile(r"\d{4}-\d{2}"),
    "year": re.compile(r"\d{4}"),
}


DATES = "SELECT DISTINCT ?s ?p ?v WHERE {{ VALUES ?p {{ {properties} }} ?s ?p ?v FILTER(isIRI(?s) && isLiteral(?v)) }}"
DATE_PROPERTIES = {DCT + "date": "date", SV + "validFrom": "from", SV + "endDate": "end"}
FORUMS = "SELECT DISTINCT ?body WHERE { ?body a/rdfs:subClassOf* sv:Forum FILTER(isIRI(?body)) }"


@dataclass(frozen=True, order=True)
class When:
    """A date as precise as its source: ``value`` is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``.

    ``end`` is the last day of an event of several days. Ordering by the
    text puts a year before its months and a month before its days.
    """

    value: str
    precision: str
    end: str | None = None

    @property
    def year(self) -> int:
        return int(self.value[:4])

    def text(self, lang: str) -> str:
        """The date in words: "2 februari 2017", "januari 2018", "2018"; a span as "16–17 augusti 2017"."""
        start = _words(self.value, lang)
        if self.end is None or self.end == self.value:
            return start
        end = _words(self.end, lang)
        if self.value[:7] == self.end[:7]:  # the same month: "16–17 augusti 2017"
            return f"{int(self.value[8:])}–{end}"
        return f"{start} – {end}"


def _words(value: str, lang: str) -> str:
    parts = value.split("-")
    if len(parts) == 1:
        return value
    month = MONTHS[lang][int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"


def parse_date(lexical: str, datatype: str) -> When | None:
    """A :class:`When` from a literal's text and datatype; ``None`` for one that is no such date."""
    precision = PRECISION.get(datatype)
    if precision is None:
        return None
    text = lexical.strip()[:10] if datatype == XSD + "dateTime" else lexical.strip()
    if not _LEXICAL[precision].fullmatch(text):
        return None
    first_day = {"day": text, "month": f"{text}-01", "year": f"{text}-01-01"}[precision]
    try:
        dt.date.fromisoformat(first_day)
    except ValueError:  # 2018-13, 2017-02-30
        return None
    return When(text, precision)


@dataclass(frozen=True)
class Ref:
    """A thing an item links to: its IRI and its label in each language (``fallback``: borrowed ones)."""

    iri: str
    labels: Mapping[str, str]
    fallback: frozenset[str] = frozenset()

    def label(self, lang: str) -> str:
        return self.labels[lang]

    def borrowed(self, lang: str) -> bool:
        """Whether the label in ``lang`` is the other language's, for want of one of its own."""
        return lang in self.fallback


@dataclass(frozen=True)
class Item:
    """One thing on the timeline."""

    thing: Ref
    kind: str
    when: When | None
    dated_by: Ref | None = None
    """For an agreement without a date of its own: the decision whose date it is shown at."""
    body: Ref | None = None
    """The body that met (for a meeting or forum) or decided (for a decision)."""
    hosts: tuple[Ref, ...] = ()
    parties: tuple[Ref, ...] = ()
    sources: tuple[Ref, ...] = ()
    roles: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Organization IRI -> how it takes part (see :data:`ROLES`)."""

    @property
    def iri(self) -> str:
        return self.thing.iri


@dataclass(frozen=True)
class Timeline:
    """Every item, dated ones in time order and then the undated, and the organizations taking part."""

    items: tuple[Item, ...]
    organizations: Mapping[str, Ref]
    """Organization IRI -> the organization, for every organization that takes part in an item."""
    counts: Mapping[str, int]
    """Organization IRI -> how many items it takes part in."""

    def for_organization(self, iri: str) -> list[Item]:
        """The items ``iri`` takes part in, in timeline order."""
        return [item for item in self.items if iri in item.roles]


def read_timeline(store: Store, network: nx.MultiDiGraph) -> Timeline:
    """The timeline of the graph in ``store``, whose strategist network is ``network``."""
    dates = _read_dates(store, network)
    forums = {row["body"].value for row in store.select(FORUMS)}
    items = []
    for iri, data in network.nodes(data=True):
        if data["kind"] == "agreement":
            items.append(_agreement(network, iri, dates))
        elif data["kind"] == "decision":
            items.append(_decision(network, iri, dates))
        elif data["kind"] == "event":
            items.append(_meeting(network, iri, dates, forums))
    items.sort(key=_in_order)
    counts = Counter(org for item in items for org in item.roles)
    organizations = {org: _ref(network, org) for org in sorted(counts)}
    return Timeline(tuple(items), organizations, dict(counts))


def _in_order(item: Item) -> tuple[bool, str, int, str, str]:
    """Dated items by date (a year before its months, a month before its days), then the undated."""
    return (
        item.when is None,
        item.when.value if item.when else "",
        SAME_DATE_ORDER.index(item.kind),
        item.thing.labels["sv"].casefold(),
        item.iri,
    )


def _read_dates(store: Store, network: nx.MultiDiGraph) -> dict[str, dict[str, When]]:
    """IRI -> {"date" | "from" | "end": the earliest, most precise such date} for the network's nodes."""
    properties = " ".join(f"<{p}>" for p in DATE_PROPERTIES)
    found: dict[str, dict[str, When]] = defaultdict(dict)
    for row in store.select(DATES.format(properties=properties)):
        iri = row["s"].value
        if iri not in network:
            continue
        when = parse_date(row["v"].value, row["v"].datatype.value)
        if when is None:
            continue
        slot = DATE_PROPERTIES[row["p"].value]
        known = found[iri].get(slot)
        if known is None or _better(when, known):
            found[iri][slot] = when
    return found


def _better(when: When, than: When) -> bool:
    """More precise wins (a day over a month over a year), then earlier."""
    rank = {"day": 0, "month": 1, "year": 2}
    return (rank[when.precision], when.value) < (rank[than.precision], than.value)


def _ref(network: nx.MultiDiGraph, iri: str) -> Ref:
    if iri not in network:
        return Ref(iri, {"sv": iri, "en": iri})
    data = network.nodes[iri]
    return Ref(iri, dict(data["labels"]), frozenset(data["fallback"]))


def _refs(network: nx.MultiDiGraph, iris: Iterable[str]) -> tuple[Ref, ...]:
    found = [_ref(network, iri) for iri in set(iris)]
    return tuple(sorted(found, key=lambda ref: (ref.labels["sv"].casefold(), ref.iri)))


def _out(network: nx.MultiDiGraph, iri: str, relation: str) -> list[str]:
    return [o for _, o, key in network.out_edges(iri, keys=True) if key == relation]


def _in(network: nx.MultiDiGraph, iri: str, relation: str) -> list[str]:
    return [s for s, _, key in network.in_edges(iri, keys=True) if key == relation]


def _kind(network: nx.MultiDiGraph, iri: str) -> str:
    return str(network.nodes[iri]["kind"])


def _item(
    network: nx.MultiDiGraph,
    iri: str,
    kind: str,
    when: When | None,
    roles: Mapping[str, set[str]],
    **facts: object,
) -> Item:
    return Item(
        _ref(network, iri),
        kind,
        when,
        sources=_refs(network, network.nodes[iri]["sources"]),
        roles={org: frozenset(how) for org, how in sorted(roles.items())},
        **facts,  # type: ignore[arg-type]
    )


def _agreement(network: nx.MultiDiGraph, iri: str, dates: Mapping[str, Mapping[str, When]]) -> Item:
    parties = [o for o in _in(network, iri, "party") if _kind(network, o) == "organization"]
    own = dates.get(iri, {})
    when, dated_by = own.get("from") or own.get("date"), None
    if when is None:
        for relation in ("approves", "concerns"):
            decided = sorted(
                (dates[d]["date"], d)
                for d in _in(network, iri, relation)
                if _kind(network, d) == "decision" and "date" in dates.get(d, {})
            )
            if decided:
                when, decision = decided[0]
                dated_by = _ref(network, decision)
                break
    roles = {org: {"party"} for org in parties}
    return _item(network, iri, "agreement", when, roles, dated_by=dated_by, parties=_refs(network, parties))


def _decision(network: nx.MultiDiGraph, iri: str, dates: Mapping[str, Mapping[str, When]]) -> Item:
    roles: dict[str, set[str]] = defaultdict(set)
    bodies = _out(network, iri, "decidedBy")
    for body in bodies:
        _merge(roles, _takers(network, body))
    for recipient in _out(network, iri, "sentTo"):
        if _kind(network, recipient) == "organization":
            roles[recipient].add("recipient")
        else:
            for owner in _takers(network, recipient, owners_only=True):
                roles[owner].add("recipient")
    for relation in ("approves", "concerns"):
        for thing in _out(network, iri, relation):
            for org in _concerned(network, thing):
                roles[org].add("concerned")
    body = _refs(network, bodies)
    when = dates.get(iri, {}).get("date")
    return _item(network, iri, "decision", when, roles, body=body[0] if body else None)


def _meeting(
    network: nx.MultiDiGraph, iri: str, dates: Mapping[str, Mapping[str, When]], forums: set[str]
) -> Item:
    roles: dict[str, set[str]] = defaultdict(set)
    bodies = _out(network, iri, "meetingOf")
    for body in bodies:
        _merge(roles, _takers(network, body))
    hosts = [o for o in _out(network, iri, "hostedBy") if _kind(network, o) == "organization"]
    for host in hosts:
        roles[host].add("host")
    own = dates.get(iri, {})
    when = own.get("date")
    if when is not None and "end" in own and own["end"].value != when.value:
        when = When(when.value, when.precision, own["end"].value)
    kind = "forum" if any(body in forums for body in bodies) else "meeting"
    body = _refs(network, bodies)
    return _item(network, iri, kind, when, roles, body=body[0] if body else None, hosts=_refs(network, hosts))


def _merge(roles: dict[str, set[str]], more: Mapping[str, set[str]]) -> None:
    for org, how in more.items():
        roles[org] |= how


def _takers(network: nx.MultiDiGraph, body: str, owners_only: bool = False) -> dict[str, set[str]]:
    """The organizations taking part in ``body`` (a body or project), and how.

    Owners are followed up through ``org:unitOf`` and ``org:subOrganizationOf``
    (a working committee of an executive board belongs to its municipality).
    """
    takers: dict[str, set[str]] = defaultdict(set)
    seen, todo = {body}, [body]
    while todo:
        current = todo.pop()
        if not owners_only:
            for relation, role in (("seat", "seat"), ("chair", "seat"), ("memberOf", "member")):
                for org in _in(network, current, relation):
                    if _kind(network, org) == "organization":
                        takers[org].add(role)
        for relation in ("unitOf", "partOf", "within"):
            for above in _out(network, current, relation):
                kind = _kind(network, above)
                if kind == "organization":
                    takers[above].add("own_body")
                elif kind == "collaboration" and not owners_only:
                    for org in _members(network, above):
                        takers[org].add("member")
                elif kind == "body" and above not in seen:
                    seen.add(above)
                    todo.append(above)
    return takers


def _members(network: nx.MultiDiGraph, collaboration: str) -> list[str]:
    return [org for org in _in(network, collaboration, "memberOf") if _kind(network, org) == "organization"]


def _concerned(network: nx.MultiDiGraph, thing: str) -> set[str]:
    """The organizations an approved or concerned thing belongs to: parties, members, those it plans for."""
    kind = _kind(network, thing)
    if kind == "agreement":
        return {o for o in _in(network, thing, "party") if _kind(network, o) == "organization"}
    if kind == "collaboration":
        return set(_members(network, thing))
    if kind == "plan":
        found: set[str] = set()
        for target in _out(network, thing, "planOf"):
            if _kind(network, target) == "organization":
                found.add(target)
            elif _kind(network, target) == "collaboration":
                found.update(_members(network, target))
        return found
    return set()
