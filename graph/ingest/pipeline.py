"""Ingest one document: read it, recognise it, parse it, draft it, check the draft, write draft and report.

Nothing is written for a document that cannot be read or has no structure
we recognise: :class:`~graph.ingest.reading.UnreadableDocument` or
:class:`UnrecognisedDocument` says which file and why. Drafts go to the
drafts directory, never into ``data/``. A draft is checked against the
shapes by loading it *beside* the project's data, in place of the data file
of the same name (as ``samverkan validate FILE`` does); only a person moves
it in.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from graph import sources
from graph.errors import SamverkanError
from graph.ingest import agreements, minutes
from graph.ingest.agreement_draft import document_slug as agreement_slug
from graph.ingest.agreement_draft import draft_agreement
from graph.ingest.catalogue import Catalogue
from graph.ingest.drafting import Draft, iri
from graph.ingest.facts import Agreement, Minute
from graph.ingest.minute_draft import document_slug as minute_slug
from graph.ingest.minute_draft import draft_minute
from graph.ingest.reading import Document, read
from graph.ingest.report import ReportContext, render
from graph.ingest.text import Text
from graph.validate import Violation, validate

SEED_NAME = re.compile(r"(?P<number>[0-9]{3})_[0-9a-f]{16}\.txt")
"""How the seeds folder names its documents (and what the shapes require of ``sv:seedFile``)."""

KINDS = ("auto", "minute", "agreement")


class UnrecognisedDocument(SamverkanError):
    """The text was read, but it is neither a minute extract nor an agreement we can read."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: no recognisable structure: {reason}; no draft was written")


class DraftsInData(SamverkanError):
    """Drafts must not be written where the published data lives."""


@dataclass(frozen=True)
class Written:
    """What one document gave: the files written and the counts the command prints."""

    source: Path
    kind: str
    draft: Path
    report: Path
    text_copy: Path | None
    found: int
    matched: int
    new: int
    unsure: int
    violations: list[Violation] | None

    @property
    def blocking(self) -> int:
        return sum(v.blocking for v in self.violations or [])


@dataclass
class Ingester:
    """Ingests documents into one drafts directory, against one project's graph."""

    root: Path
    out: Path
    seeds: Path | None
    catalogue: Catalogue
    check: bool = True
    _numbers: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        data = (self.root / sources.DATA_DIR).resolve()
        out = self.out.resolve()
        if out == data or data in out.parents:
            raise DraftsInData(f"--out {self.out}: drafts are never written into data/; choose another directory")

    def ingest(self, path: Path, kind: str = "auto") -> Written:
        document = read(path)
        text = Text(document.text)
        parsed, slug = self._parse(path, text, self._kind(path, text, kind))
        seed_file, in_folder = self._seed_file(document)
        target = f"{sources.DATA_DIR.name}/{slug}.ttl"
        # A document already in the graph is drafted as if its data file were
        # not there: the draft would replace that file, not add to it.
        draft = Draft(self.catalogue.without(target), iri("document", slug), slug, knowledge=self.catalogue)
        if target in self.catalogue.files:
            draft.doubt(
                f"Dokumentet finns redan i grafen som {target}; utkastet matchades mot resten av data/ "
                "och ersätter den filen om det flyttas in.",
                f"The document is already in the graph as {target}; the draft was matched against the rest of "
                "data/ and replaces that file if moved in.",
            )
        if isinstance(parsed, Minute):
            draft_minute(parsed, draft, seed_file)
        else:
            draft_agreement(parsed, draft, seed_file)
        copy = self.out / seed_file if document.from_pdf else None
        context = ReportContext(
            source=path,
            kind="minute" if isinstance(parsed, Minute) else "agreement",
            draft_file=self.out / f"{slug}.ttl",
            text_copy=copy,
            seed_file=seed_file,
            seed_in_folder=in_folder,
            seeds=self.seeds,
            unread=[(found.value, found.span) for found in parsed.unread],
            violations=self._check(draft) if self.check else None,
        )
        self._write(draft, context, document)
        return _written(draft, context)

    def _kind(self, path: Path, text: Text, kind: str) -> str:
        if kind != "auto":
            return kind
        if minutes.looks_like_minute(text):
            return "minute"
        if agreements.looks_like_agreement(text):
            return "agreement"
        raise UnrecognisedDocument(
            path,
            "found neither a minute extract's header (§ with a meeting date or diary number) "
            "nor an agreement's title or parties with organization numbers",
        )

    def _parse(self, path: Path, text: Text, kind: str) -> tuple[Minute | Agreement, str]:
        """The parsed document and the slug of its draft (``huddinge-kf-2021-10-04-p13``)."""
        try:
            if kind == "minute":
                minute = minutes.parse(text)
                return minute, minute_slug(minute, self.catalogue, path.stem)
            agreement = agreements.parse(text, self.catalogue.people)
            return agreement, agreement_slug(agreement, self.catalogue, path.stem)
        except (minutes.NoStructure, agreements.NoStructure) as error:
            raise UnrecognisedDocument(path, str(error)) from None

    def _seed_file(self, document: Document) -> tuple[str, bool]:
        """The seeds folder's name for this text, and whether it is already there.

        A document already in the folder keeps its name; another gets the next
        free number and the first 16 hex digits of the SHA-256 of its text.
        """
        text_bytes = document.text.encode("utf-8") if document.from_pdf else document.data
        if not document.from_pdf and SEED_NAME.fullmatch(document.path.name):
            there = self.seeds / document.path.name if self.seeds else None
            return document.path.name, bool(there and there.is_file() and there.read_bytes() == text_bytes)
        numbers = set(self._numbers)
        if self.seeds is not None and self.seeds.is_dir():
            for existing in sorted(self.seeds.glob("*.txt")):
                if (named := SEED_NAME.fullmatch(existing.name)) is None:
                    continue
                if existing.read_bytes() == text_bytes:
                    return existing.name, True
                numbers.add(int(named.group("number")))
        number = max(numbers, default=-1) + 1
        self._numbers.add(number)
        digest = hashlib.sha256(document.text.encode("utf-8")).hexdigest()[:16]
        return f"{number:03d}_{digest}.txt", False

    def _check(self, draft: Draft) -> list[Violation]:
        """The shapes' results for the draft, loaded in place of the data file it would become."""
        shown = str(self.out / f"{draft.slug}.ttl")
        with tempfile.TemporaryDirectory(prefix="samverkan-ingest-") as directory:
            candidate = Path(directory) / f"{draft.slug}.ttl"
            candidate.write_text(draft.serialize(), encoding="utf-8")
            project = sources.discover(self.root).with_data([candidate])
            results = validate(sources.load(project), [sources.data_file(candidate).graph])
            hidden = str(candidate)
        return [
            Violation(v.severity, v.focus, v.path, v.value, v.source_shape, v.messages,
                      tuple(shown if f == hidden else f for f in v.files))  # fmt: skip
            for v in results
        ]

    def _write(self, draft: Draft, context: ReportContext, document: Document) -> None:
        self.out.mkdir(parents=True, exist_ok=True)
        if context.text_copy is not None:
            _write_atomically(context.text_copy, document.text)
        _write_atomically(context.draft_file, draft.serialize())
        _write_atomically(context.draft_file.with_suffix(".report.md"), render(draft, context))


def _written(draft: Draft, context: ReportContext) -> Written:
    statuses = [r.status for r in draft.resolutions]
    unsure = len(draft.doubts) + statuses.count("ambiguous") + statuses.count("left out") + len(context.unread)
    return Written(
        source=context.source,
        kind=context.kind,
        draft=context.draft_file,
        report=context.draft_file.with_suffix(".report.md"),
        text_copy=context.text_copy,
        found=len(draft.findings),
        matched=statuses.count("matched"),
        new=statuses.count("new"),
        unsure=unsure,
        violations=list(context.violations) if context.violations is not None else None,
    )


def _write_atomically(path: Path, content: str) -> None:
    """Write ``content`` beside ``path`` and rename it into place, so a reader never sees half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
