"""Validation results say which file to fix, what is wrong and in which language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURE_PROJECT, copy_project

from graph.cli import main
from graph.sources import discover, load
from graph.validate import render_json, validate

NAMELESS = "https://w3id.org/samverkan/id/org/nameless"
BAD_DATA = f"""@prefix sv: <https://w3id.org/samverkan/ns#> .
<{NAMELESS}> a sv:Municipality ; sv:municipalityCode "12" .
<https://w3id.org/samverkan/id/agreement/lonely> a sv:Agreement ;
    <http://www.w3.org/2000/01/rdf-schema#label> "Ensamt avtal"@sv ;
    sv:party <https://w3id.org/samverkan/id/org/huddinge-kommun> .
"""


@pytest.fixture
def project_root(tmp_path: Path) -> Path:
    root = copy_project(FIXTURE_PROJECT, tmp_path / "project")
    (root / "data" / "bad.ttl").write_text(BAD_DATA, encoding="utf-8")
    return root


def test_the_fixture_project_conforms() -> None:
    assert validate(load(discover(FIXTURE_PROJECT))) == []


def test_results_name_file_focus_path_and_messages(project_root: Path) -> None:
    results = validate(load(discover(project_root)))
    by_path = {(r.focus, r.path): r for r in results}
    missing_name = by_path[
        (NAMELESS, "rdfs:label")
    ]  # via sv:Municipality rdfs:subClassOf ... org:Organization
    assert missing_name.severity == "Violation"
    assert missing_name.files == ("data/bad.ttl",)
    assert missing_name.messages == {
        "sv": "En organisation måste ha ett namn.",
        "en": "An organization must have a name.",
    }
    assert missing_name.source_shape == "sv:OrganizationShape"
    bad_code = by_path[(NAMELESS, "sv:municipalityCode")]
    assert bad_code.value == '"12"'
    assert bad_code.render() == (
        f"data/bad.ttl: <{NAMELESS}> sv:municipalityCode: "
        "Kommunkoden ska vara fyra siffror. / The municipality code must be four digits."
    )
    warning = next(r for r in results if r.severity == "Warning")
    assert not warning.blocking and warning.render().startswith("data/bad.ttl: (warning) <")


def test_json_rendering_keeps_every_field(project_root: Path) -> None:
    [first, *_] = json.loads(render_json(validate(load(discover(project_root)))))
    assert set(first) == {"severity", "focus", "path", "value", "source_shape", "messages", "files"}


def test_cli_validate_reports_violations_with_exit_status_1(project_root: Path, runner: CliRunner) -> None:
    result = runner.invoke(main, ["--root", str(project_root), "validate"])
    assert result.exit_code == 1
    assert f"data/bad.ttl: <{NAMELESS}> rdfs:label: En organisation måste ha ett namn." in result.stdout
    assert "2 SHACL violation(s)" in result.stderr


def test_cli_validate_json(project_root: Path, runner: CliRunner) -> None:
    result = runner.invoke(main, ["--root", str(project_root), "validate", "--format", "json"])
    assert result.exit_code == 1
    assert {v["focus"] for v in json.loads(result.stdout)} >= {NAMELESS}


def test_cli_validate_given_files_checks_them_against_the_project(
    project_root: Path, runner: CliRunner
) -> None:
    bad = project_root / "data" / "bad.ttl"
    draft = project_root / "draft.ttl"
    bad.rename(draft)
    good = runner.invoke(
        main, ["--root", str(project_root), "validate", str(project_root / "data" / "agreement.ttl")]
    )
    assert good.exit_code == 0, good.output
    checked = runner.invoke(main, ["--root", str(project_root), "validate", str(draft)])
    assert checked.exit_code == 1
    assert "draft.ttl: <" in checked.stdout
