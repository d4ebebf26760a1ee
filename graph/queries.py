"""The example queries shipped with the package, and how a user names a query.

Each shipped query is a file ``graph/queries/NN-name.rq`` that starts with a
comment header::

    # title@sv: Huddinge kommuns partner
    # title@en: Huddinge's partners
    # description@sv: ...
    # description@en: ...

The command line, the web app and the tests all read these same files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from graph.errors import SamverkanError, UnknownQuery
from graph.namespaces import CANONICAL, Site

QUERY_DIR = Path(__file__).parent / "queries"

_HEADER = re.compile(r"#\s*(title|description)@([A-Za-z-]+)\s*:\s*(.*\S)")
_NUMBER = re.compile(r"(\d+)-")


@dataclass(frozen=True)
class Query:
    """A shipped query: its name (the file stem), SPARQL text and titles and descriptions by language."""

    name: str
    sparql: str
    titles: dict[str, str]
    descriptions: dict[str, str]

    @property
    def number(self) -> int | None:
        """The ``NN`` of ``NN-name``, so ``01`` and ``1`` both find it."""
        match = _NUMBER.match(self.name)
        return int(match.group(1)) if match else None

    @classmethod
    def from_file(cls, path: Path) -> Query:
        sparql = path.read_text(encoding="utf-8")
        fields: dict[str, dict[str, str]] = {"title": {}, "description": {}}
        for line in sparql.splitlines():
            if not line.startswith("#"):
                break
            match = _HEADER.fullmatch(line.strip())
            if match:
                key, lang, text = match.groups()
                fields[key][lang] = text
        return cls(path.stem, sparql, fields["title"], fields["description"])

    def for_site(self, site: Site) -> Query:
        """This query with the IRIs it names moved to ``site``'s base, as that deployment minted them."""
        return replace(self, sparql=site.rebase_text(self.sparql))


def shipped(directory: Path = QUERY_DIR) -> list[Query]:
    """Every shipped query, in file name order."""
    return [Query.from_file(path) for path in sorted(directory.glob("*.rq"))]


def find(name: str, directory: Path = QUERY_DIR) -> Query:
    """The shipped query called ``name`` or numbered ``name``."""
    for query in shipped(directory):
        if name == query.name or (name.isdigit() and int(name) == query.number):
            return query
    known = ", ".join(query.name for query in shipped(directory)) or "none"
    raise UnknownQuery(f"No query called {name!r}. Shipped queries: {known}.")


def resolve(query: str, directory: Path = QUERY_DIR, site: Site = CANONICAL) -> str:
    """The SPARQL text meant by ``query``: a file, a query written out, or a shipped query's name."""
    path = Path(query)
    try:
        is_file = path.is_file()
    except OSError:  # a query written out, too long to be a file name
        is_file = False
    if is_file:
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise SamverkanError(f"Cannot read the query file {path}: {error}") from None
    if "{" in query or any(c.isspace() for c in query):
        return query
    if "/" in query or path.suffix:
        raise SamverkanError(f"No such query file: {path}")
    return find(query, directory).for_site(site).sparql
