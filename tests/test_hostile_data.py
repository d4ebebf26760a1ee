"""Broken and hostile data files: each gets a clear error naming the file and line or the focus node,
and the published store and dumps stay exactly as they were.

Every test starts from a copy of the repository's project, built once for
the module (its real shapes: the fixture project's are too lax to catch a
second municipality code), breaks one thing, and runs ``samverkan build``
as a user does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import REPO, copy_project, samverkan, settings_for, snapshot

from graph.settings import Settings
from graph.store import Store

HUDDINGE = "<https://w3id.org/samverkan/id/org/huddinge-kommun>"
MINUTE = "data/huddinge-kf-2021-10-04-p13.ttl"
MINUTE_DOCUMENT = "<https://w3id.org/samverkan/id/document/huddinge-kf-2021-10-04-p13>"
MB = 1 << 20


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's project, copied and built once; tests copy it again, links and all."""
    root = copy_project(REPO, tmp_path_factory.mktemp("hostile-data") / "project")
    result = samverkan("--root", str(root), "build")
    assert result.returncode == 0, result.stderr
    return root


@dataclass
class Project:
    """A built project to break, and what it had published before."""

    root: Path
    settings: Settings
    published: dict[str, str]
    links: tuple[Path, Path]
    var: set[str]

    def add(self, name: str, text: str) -> Path:
        path = self.root / "data" / name
        path.write_text(text, encoding="utf-8")
        return path

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.root / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} is not in {name} once"
        path.write_text(text.replace(old, new), encoding="utf-8")

    def build(self) -> subprocess.CompletedProcess[str]:
        return samverkan("--root", str(self.root), "build")

    def refused(self, result: subprocess.CompletedProcess[str], *said: str, status: int | None = None) -> None:
        """The build stopped with a message saying ``said``, no traceback, and nothing published changed."""
        assert result.returncode != 0 and (status is None or result.returncode == status), result
        assert "Traceback" not in result.stderr, result.stderr
        for words in said:
            assert words in result.stderr, result.stderr
        assert result.stdout == ""
        self.unchanged()

    def unchanged(self) -> None:
        assert snapshot(self.settings.store, self.settings.dist) == self.published
        assert (self.settings.store.resolve(), self.settings.dist.resolve()) == self.links
        assert {path.name for path in (self.root / "var").iterdir()} == self.var  # no staging left behind


@pytest.fixture
def project(built_once: Path, tmp_path: Path) -> Iterator[Project]:
    root = tmp_path / "project"
    shutil.copytree(built_once, root, symlinks=True)
    settings = settings_for(root)
    assert settings.store.is_symlink() and not Path(os.readlink(settings.store)).is_absolute()
    yield Project(
        root,
        settings,
        snapshot(settings.store, settings.dist),
        (settings.store.resolve(), settings.dist.resolve()),
        {path.name for path in (root / "var").iterdir()},
    )
    for path in (root / "data").iterdir():  # whatever a test made unreadable, pytest must be able to remove
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() else 0o644)


# --- files that do not parse --------------------------------------------------------------------


def test_malformed_turtle_is_named_by_file_line_and_column(project: Project) -> None:
    project.add(
        "zz-malformed.ttl",
        '@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:d ex:e "never closed .\n',
    )
    project.refused(project.build(), "data/zz-malformed.ttl:3:", status=2)


def test_an_unknown_prefix_is_named_with_its_position(project: Project) -> None:
    project.add(
        "zz-prefix.ttl",
        "@prefix sv: <https://w3id.org/samverkan/ns#> .\n\nnope:thing a sv:Municipality .\n",
    )
    project.refused(project.build(), "data/zz-prefix.ttl:3:1: ", "nope:", status=2)


def test_a_file_that_is_not_utf8_is_named(project: Project) -> None:
    (project.root / "data" / "zz-binary.ttl").write_bytes(b"\xff\xfe\x00<a> <b> \x81 .\n")
    project.refused(project.build(), "data/zz-binary.ttl:1:", "UTF-8", status=2)


def test_an_unreadable_file_is_named(project: Project) -> None:
    path = project.add("zz-unreadable.ttl", "<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n")
    path.chmod(0)
    if os.access(path, os.R_OK):
        pytest.skip(
            f"running as euid {os.geteuid()} (root), which reads a file whatever its mode: chmod 000 cannot make"
            " it unreadable here (test_a_file_that_cannot_be_opened_is_named covers a file no one can open)"
        )
    project.refused(project.build(), "data/zz-unreadable.ttl: ", "ermission denied", status=2)


def test_a_file_that_cannot_be_opened_is_named(project: Project) -> None:
    """Unreadable even for root: a link to nowhere, and a directory, each named like a data file."""
    (project.root / "data" / "zz-link.ttl").symlink_to(project.root / "nowhere" / "gone.ttl")
    (project.root / "data" / "zz-directory.ttl").mkdir()
    project.refused(
        project.build(),
        "data/zz-link.ttl: No such file or directory",
        "data/zz-directory.ttl: Is a directory",
        status=2,
    )


def test_an_empty_file_is_named(project: Project) -> None:
    project.add("zz-empty.ttl", "")
    result = project.build()
    assert "Traceback" not in result.stderr
    if result.returncode == 0:  # published without it, but the user is told
        assert "data/zz-empty.ttl" in result.stderr + result.stdout
    else:
        project.refused(result, "data/zz-empty.ttl")


# --- files that parse, with facts the shapes refuse ---------------------------------------------


def test_a_wrong_datatype_is_named_by_focus_node_and_path(project: Project) -> None:
    project.edit("data/organizations.ttl", 'sv:municipalityCode "0126" ;', "sv:municipalityCode 126 ;")
    project.refused(
        project.build(), f"data/organizations.ttl: {HUDDINGE} sv:municipalityCode: ", "four-digit", status=1
    )


def test_an_ill_typed_date_is_named_without_a_traceback(project: Project) -> None:
    seed = '    sv:seedFile "000_4f69f4bd75aaebf5.txt" ;'
    document = f'dcterms:date "{{}}"^^xsd:date ;\n    sv:paragraph "§ 13" ;\n    sv:diaryNumber "KS-2021/1682.103" ;\n{seed}'
    project.edit(MINUTE, document.format("2021-10-04"), document.format("2021-13-45"))
    project.refused(project.build(), f"{MINUTE}: {MINUTE_DOCUMENT} dcterms:date: ", status=1)


@pytest.mark.xfail(
    strict=True,
    reason='An ill-typed literal ("tomorrow"^^xsd:date) on a property no shape constrains is published:'
    " `samverkan build` exits 0, and rdflib prints 'Failed to convert Literal lexical form to value' with a"
    " Traceback (ValueError: XSD Date string must contain at least two dashes) on standard error, twice: from"
    " graph/jsonld.py:133 (_dataset -> graph/terms.py:37 to_rdflib) writing the JSON-LD dump, and from"
    " graph/dcat.py:145 (_add_temporal, which reads every xsd:date for the temporal coverage). graph/sources.py"
    " does not check lexical forms.",
)
def test_an_ill_typed_literal_anywhere_is_refused(project: Project) -> None:
    project.add(
        "zz-ill-typed.ttl",
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        '<https://example.org/thing> <https://example.org/when> "tomorrow"^^xsd:date .\n',
    )
    project.refused(project.build(), "data/zz-ill-typed.ttl:2", "tomorrow")


def test_one_municipality_with_two_codes_in_two_files_names_both_files_and_the_node(project: Project) -> None:
    project.add(
        "zz-second-code.ttl",
        f'{HUDDINGE} <https://w3id.org/samverkan/ns#municipalityCode> "0999" .\n',
    )
    problem = f"data/organizations.ttl, data/zz-second-code.ttl: {HUDDINGE} sv:municipalityCode: "
    project.refused(project.build(), problem, "exactly one four-digit municipality code", status=1)
    validated = samverkan("--root", str(project.root), "validate")
    assert validated.returncode == 1 and problem in validated.stdout, validated
    assert "Traceback" not in validated.stderr


# --- a 100 MB file ----------------------------------------------------------------------------------


def measured(*args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    """``samverkan ARGS`` through a small parent that reports the command's peak memory, in MB."""
    command = shutil.which("samverkan", path=str(Path(sys.executable).parent))
    assert command is not None
    parent = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:])\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
        "sys.exit(done.returncode)\n"
    )
    env = {name: value for name, value in os.environ.items() if not name.startswith("SAMVERKAN_")}
    result = subprocess.run(
        [sys.executable, "-c", parent, command, *args], capture_output=True, text=True, env=env, timeout=300, check=False
    )
    *lines, peak = result.stderr.rstrip("\n").split("\n")
    result.stderr = "".join(line + "\n" for line in lines)
    return result, int(peak) / 1024


def huge_literals(path: Path, count: int, size: int) -> None:
    """``count`` comments of ``size`` bytes each, on one resource: a valid file of count * size bytes."""
    filler = b"A" * size
    with path.open("wb") as out:
        for number in range(count):
            out.write(b'<https://example.org/huge> <http://www.w3.org/2000/01/rdf-schema#comment> "%d' % number)
            out.write(filler)
            out.write(b'" .\n')


def test_a_100_mb_literal_is_refused_naming_the_file(project: Project) -> None:
    huge_literals(project.root / "data" / "zz-huge.ttl", 1, 100 * MB)
    result, peak = measured("--root", str(project.root), "build")
    project.refused(result, "data/zz-huge.ttl: a term is too long to read", status=2)
    assert peak < 1024, f"{peak:.0f} MB to refuse a 100 MB file"


def test_a_valid_100_mb_file_is_published_in_bounded_memory(project: Project) -> None:
    huge_literals(project.root / "data" / "zz-huge.ttl", 8, 12_500_000)
    assert (project.root / "data" / "zz-huge.ttl").stat().st_size > 100_000_000
    result, peak = measured("--root", str(project.root), "build")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert peak < 2048, f"{peak:.0f} MB to publish a 100 MB file"
    store = Store.open_read_only(project.settings.store)
    lengths = store.select(
        "SELECT (SUM(STRLEN(?c)) AS ?n)"
        " { <https://example.org/huge> <http://www.w3.org/2000/01/rdf-schema#comment> ?c }"
    )
    assert int(next(iter(lengths))["n"].value) == 8 * 12_500_001


@pytest.mark.xfail(
    run=False,
    reason="Not run (2.5 minutes): a valid 100 MB file of 1,055,614 short triples builds (exit 0) but took 158 s"
    " and 3,280 MB at its peak on this 2-core machine with the build of b662392 (5.4 GB and 235 s with pySHACL"
    " before); run it with --runxfail once the build holds such a file in under 2 GB.",
)
def test_a_valid_100_mb_file_of_a_million_triples_builds_in_bounded_memory(project: Project) -> None:
    line = b'<https://example.org/s%07d> <https://example.org/p> "some text of a moderate length here" .\n'
    with (project.root / "data" / "zz-million.ttl").open("wb") as out:
        out.writelines(line % number for number in range(100_000_000 // len(line % 0)))
    result, peak = measured("--root", str(project.root), "build")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert peak < 2048, f"{peak:.0f} MB to publish a 100 MB file"
