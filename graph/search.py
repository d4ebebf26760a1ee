"""Name search with suggestions, over Swedish and English labels, other names and abbreviations.

Matching ignores case and accents ("sodert" finds "Södertörns högskola" and
"Södertälje kommun"). Better matches come first:

0. the whole name or abbreviation ("KI" finds Karolinska Institutet first),
1. the start of a name,
2. the start of a word in a name,
3. anywhere in a name;

then organizations before other kinds (see :data:`KIND_ORDER`), then shorter
names, then alphabetical. Build the :class:`SearchIndex` once per network;
each suggestion is then a scan of prepared strings.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graph.network import KIND, ExploreError, check_lang

MAX_QUERY = 100
"""Longer queries are cut to this many characters."""

KIND_ORDER = (
    "organization",
    "collaboration",
    "agreement",
    "body",
    "area",
    "person",
    "decision",
    "plan",
    "project",
    "event",
    "post",
    "document",
)
"""Kinds in the order their matches are offered when the match is equally good."""

_WORD_START = re.compile(r"(?:^|[\s\-–(/,.:;\"'])(?=\w)")


def normalize(text: str) -> str:
    """``text`` without case, accents or extra whitespace: "Södertörns  Högskola" -> "sodertorns hogskola"."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


@dataclass(frozen=True)
class Entry:
    iri: str
    kind: str
    labels: dict[str, str]
    names: tuple[tuple[str, str, bool], ...]  # (normalized, original, is_abbreviation)
    word_starts: tuple[frozenset[int], ...]


class SearchIndex:
    """The prepared names of every node of a network."""

    def __init__(self, network: nx.MultiDiGraph) -> None:
        entries = []
        for iri, data in network.nodes(data=True):
            names: dict[str, tuple[str, bool]] = {}
            for original in data["abbreviations"]:
                names.setdefault(normalize(original), (original, True))
            for original in (*data["labels"].values(), *data["alt_labels"]):
                names.setdefault(normalize(original), (original, False))
            prepared = tuple(
                (key, original, abbreviation) for key, (original, abbreviation) in names.items() if key
            )
            entries.append(
                Entry(
                    iri,
                    data["kind"],
                    dict(data["labels"]),
                    prepared,
                    tuple(frozenset(m.end() for m in _WORD_START.finditer(key)) for key, _, _ in prepared),
                )
            )
        self.entries = tuple(entries)

    def suggest(
        self, query: str, lang: str = "sv", limit: int = 10, kinds: frozenset[str] | set[str] | None = None
    ) -> list[dict[str, Any]]:
        """The best ``limit`` matches for ``query``: ``[{iri, kind, kind_label, label, matched, rank}]``.

        ``matched`` is the name that matched when it is not the label shown
        (an abbreviation, the other language's label, another name).
        """
        check_lang(lang)
        if not 1 <= limit <= 100:
            raise ExploreError("limit must be between 1 and 100.")
        if kinds is not None and set(kinds) - set(KIND):
            raise ExploreError(f"Unknown kind(s) {', '.join(sorted(set(kinds) - set(KIND)))}.")
        wanted = normalize(query[:MAX_QUERY])
        if not wanted:
            return []
        ranked = []
        for entry in self.entries:
            if kinds is not None and entry.kind not in kinds:
                continue
            best = None
            for (name, original, abbreviation), starts in zip(entry.names, entry.word_starts, strict=True):
                rank = _rank(wanted, name, starts)
                if rank is None:
                    continue
                key = (rank, 0 if abbreviation else 1, len(name))
                if best is None or key < best[0]:
                    best = (key, original)
            if best is not None:
                (rank, _, length), original = best
                label = entry.labels[lang]
                order = (rank, KIND_ORDER.index(entry.kind), length, label.casefold(), entry.iri)
                ranked.append((order, entry, original))
        ranked.sort(key=lambda item: item[0])
        return [
            {
                "iri": entry.iri,
                "kind": entry.kind,
                "kind_label": KIND[entry.kind].label(lang),
                "label": entry.labels[lang],
                "matched": None if original == entry.labels[lang] else original,
                "rank": order[0],
            }
            for order, entry, original in ranked[:limit]
        ]


def _rank(wanted: str, name: str, word_starts: frozenset[int]) -> int | None:
    if name == wanted:
        return 0
    if name.startswith(wanted):
        return 1
    position = name.find(wanted)
    if position < 0:
        return None
    while position >= 0:
        if position in word_starts:
            return 2
        position = name.find(wanted, position + 1)
    return 3
