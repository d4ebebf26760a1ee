"""Whatever text a user hands ``samverkan ingest``, it drafts or says why not, and its quotes are exact.

Documents are built from the lines of our fixtures, shuffled, cut and mixed
with arbitrary text: half-recognisable minutes and agreements, which is
where a parser breaks. Each either gives a draft whose Turtle parses and
whose every excerpt quotes the document at the positions it names, or a
user error (no traceback).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.namespace import RDF

from graph.errors import SamverkanError
from graph.ingest.catalogue import Catalogue
from graph.ingest.drafting import OA
from graph.ingest.pipeline import Ingester

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
FIXTURE_TEXTS = [path.read_bytes().decode("utf-8", "replace").splitlines() for path in sorted(FIXTURES.glob("*.txt"))]
FIXTURE_LINES = sorted({line for lines in FIXTURE_TEXTS for line in lines})
NOISE = st.text(alphabet=st.sampled_from(list("§()-–:./0123456789 abcåäöKSDnr\f\t\u00a0\u00ad")), max_size=40)


@st.composite
def damaged(draw: st.DrawFn) -> str:
    """A fixture with lines dropped, and noise or other fixtures' lines put in."""
    lines = list(draw(st.sampled_from(FIXTURE_TEXTS)))
    for index in sorted(draw(st.sets(st.integers(0, len(lines) - 1), max_size=6)), reverse=True):
        del lines[index]
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(lines)))
        lines.insert(at, draw(st.one_of(NOISE, st.sampled_from(FIXTURE_LINES))))
    return "\n".join(lines)


DOCUMENTS = st.one_of(
    damaged(),
    st.lists(st.one_of(st.sampled_from(FIXTURE_LINES), NOISE), min_size=1, max_size=60).map("\n".join),
)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.load(REPO)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=DOCUMENTS)
def test_any_text_gives_a_faithful_draft_or_a_clear_error(catalogue: Catalogue, document: str) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "dokument.txt"
        path.write_text(document, encoding="utf-8")
        ingester = Ingester(root=REPO, out=Path(directory) / "drafts", seeds=None, catalogue=catalogue, check=False)
        try:
            written = ingester.ingest(path)
        except SamverkanError as error:
            assert str(error).startswith(str(path))
            assert not (Path(directory) / "drafts").exists()
            return
        g = Graph().parse(written.draft, format="turtle")
        text = path.read_bytes().decode("utf-8-sig")
        for excerpt in g.subjects(RDF.type, OA.SpecificResource):
            selectors = list(g.objects(excerpt, OA.hasSelector))
            [start] = [int(v) for s in selectors for v in g.objects(s, OA.start)]
            [end] = [int(v) for s in selectors for v in g.objects(s, OA.end)]
            [quote] = [str(v) for s in selectors for v in g.objects(s, OA.exact)]
            assert text[start:end] == quote
