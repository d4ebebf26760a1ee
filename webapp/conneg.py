"""Content negotiation for documents served at an IRI: HTML for people, RDF for machines.

One pattern everywhere (W3C "Cool URIs for the Semantic Web", direct
negotiation with ``Content-Location``): the IRI answers 200 in the chosen
format itself, says which variant it sent in ``Content-Location`` (the IRI's
path plus the variant's extension), lists every variant in a ``Link``
header (``rel="alternate"``) and sends ``Vary: Accept``.

The RDF formats are :mod:`graph.media`'s graph formats (Turtle, N-Triples,
JSON-LD, RDF/XML, N-Quads, TriG); HTML is added here. The choice, in order:

1. a file extension on the path (``.ttl``, ``.nt``, ``.jsonld``, ``.rdf``,
   ``.nq``, ``.trig``, ``.html``),
2. ``?format=`` (a name or media type of :mod:`graph.media`, or ``html``),
3. ``Accept``, read by werkzeug: the highest quality wins; on a tie the
   first offered, Turtle. A browser (which ranks ``text/html`` first) gets
   HTML; ``*/*`` (curl's default), an empty header, an unparseable one or
   one that offers nothing we have (``image/png``) gets Turtle: a client
   that states a preference we cannot read is a machine.
   A request with no ``Accept`` header at all gets HTML, as every page of
   the app always has (plain links, old clients, the app's own tests).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Request

from graph.media import FORMATS, Format

HTML = Format(("html", "htm"), "text/html", "graph", ("application/xhtml+xml",))
"""The page for people: not an RDF format, but a variant like the others here."""

RDF_FORMATS: tuple[Format, ...] = tuple(fmt for fmt in FORMATS if fmt.kind == "graph")
DEFAULT = RDF_FORMATS[0]
"""Turtle: what a client that states no preference gets."""

EXTENSIONS: dict[str, Format] = {
    "ttl": next(f for f in RDF_FORMATS if f.media_type == "text/turtle"),
    "nt": next(f for f in RDF_FORMATS if f.media_type == "application/n-triples"),
    "jsonld": next(f for f in RDF_FORMATS if f.media_type == "application/ld+json"),
    "rdf": next(f for f in RDF_FORMATS if f.media_type == "application/rdf+xml"),
    "nq": next(f for f in RDF_FORMATS if f.media_type == "application/n-quads"),
    "trig": next(f for f in RDF_FORMATS if f.media_type == "application/trig"),
    "html": HTML,
}
"""File extension -> format; the first extension of a format is the one ``Content-Location`` uses."""

VARIANTS: tuple[Format, ...] = (*RDF_FORMATS, HTML)


def extension(fmt: Format) -> str:
    return next(ext for ext, f in EXTENSIONS.items() if f == fmt)


def split_extension(path: str) -> tuple[str, Format | None]:
    """``path`` without a known extension, and the format it names (``None`` if it has none)."""
    stem, dot, ext = path.rpartition(".")
    if dot and stem and "/" not in ext and ext.lower() in EXTENSIONS:
        return stem, EXTENSIONS[ext.lower()]
    return path, None


class UnknownFormat(ValueError):
    """``?format=`` named no format we serve."""


def by_name(name: str) -> Format:
    wanted = name.strip().lower()
    for fmt in VARIANTS:
        if wanted in fmt.names or wanted == fmt.media_type or wanted in fmt.aliases:
            return fmt
    raise UnknownFormat(name)


def choose(request: Request, from_extension: Format | None = None) -> Format:
    """The variant to answer ``request`` with (see the module's notes for the order)."""
    if from_extension is not None:
        return from_extension
    requested = request.args.get("format")
    if requested:
        return by_name(requested)
    if "Accept" not in request.headers:
        return HTML
    try:
        accept = request.accept_mimetypes
        offered = {media_type: fmt for fmt in (DEFAULT, HTML, *RDF_FORMATS[1:]) for media_type in (fmt.media_type, *fmt.aliases)}
        best = accept.best_match(list(offered))
    except Exception:  # an Accept header werkzeug cannot read is no preference
        return DEFAULT
    return offered[best] if best else DEFAULT


@dataclass(frozen=True)
class Variants:
    """The variants of the document at ``path`` (a URL path without extension)."""

    path: str

    def location(self, fmt: Format) -> str:
        return f"{self.path}.{extension(fmt)}"

    def alternates(self) -> list[tuple[str, str]]:
        """(URL, media type) of every variant."""
        return [(self.location(fmt), fmt.media_type) for fmt in VARIANTS]

    def link_header(self) -> str:
        return ", ".join(f'<{url}>; rel="alternate"; type="{media_type}"' for url, media_type in self.alternates())

    def headers(self, fmt: Format) -> dict[str, str]:
        return {
            "Content-Location": self.location(fmt),
            "Vary": "Accept",
            "Link": self.link_header(),
        }


def content_type(fmt: Format) -> str:
    """The Content-Type header for ``fmt`` (text formats in UTF-8)."""
    return f"{fmt.media_type}; charset=utf-8"


def not_found_body(fmt: Format, iri: str) -> bytes:
    """A 404's body in ``fmt`` (not HTML): a comment where the syntax has them, JSON for JSON-LD."""
    import json

    if fmt.media_type == "application/ld+json":
        return json.dumps({"error": "not found", "status": 404, "iri": iri}).encode()
    if fmt.media_type == "application/rdf+xml":
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n'
            f"<!-- Not found: the graph says nothing about {iri.replace('--', '-&#45;')} -->\n"
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n'
        ).encode()
    return f"# Not found: the graph says nothing about <{iri}>.\n".encode()
