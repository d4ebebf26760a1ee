"""``samverkan ingest`` as a user runs it: drafts beside the data, never in it; PDFs; clear refusals."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import Graph
from rdflib.namespace import RDF

from graph.ingest.command import ingest
from graph.ingest.drafting import OA
from graph.settings import Settings
from graph.sources import discover, load
from graph.validate import validate

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
DRAFTABLE = sorted(p for p in FIXTURES.glob("*.txt") if p.name not in ("not-a-document.txt", "minute-salem-ks.txt"))


def run(*args: str | Path, root: Path = REPO) -> Result:
    settings = Settings.load({"root": str(root)}, environ={})
    return CliRunner().invoke(ingest, [str(a) for a in args], obj=settings)


def digests(directory: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.rglob("*")) if p.is_file()}


def project_copy(target: Path) -> Path:
    """The project with ontology/ and shapes/ linked and data/ copied, for drafts to be moved into."""
    target.mkdir()
    for name in ("ontology", "shapes"):
        (target / name).symlink_to(REPO / name, target_is_directory=True)
    shutil.copytree(REPO / "data", target / "data")
    return target


def minimal_pdf(lines: list[str], text: bool = True) -> bytes:
    """A one-page PDF, written by hand: Helvetica, WinAnsi encoding, one line of text per line."""

    def escape(line: str) -> bytes:
        return line.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")

    if text:
        shown = b" ".join(b"(" + escape(line) + b") Tj T*" for line in lines)
        content = b"BT /F1 11 Tf 14 TL 40 800 Td " + shown + b" ET"
    else:
        content = b"0 0 m 200 200 l S"  # a line drawn, no text: what a scanned page looks like to a reader
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>"
        b" /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


# --- Where drafts go ---------------------------------------------------------------------------


def test_drafts_go_to_the_drafts_directory_and_data_is_untouched(tmp_path: Path) -> None:
    root = project_copy(tmp_path / "project")
    before = digests(root / "data")
    result = run(FIXTURES / "minute-haninge-ksau.txt", root=root)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (root / "drafts").iterdir()) == [
        "haninge-ksau-2024-02-07-p9.report.md",
        "haninge-ksau-2024-02-07-p9.ttl",
    ]
    assert digests(root / "data") == before
    assert "haninge-ksau-2024-02-07-p9.ttl" in result.stdout and "validates" in result.stdout


def test_drafts_are_refused_inside_data(tmp_path: Path) -> None:
    root = project_copy(tmp_path / "project")
    before = digests(root / "data")
    result = run(FIXTURES / "minute-haninge-ksau.txt", "--out", root / "data" / "drafts", root=root)
    assert result.exit_code == 2
    assert "drafts are never written into data/" in result.stderr
    assert digests(root / "data") == before


@pytest.mark.parametrize("fixture", DRAFTABLE, ids=lambda p: p.stem)
def test_each_draft_validates_when_moved_into_a_copy_of_the_data(tmp_path: Path, fixture: Path) -> None:
    result = run(fixture, "--out", tmp_path / "drafts", "--seeds", tmp_path / "seeds")
    assert result.exit_code == 0, result.output
    [draft] = (tmp_path / "drafts").glob("*.ttl")
    assert len(Graph().parse(draft, format="turtle")) > 0
    root = project_copy(tmp_path / "project")
    shutil.copy(draft, root / "data" / draft.name)
    blocking = [v.render() for v in validate(load(discover(root))) if v.blocking]
    assert blocking == []


def test_a_draft_that_breaks_a_shape_fails_validation_in_data(tmp_path: Path) -> None:
    result = run(FIXTURES / "minute-salem-ks.txt", "--out", tmp_path / "drafts")
    assert result.exit_code == 0 and "1 shape violation(s), listed in the report" in result.stdout
    root = project_copy(tmp_path / "project")
    shutil.copy(tmp_path / "drafts" / "salem-ks-2020-05-18-p61.ttl", root / "data")
    [violation] = [v for v in validate(load(discover(root))) if v.blocking]
    assert violation.path == "sv:diaryNumber" and violation.files == ("data/salem-ks-2020-05-18-p61.ttl",)


def test_the_seed_file_name_is_proposed_after_the_seeds_folder(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "000_0123456789abcdef.txt").write_text("annat\n", encoding="utf-8")
    (seeds / "007_fedcba9876543210.txt").write_bytes((FIXTURES / "minute-tyreso-socialnamnden.txt").read_bytes())
    result = run(
        FIXTURES / "minute-tyreso-socialnamnden.txt", FIXTURES / "minute-haninge-ksau.txt",
        "--out", tmp_path / "drafts", "--seeds", seeds,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    tyreso = Graph().parse(tmp_path / "drafts" / "tyreso-sn-2023-03-15-p27.ttl", format="turtle")
    assert "007_fedcba9876543210.txt" in {str(o) for o in tyreso.objects(None, None)}  # the same text is already there
    report = (tmp_path / "drafts" / "haninge-ksau-2024-02-07-p9.report.md").read_text(encoding="utf-8")
    text = (FIXTURES / "minute-haninge-ksau.txt").read_text(encoding="utf-8")
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    assert f"`008_{digest}.txt` (föreslaget namn" in report  # the next number, and the text's own digest


# --- PDF ------------------------------------------------------------------------------------------


def test_a_pdf_minute_is_read_from_its_text_layer(tmp_path: Path) -> None:
    lines = (FIXTURES / "minute-haninge-ksau.txt").read_text(encoding="utf-8").splitlines()
    pdf = tmp_path / "protokoll.pdf"
    pdf.write_bytes(minimal_pdf(lines))
    result = run(pdf, "--out", tmp_path / "drafts", "--seeds", tmp_path / "seeds")
    assert result.exit_code == 0, result.output
    assert "minute extract" in result.stdout and "validates" in result.stdout
    g = Graph().parse(tmp_path / "drafts" / "haninge-ksau-2024-02-07-p9.ttl", format="turtle")
    [copy] = (tmp_path / "drafts").glob("0*.txt")  # the text read, under its proposed seed name
    text = copy.read_text(encoding="utf-8")
    assert "Dnr: KS-2024/88" in text
    exact = {str(q): q for q in g.objects(None, OA.exact)}
    assert "KS-2024/88" in exact
    for excerpt in g.subjects(RDF.type, OA.SpecificResource):  # positions count the characters of that copy
        selectors = list(g.objects(excerpt, OA.hasSelector))
        [start] = [int(v) for s in selectors for v in g.objects(s, OA.start)]
        [end] = [int(v) for s in selectors for v in g.objects(s, OA.end)]
        [quote] = [str(v) for s in selectors for v in g.objects(s, OA.exact)]
        assert text[start:end] == quote
    report = (tmp_path / "drafts" / "haninge-ksau-2024-02-07-p9.report.md").read_text(encoding="utf-8")
    assert f"`{copy}` (PDF:ens textlager" in report


# --- Documents that give no draft -----------------------------------------------------------------


def unreadable(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Documents that are no documents, each with the reason the user must see."""
    empty = tmp_path / "tomt.txt"
    empty.write_bytes(b"  \n\n")
    garbage = tmp_path / "skrap.txt"
    garbage.write_bytes(bytes(range(256)) * 8)
    controls = tmp_path / "styrtecken.txt"
    controls.write_bytes(b"Protokoll " + bytes(range(1, 9)) * 40)
    scanned = tmp_path / "inskannad.pdf"
    scanned.write_bytes(minimal_pdf([], text=False))
    broken = tmp_path / "trasig.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ntrailer garbage\n")
    return {
        "missing": (tmp_path / "finns-inte.txt", "no such file"),
        "directory": (tmp_path, "is a directory, not a document"),
        "empty": (empty, "is empty"),
        "binary": (garbage, "is binary data (it holds NUL bytes), not text"),
        "control characters": (controls, "looks like binary data, not text"),
        "scanned pdf": (scanned, "is a PDF without a text layer (1 page(s), perhaps scanned images); run OCR first"),
        "broken pdf": (broken, "is not a readable PDF"),
        "no structure": (
            FIXTURES / "not-a-document.txt",
            "no recognisable structure: found neither a minute extract's header",
        ),
    }


UNREADABLE = ["missing", "directory", "empty", "binary", "control characters", "scanned pdf", "broken pdf",
              "no structure"]  # fmt: skip


@pytest.mark.parametrize("case", UNREADABLE)
def test_a_document_that_cannot_be_read_gets_a_clear_error_and_no_draft(tmp_path: Path, case: str) -> None:
    path, reason = unreadable(tmp_path)[case]
    out = tmp_path / "drafts"
    result = run(path, "--out", out)
    assert result.exit_code == 2
    assert f"Error: {path}: {reason}" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists() or list(out.iterdir()) == []


def test_good_documents_are_drafted_beside_a_bad_one(tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    result = run(FIXTURES / "not-a-document.txt", FIXTURES / "minute-haninge-ksau.txt", "--out", out)
    assert result.exit_code == 2
    assert "not-a-document.txt: no recognisable structure" in result.stderr
    assert "1 of 2 document(s) gave no draft." in result.stderr
    assert (out / "haninge-ksau-2024-02-07-p9.ttl").is_file()
    assert not any("not-a-document" in p.name for p in out.iterdir())


def test_help_says_where_drafts_go() -> None:
    result = CliRunner().invoke(ingest, ["--help"])
    assert result.exit_code == 0
    assert "Never data/" in result.stdout and "PDF" in result.stdout
