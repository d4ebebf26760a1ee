"""The timeline page (``/timeline``): agreements, decisions, meetings and forums by year.

``?org=<iri>`` keeps the items an organization takes part in (see
:mod:`graph.timeline` for what counts) and says how it takes part;
``?year=YYYY`` keeps one year. The timeline is read once per network (once
per build of the store) and kept. A page lists at most :data:`PAGE_LIMIT`
items, and says so, pointing to the years and organizations that narrow it.
"""

from __future__ import annotations

import threading
from itertools import groupby

import networkx as nx
from flask import Blueprint, current_app, render_template, request

from graph.timeline import ROLES, Item, Ref, Timeline, read_timeline
from webapp.i18n import current_lang
from webapp.network_cache import get_network
from webapp.params import fail, node_or_fail
from webapp.store import get_store
from graph.language import collation_key

bp = Blueprint("timeline", __name__)

PAGE_LIMIT = 1000
"""At most this many items on one page: a national graph's timeline is narrowed by year or organization."""

EXTENSION = "samverkan_timeline"


class TimelineCache:
    """The timeline of the app's current network; read again when the network is."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cached: tuple[nx.MultiDiGraph, Timeline] | None = None

    def get(self, network: nx.MultiDiGraph) -> Timeline:
        with self._lock:
            if self._cached is None or self._cached[0] is not network:
                self._cached = (network, read_timeline(get_store(), network))
            return self._cached[1]


def get_timeline() -> Timeline:
    cache: TimelineCache = current_app.extensions.setdefault(EXTENSION, TimelineCache())
    return cache.get(get_network())


@bp.get("/timeline")
def index() -> str:
    lang = current_lang()
    network = get_network()
    timeline = get_timeline()
    org = (request.args.get("org") or "").strip() or None
    if org is not None:
        node_or_fail(network, "org", org, "organization")
    year = _year_or_fail()
    items = list(timeline.items) if org is None else timeline.for_organization(org)
    years = [(key, len(list(group))) for key, group in groupby(items, key=_year_of)]
    if year is not None:
        items = [item for item in items if item.when is not None and item.when.year == year]
    shown = items[:PAGE_LIMIT]
    organizations = sorted(
        timeline.organizations.values(), key=lambda ref: (collation_key(ref.label(lang), lang), ref.iri)
    )
    chosen = timeline.organizations.get(org) if org else None
    if org is not None and chosen is None:  # an organization that takes part in nothing dated here
        data = network.nodes[org]
        chosen = Ref(org, dict(data["labels"]), frozenset(data["fallback"]))
        organizations.insert(0, chosen)
    return render_template(
        "timeline.html",
        groups=[(key, list(group)) for key, group in groupby(shown, key=_year_of)],
        total=len(items),
        shown=len(shown),
        years=years,
        year=year,
        org=chosen,
        organizations=organizations,
        counts=timeline.counts,
        roles=ROLES,
    )


def _year_of(item: Item) -> int | None:
    return item.when.year if item.when is not None else None


def _year_or_fail() -> int | None:
    value = (request.args.get("year") or "").strip()
    if not value:
        return None
    if not (len(value) == 4 and value.isdigit()):
        fail(400, "error_bad_year", value=value)
    return int(value)
