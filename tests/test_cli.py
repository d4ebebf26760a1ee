"""The samverkan command as a user runs it: output, exit status, and clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import samverkan

from graph import queries
from graph.cli import main
from graph.settings import Settings
from graph.store import Store


def invoke(runner: CliRunner, settings: Settings, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(main, ["--root", str(settings.root), *args])


def test_help_everywhere(runner: CliRunner) -> None:
    for command in ([], ["build"], ["validate"], ["query"], ["stats"], ["serve"]):
        result = runner.invoke(main, [*command, "--help"])
        assert result.exit_code == 0 and "Usage: " in result.stdout


def test_build_reports_what_it_wrote(tmp_path: Path) -> None:
    from conftest import REPO, copy_project

    root = copy_project(REPO, tmp_path / "project")
    result = samverkan("--root", str(root), "build")
    assert result.returncode == 0, result.stderr
    store = Store.open_read_only(root / "var" / "store")
    assert (
        f"Built {store.triple_count()} triples in {len(store.graph_counts())} named graphs" in result.stdout
    )


def test_stats_matches_the_store(runner: CliRunner, built: Settings, store: Store) -> None:
    result = invoke(runner, built, "stats")
    assert result.exit_code == 0
    assert f"triples (distinct, all graphs)  {store.triple_count()}\n" in result.stdout
    for graph, count in store.graph_counts().items():
        assert f"{count:>8}  {graph}" in result.stdout


@pytest.mark.parametrize("output", ["table", "csv", "tsv", "json"])
def test_query_in_each_format(runner: CliRunner, built: Settings, store: Store, output: str) -> None:
    result = invoke(runner, built, "query", "SELECT (COUNT(*) AS ?n) { ?s a ?class }", "--format", output)
    assert result.exit_code == 0, result.output
    expected = next(iter(store.select("SELECT (COUNT(*) AS ?n) { ?s a ?class }")))["n"].value
    if output == "json":
        assert json.loads(result.stdout)["results"]["bindings"][0]["n"]["value"] == expected
    else:
        assert result.stdout.split()[-1] == expected


def test_query_from_a_file(runner: CliRunner, built: Settings, tmp_path: Path) -> None:
    path = tmp_path / "ask.rq"
    path.write_text("ASK { ?s a owl:Class }", encoding="utf-8")
    result = invoke(runner, built, "query", str(path))
    assert (result.exit_code, result.stdout) == (0, "true\n")


def test_query_list_shows_names_and_both_titles(runner: CliRunner, built: Settings) -> None:
    result = invoke(runner, built, "query", "--list")
    assert result.exit_code == 0
    for query in queries.shipped():
        assert f"{query.name}\n  sv: {query.titles['sv']}\n  en: {query.titles['en']}\n" in result.stdout


@pytest.mark.skipif(not queries.shipped(), reason="no shipped queries yet")
def test_query_by_number(runner: CliRunner, built: Settings) -> None:
    first = queries.shipped()[0]
    by_number = invoke(runner, built, "query", str(first.number), "--format", "json")
    by_name = invoke(runner, built, "query", first.name, "--format", "json")
    assert by_number.exit_code == 0 and by_number.stdout == by_name.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "SELECT * WHERE { ?s ?p }"], "Error: The query is not valid SPARQL at line 1, column"),
        (
            ["query", "SELECT * { SERVICE <http://127.0.0.1:9/> { } }"],
            "Error: SERVICE is not allowed (line 1",
        ),
        (["query", "no-such-query"], "Error: No query called 'no-such-query'."),
        (["query", "missing/file.rq"], "Error: No such query file: missing/file.rq"),
        (["query", "ASK {}", "--format", "xml"], "Invalid value for '--format'"),
        (["validate", "missing.ttl"], "'missing.ttl' does not exist"),
    ],
    ids=["bad SPARQL", "SERVICE", "unknown query", "missing query file", "bad format", "missing data file"],
)
def test_bad_input_gives_one_clear_message(built: Settings, args: list[str], message: str) -> None:
    result = samverkan("--root", str(built.root), *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


@pytest.mark.parametrize("command", [["stats"], ["query", "ASK {}"], ["serve"]])
def test_no_store_tells_to_build(tmp_path: Path, command: list[str]) -> None:
    result = samverkan("--root", str(tmp_path), *command)
    assert result.returncode == 2
    assert result.stderr == f"Error: No store at {tmp_path}/var/store: run `samverkan build` first.\n"


def test_bad_setting_in_the_environment(runner: CliRunner, built: Settings) -> None:
    result = runner.invoke(main, ["--root", str(built.root), "stats"], env={"SAMVERKAN_PORT": "fifty"})
    assert result.exit_code == 2
    assert "--port / SAMVERKAN_PORT must be a positive number, not 'fifty'." in result.stderr
