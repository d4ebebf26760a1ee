"""Talk to an external SPARQL 1.1 engine over HTTP, and read its answers as pyoxigraph reads them.

Oxigraph server, Apache Jena Fuseki, Virtuoso and GraphDB all speak the
SPARQL 1.1 Protocol; the standard library's urllib is all it takes. Every
request has a time limit, and every way it can go wrong (no such host,
connection refused, time-out, an HTTP error, an answer we cannot read)
becomes an :class:`~graph.errors.EndpointError` that names the engine's URL,
never a traceback.

Answers are parsed with :func:`pyoxigraph.parse_query_results` and
:func:`pyoxigraph.parse`, so callers get the result types the embedded store
gives: :class:`~pyoxigraph.QuerySolutions`, :class:`~pyoxigraph.QueryBoolean`
and :class:`~pyoxigraph.QueryTriples`.
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from graph.errors import EndpointError, EndpointTimeout, QuerySyntaxError, SamverkanError

RESULTS_ACCEPT = "application/sparql-results+json, application/sparql-results+xml;q=0.9"
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9"
EXCERPT = 300
"""At most this many characters of an engine's error message are passed on."""


@dataclass(frozen=True)
class Answer:
    """An HTTP response, read whole: its status, media type (without parameters) and body."""

    status: int
    media_type: str
    body: bytes

    def excerpt(self) -> str:
        """The start of the body as one line of text, for error messages."""
        text = " ".join(self.body.decode("utf-8", errors="replace").split())
        return text if len(text) <= EXCERPT else text[:EXCERPT] + "…"


def check_url(url: str, what: str) -> str:
    """``url`` if it is an http(s) URL; urllib would also open ``file:`` and ``ftp:`` ones."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SamverkanError(f"The {what} must be an http:// or https:// URL, not {url!r}.")
    return url


def request(
    method: str, url: str, *, timeout: float, headers: Mapping[str, str], body: bytes | None = None
) -> Answer:
    """Send one request and read the whole answer; HTTP error statuses are answers too."""
    outgoing = urllib.request.Request(url, data=body, headers=dict(headers), method=method)
    try:
        with urllib.request.urlopen(outgoing, timeout=timeout) as response:
            return Answer(response.status, response.headers.get_content_type(), response.read())
    except urllib.error.HTTPError as error:
        with error:
            return Answer(error.code, error.headers.get_content_type(), error.read())
    except TimeoutError:
        raise _timeout(url, timeout) from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise _timeout(url, timeout) from None
        raise EndpointError(f"Cannot reach the SPARQL engine at {url}: {error.reason}.") from None
    except (OSError, http.client.HTTPException) as error:
        raise EndpointError(f"The connection to the SPARQL engine at {url} failed: {error!r}.") from None


def _timeout(url: str, timeout: float) -> EndpointTimeout:
    return EndpointTimeout(f"The SPARQL engine at {url} did not answer within {timeout:g} s.")


def failure(answer: Answer, url: str) -> EndpointError:
    """The error for an answer that is not a success."""
    return EndpointError(f"The SPARQL engine at {url} answered HTTP {answer.status}: {answer.excerpt()}")


class SparqlEndpoint:
    """The query URL of an external engine (SPARQL 1.1 Protocol, query operation)."""

    def __init__(self, url: str, *, timeout: float) -> None:
        self.url = check_url(url, "SPARQL endpoint's query URL")
        self.timeout = timeout

    def query(
        self,
        sparql: str,
        *,
        returns_graph: bool,
        default_graph: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run ``sparql`` (sent as written) on the dataset the graph IRIs name, or the engine's own.

        ``returns_graph`` says whether it is a CONSTRUCT or DESCRIBE query,
        so that the engine is asked for RDF rather than SPARQL results.
        """
        form = [
            ("query", sparql),
            *(("default-graph-uri", iri) for iri in default_graph),
            *(("named-graph-uri", iri) for iri in named_graphs),
        ]
        answer = request(
            "POST",
            self.url,
            timeout=self.timeout,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": GRAPH_ACCEPT if returns_graph else RESULTS_ACCEPT,
            },
            body=urllib.parse.urlencode(form).encode("utf-8"),
        )
        if answer.status == 400:
            raise QuerySyntaxError(f"The SPARQL engine rejected the query: {answer.excerpt()}")
        if answer.status != 200:
            raise failure(answer, self.url)
        return self._graph(answer) if returns_graph else self._results(answer)

    def _results(self, answer: Answer) -> ox.QuerySolutions | ox.QueryBoolean:
        """SELECT or ASK results; checked whole first, since the parser is lazy.

        A bad row found later, while the caller iterates, would surface as a
        bare ``SyntaxError`` far from here; parsing twice costs little.
        """
        format = ox.QueryResultsFormat.from_media_type(answer.media_type)
        if format is None:
            raise self._unreadable(answer, f"results in {answer.media_type}")
        problem = _problem_in_results(answer.body, format)
        if problem is not None:
            raise self._unreadable(answer, f"malformed results ({problem})")
        return ox.parse_query_results(answer.body, format)

    def _graph(self, answer: Answer) -> ox.QueryTriples:
        """CONSTRUCT or DESCRIBE triples, as the :class:`~pyoxigraph.QueryTriples` the embedded store gives.

        pyoxigraph makes that type only as a query's answer, so the triples
        are put in a store of their own, in memory, and read back out.
        """
        format = ox.RdfFormat.from_media_type(answer.media_type)
        if format is None:
            raise self._unreadable(answer, f"a graph in {answer.media_type}")
        holder = ox.Store()
        try:
            holder.bulk_extend(ox.parse(answer.body, format=format, without_named_graphs=True))
        except SyntaxError as error:
            raise self._unreadable(answer, f"a malformed graph ({error})") from None
        result = holder.query("CONSTRUCT WHERE { ?s ?p ?o }")
        assert isinstance(result, ox.QueryTriples)
        return result

    def _unreadable(self, answer: Answer, what: str) -> EndpointError:
        return EndpointError(f"The SPARQL engine at {self.url} answered with {what}, which cannot be read.")


def _problem_in_results(body: bytes, format: ox.QueryResultsFormat) -> str | None:
    """What is wrong with ``body`` read whole, or ``None``.

    It returns rather than raises so that no traceback keeps this frame,
    and with it the parsed results, alive: pyoxigraph's results must be
    dropped by the thread that made them, and a traceback's frames may be
    freed by any thread's garbage collection.
    """
    try:
        results = ox.parse_query_results(body, format)
        if isinstance(results, ox.QuerySolutions):
            for _ in results:
                pass
    except SyntaxError as error:
        return str(error)
    return None
