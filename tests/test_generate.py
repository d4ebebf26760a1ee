"""The benchmark generator writes a valid, realistic, reproducible project, and plants exactly the defects it lists.

The generator runs as a benchmark runs it, ``python -m benchmarks.generate``
in a subprocess; what it writes is read back with Oxigraph and checked with
the project's own validation (pySHACL), at sizes of 10,000 to 50,000 triples
so that the module runs in seconds.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.sources import discover, load
from graph.validate import validate

REPO = Path(__file__).resolve().parent.parent
SMALL = 10_000

PREFIXES = """
PREFIX sv: <https://w3id.org/samverkan/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def generate(out: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """Run the generator's command line into ``out``."""
    return subprocess.run(
        [sys.executable, "-m", "benchmarks.generate", "--out", str(out), *options],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )


def generated(out: Path, triples: int, seed: int, defects: int = 0) -> Path:
    result = generate(out, "--triples", str(triples), "--seed", str(seed), "--defects", str(defects))
    assert result.returncode == 0, result.stderr
    return out


def read_store(root: Path) -> ox.Store:
    """The project's data files in one in-memory store: the union of its named graphs, duplicates merged."""
    store = ox.Store()
    for path in sorted((root / "data").glob("*.ttl")):
        store.bulk_load(path=path, format=ox.RdfFormat.TURTLE)
    return store


def select(store: ox.Store, query: str) -> list[tuple[str, ...]]:
    return [tuple(term.value for term in row) for row in store.query(PREFIXES + query)]


def file_bytes(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted([*root.glob("data/*.ttl"), root / "generated.json", root / "defects.json"])
    }


def luhn_ok(number: str) -> bool:
    """The organisationsnummer rule, written independently of the generator."""
    digits = [int(c) for c in number.replace("-", "")]
    doubled = [d * 2 - 9 if d * 2 > 9 else d * 2 for d in digits[0::2]]
    return (sum(doubled) + sum(digits[1::2])) % 10 == 0


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated(tmp_path_factory.mktemp("generated") / "project", SMALL, 1)


@pytest.fixture(scope="module")
def small_store(small: Path) -> ox.Store:
    return read_store(small)


def test_a_10k_project_passes_the_projects_validation(small: Path) -> None:
    violations = validate(load(discover(small)))
    assert [v.render() for v in violations] == []


def test_the_project_is_laid_out_as_samverkan_finds_projects(small: Path) -> None:
    assert (small / "ontology").is_symlink() and (small / "ontology").resolve() == REPO / "ontology"
    assert (small / "shapes").is_symlink() and (small / "shapes").resolve() == REPO / "shapes"
    assert (small / "data" / "concepts.ttl").read_bytes() == (REPO / "data" / "concepts.ttl").read_bytes()
    summary = json.loads((small / "generated.json").read_text(encoding="utf-8"))
    generated_files = {name: count for name, count in summary["files"].items() if name != "data/concepts.ttl"}
    assert len(generated_files) >= 3  # organizations and at least two files of documents
    assert min(generated_files.values()) >= 2_000
    assert sorted(generated_files) == sorted(f"data/{p.name}" for p in (small / "data").glob("*.ttl")
                                             if p.name != "concepts.ttl")
    assert summary["seed"] == 1 and summary["target_triples"] == SMALL
    assert summary["classes"]["sv:Municipality"] == 290
    assert summary["classes"]["sv:Agreement"] > 0 and summary["classes"]["sv:MinutedDecision"] > 0


def test_the_triple_count_lands_within_ten_percent_and_is_reported_exactly(small: Path, small_store: ox.Store) -> None:
    summary = json.loads((small / "generated.json").read_text(encoding="utf-8"))
    assert len(small_store) == summary["triples"]
    assert abs(summary["triples"] - SMALL) <= SMALL // 10
    for name, count in summary["files"].items():
        assert sum(1 for _ in ox.parse(path=small / name, format=ox.RdfFormat.TURTLE)) == count, name


def test_the_command_prints_the_actual_count(tmp_path: Path) -> None:
    result = generate(tmp_path / "p", "--triples", "12000", "--seed", "5")
    summary = json.loads((tmp_path / "p" / "generated.json").read_text(encoding="utf-8"))
    assert result.returncode == 0
    assert f"Wrote {summary['triples']} triples (target 12000, seed 5)" in result.stdout


def test_same_seed_gives_the_same_bytes_and_another_seed_other_data(tmp_path: Path) -> None:
    first = file_bytes(generated(tmp_path / "a", SMALL, 7, defects=1))
    again = file_bytes(generated(tmp_path / "b", SMALL, 7, defects=1))
    assert first == again
    other = file_bytes(generated(tmp_path / "a", SMALL, 8, defects=1))  # also replaces the earlier project
    assert other.keys() >= {"data/organizations.ttl", "data/documents-01.ttl"}
    assert all(other[name] != first[name] for name in ("data/organizations.ttl", "data/documents-01.ttl"))


def test_organization_numbers_carry_a_correct_luhn_digit(small_store: ox.Store) -> None:
    numbers = [n for (n,) in select(small_store, "SELECT ?n { ?org sv:organizationNumber ?n }")]
    assert len(numbers) > 400
    assert len(set(numbers)) == len(numbers)
    assert all(len(n) == 11 and n[6] == "-" for n in numbers)
    assert [n for n in numbers if not luhn_ok(n)] == []


def test_municipalities_have_four_digit_codes_in_the_21_counties(small_store: ox.Store) -> None:
    codes = [c for (c,) in select(small_store, "SELECT ?c { ?m a sv:Municipality ; sv:municipalityCode ?c }")]
    assert len(codes) == len(set(codes)) == 290
    assert all(len(c) == 4 and c.isdigit() for c in codes)
    assert len({c[:2] for c in codes}) == 21


def test_agreements_have_two_to_six_parties(small_store: ox.Store) -> None:
    counts = [int(n) for (_, n) in select(small_store, "SELECT ?a (COUNT(?p) AS ?n) { ?a a sv:Agreement ; sv:party ?p } GROUP BY ?a")]
    assert counts and min(counts) >= 2 and max(counts) <= 6


def test_dates_fall_between_2000_and_2030(small_store: ox.Store) -> None:
    dates = [v for (v,) in select(small_store, """
        SELECT ?v { ?s ?p ?v FILTER(isLiteral(?v) && DATATYPE(?v) IN (xsd:date, xsd:gYear, xsd:gYearMonth)) }""")]
    assert len(dates) > 100
    assert {int(v[:4]) for v in dates} <= set(range(2000, 2031))


def test_everything_named_has_one_swedish_and_one_english_label(small_store: ox.Store) -> None:
    unbalanced = select(small_store, """
        SELECT ?s { ?s rdfs:label ?l }
        GROUP BY ?s HAVING (SUM(IF(LANG(?l) = "sv", 1, 0)) != 1 || SUM(IF(LANG(?l) = "en", 1, 0)) != 1)""")
    unnamed = select(small_store, "SELECT DISTINCT ?s { ?s a ?class FILTER NOT EXISTS { ?s rdfs:label ?l } }")
    assert unbalanced == [] and unnamed == []


def test_every_document_fact_points_to_a_source_document(small_store: ox.Store) -> None:
    missing = select(small_store, """
        SELECT ?s { ?s a ?class VALUES ?class { sv:Agreement sv:MinutedDecision sv:Seat sv:Meeting sv:Goal }
                    FILTER NOT EXISTS { ?s <http://www.w3.org/ns/prov#wasDerivedFrom> ?doc . ?doc a sv:SourceDocument } }""")
    assert missing == []


def test_planted_defects_are_exactly_what_validation_reports(tmp_path: Path) -> None:
    root = generated(tmp_path / "broken", SMALL, 3, defects=2)
    planted = json.loads((root / "defects.json").read_text(encoding="utf-8"))
    kinds = Counter(d["kind"] for d in planted)
    assert len(kinds) >= 6 and set(kinds.values()) == {2}
    shapes = {d["shape"] for d in planted}
    assert shapes >= {  # whole-graph SPARQL-target checks as well as plain SHACL constraints
        "svsh:OrganizationNumberCheckDigitShape", "svsh:ChairSeatInBodyShape", "svsh:MeetingEndAfterStartShape",
        "svsh:BudgetTotalsShape", "svsh:LabelEnglish", "svsh:DecisionShape", "svsh:MunicipalityShape",
    }

    violations = validate(load(discover(root)))
    reported = Counter((v.focus, v.source_shape, v.path) for v in violations)
    expected: Counter[tuple[str, str, str]] = Counter()
    for defect in planted:
        expected[(defect["focus"], defect["shape"], defect["path"])] += defect["results"]
    assert reported == expected
    files = {(d["focus"], d["path"]): d["file"] for d in planted}
    assert all(v.files == (files[(v.focus, v.path)],) for v in violations)
    summary = json.loads((root / "generated.json").read_text(encoding="utf-8"))
    assert abs(summary["triples"] - SMALL) <= SMALL // 10


def test_partner_counts_are_long_tailed(tmp_path: Path) -> None:
    """A few hubs with very many partners, most organizations with a handful.

    Measured at this size: drawn with equal weights, the top 5% hold 12-15% of
    the partner links and the largest count is 4-7 times the median; with the
    generator's heavy-tailed weights, 22-23% and 8-19 times.
    """
    store = read_store(generated(tmp_path / "network", 50_000, 1))
    partners = sorted((int(n) for (_, n) in select(store, """
        SELECT ?org (COUNT(DISTINCT ?other) AS ?n) { ?a sv:party ?org , ?other FILTER(?org != ?other) } GROUP BY ?org""")),
        reverse=True)
    assert len(partners) > 100
    assert statistics.median(partners) <= 5
    assert partners[0] >= 8 * statistics.median(partners)
    assert sum(partners[: len(partners) // 20]) >= 0.2 * sum(partners)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--triples", "100"], "Invalid value for '--triples'"),
        (["--triples", "10000", "--defects", "50"], "--defects 50 is too many for --triples 10000"),
        (["--triples", "ten"], "Invalid value for '--triples'"),
    ],
)
def test_bad_options_get_a_clear_message(tmp_path: Path, options: list[str], message: str) -> None:
    result = generate(tmp_path / "p", *options)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "p").exists()


def test_a_directory_holding_other_files_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = generate(tmp_path, "--triples", "10000")
    assert result.returncode == 2
    assert "is not empty and was not written by this generator" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
