"""The seed documents ingested and compared, field by field, with the curated data made from them.

The seeds folder sits beside the checkout (``../shared/seeds``); without it
these tests are skipped with a note. Every compared field is printed with
both values (run with ``-s`` to see them, or read them under a failure);
the fields the ingest must get right are asserted.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF
from rdflib.term import Node

from graph.ingest.command import ingest
from graph.namespaces import SV
from graph.settings import Settings
from graph.sources import discover, load

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
MINUTES = {
    "000_4f69f4bd75aaebf5.txt": "huddinge-kf-2021-10-04-p13",
    "001_ed96223cfe99b474.txt": "huddinge-ksau-2022-06-08-p6",
}
AGREEMENT = ("003_40921c26709ce0b8.txt", "huddinge-karolinska-institutet-samverkansavtal")
DECISION_FIELDS = (SV.paragraph, SV.diaryNumber, DCTERMS.date, SV.decidedBy, SV.sentTo)
SHOWN_DECISION_FIELDS = (SV.atMeeting, SV.proposesTo, SV.onProposalOf, SV.approves, SV.concerns, SV.basedOn)


@pytest.fixture(scope="module")
def seeds_drafted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"the seeds folder {SEEDS} is not here, so there is nothing to compare the curated data with")
    out = tmp_path_factory.mktemp("drafts")
    files = [SEEDS / name for name in (*MINUTES, AGREEMENT[0])]
    settings = Settings.load({"root": str(REPO)}, environ={})
    result = CliRunner().invoke(ingest, [*map(str, files), "--out", str(out), "--seeds", str(SEEDS)], obj=settings)
    assert result.exit_code == 0, result.output
    print(result.stdout)
    return out


@pytest.fixture(scope="module")
def curated() -> dict[str, Graph]:
    loaded = load(discover(REPO))
    return {file.path.stem: loaded.graph(file.graph) for file in loaded.project.data}


def values(graph: Graph, subject: Node, prop: URIRef) -> set[str]:
    return {str(v) for v in graph.objects(subject, prop)}


def speakers(graph: Graph, decision: Node) -> set[str]:
    interventions = graph.objects(decision, SV.hasIntervention)
    return {f"{graph.value(i, SV.speaker)} ({graph.value(i, SV.speakerParty)})" for i in interventions}


def signatures(graph: Graph, agreement: Node) -> set[str]:
    signed = graph.objects(agreement, SV.hasSignature)
    return {f"{graph.value(s, SV.signatory)} for {graph.value(s, SV.signedFor)}" for s in signed}


def compare(rows: list[tuple[str, set[str], set[str]]]) -> list[str]:
    """Print every compared field, and return those that differ."""
    differences = []
    for field, drafted, expected in rows:
        mark = "same" if drafted == expected else "DIFFERENT"
        print(f"{mark:>9}  {field}\n           draft:   {sorted(drafted)}\n           curated: {sorted(expected)}")
        if drafted != expected:
            differences.append(field)
    return differences


@pytest.mark.parametrize(("seed", "slug"), MINUTES.items())
def test_minute_decisions_match_the_curated_data(
    seeds_drafted: Path, curated: dict[str, Graph], seed: str, slug: str
) -> None:
    draft = Graph().parse(seeds_drafted / f"{slug}.ttl", format="turtle")
    expected = curated[slug]
    decisions = set(draft.subjects(RDF.type, SV.MinutedDecision))
    assert decisions == set(expected.subjects(RDF.type, SV.MinutedDecision))
    rows, required = [], []
    for decision in sorted(decisions):
        for prop in (*DECISION_FIELDS, *SHOWN_DECISION_FIELDS):
            rows.append((f"{decision} {prop}", values(draft, decision, prop), values(expected, decision, prop)))
            if prop in DECISION_FIELDS:
                required.append(rows[-1][0])
        rows.append((f"{decision} speakers and parties", speakers(draft, decision), speakers(expected, decision)))
    document = URIRef(f"https://w3id.org/samverkan/id/document/{slug}")
    for prop in (SV.seedFile, DCTERMS.creator, DCTERMS.title):
        rows.append((f"{document} {prop}", values(draft, document, prop), values(expected, document, prop)))
    required.append(f"{document} {SV.seedFile}")
    differences = compare(rows)
    assert [d for d in differences if d in required] == []
    assert values(draft, document, SV.seedFile) == {seed}


def test_agreement_parties_and_numbers_match_the_curated_data(seeds_drafted: Path, curated: dict[str, Graph]) -> None:
    seed, slug = AGREEMENT
    draft = Graph().parse(seeds_drafted / f"{slug}.ttl", format="turtle")
    expected, organizations = curated[slug], curated["organizations"]
    agreement = URIRef(f"https://w3id.org/samverkan/id/agreement/{slug}")
    parties = values(draft, agreement, SV.party)
    rows = [(f"{agreement} sv:party", parties, values(expected, agreement, SV.party))]
    for party in sorted(parties):
        rows.append((f"{party} sv:organizationNumber", values(draft, URIRef(party), SV.organizationNumber),
                     values(organizations, URIRef(party), SV.organizationNumber)))  # fmt: skip
    required = {row[0] for row in rows}
    shown = (SV.area, SV.form, SV.openEnded, SV.terminationInWriting, SV.amendmentInWriting, SV.numberOfCopies)
    for prop in (*shown, SV.establishes):
        rows.append((f"{agreement} {prop}", values(draft, agreement, prop), values(expected, agreement, prop)))
    rows.append((f"{agreement} signatures", signatures(draft, agreement), signatures(expected, agreement)))
    document = URIRef(f"https://w3id.org/samverkan/id/document/{slug}")
    seed_files = (values(draft, document, SV.seedFile), values(expected, document, SV.seedFile))
    rows.append((f"{document} sv:seedFile", *seed_files))
    differences = compare(rows)
    assert [d for d in differences if d in required] == []
    assert seed in values(draft, document, SV.seedFile)
