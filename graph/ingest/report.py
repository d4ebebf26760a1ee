"""The review report beside a draft: what was found, matched, proposed, doubted and checked.

Markdown, so it reads as plain text in a terminal and renders in a code
review; every heading and fixed sentence in Swedish and English. Positions
are given as the draft records them: lines (from 1) and characters (from 0,
end exclusive) of the document's text as read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from graph.ingest.drafting import Draft, Resolution, compact
from graph.ingest.text import Span
from graph.validate import Violation

KINDS = {"minute": "Protokollsutdrag / Minute extract", "agreement": "Avtal / Agreement"}
MAX_CELL = 300
"""Longer values are cut in the tables; the draft holds them whole."""

MATCHED_INTRO = (
    "Namn i texten som är samma som en etikett, en alternativ etikett, en förkortning eller ett "
    "organisationsnummer i grafen. / Names in the text equal to a label, alternative label, abbreviation "
    "or organization number in the graph."
)
NEW_INTRO = (
    "Föreslagna nya resurser: kontrollera att ingen redan finns i grafen under ett annat namn. Engelska "
    "etiketter är utkast byggda av den svenska texten; översätt dem. / Proposed new resources: check that "
    "none is already in the graph under another name. English labels are drafts built from the Swedish text; "
    "translate them."
)
POSITIONS = (
    "rader från 1, tecken från 0 i texten som den lästes / lines from 1, characters from 0 in the text as read"
)


@dataclass(frozen=True)
class ReportContext:
    """What the report says about the document besides the draft's own record."""

    source: Path
    kind: str
    draft_file: Path
    text_copy: Path | None
    seed_file: str
    seed_in_folder: bool
    seeds: Path | None
    unread: Sequence[tuple[str, Span]]
    violations: Sequence[Violation] | None


def render(draft: Draft, context: ReportContext) -> str:
    parts = [
        _title(context),
        _document(draft, context),
        _found(draft),
        _matched(draft.resolutions),
        _new(draft.resolutions),
        _unsure(draft, context),
        _validation(context),
        _next_steps(draft, context),
    ]
    return "\n".join(parts)


def _cell(value: object) -> str:
    text = " ".join(str(value).split()).replace("|", "\\|")
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _lines(span: Span | None) -> str:
    return span.lines if span is not None else ""


def _iri(value: object) -> str:
    return f"`{compact(value)}`"


def _table(heading: str, intro: str, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    head = [f"## {heading} ({len(rows)})\n", *([intro + "\n"] if intro else [])]
    table = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    table += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join([*head, *table]) + "\n"


def _title(context: ReportContext) -> str:
    name = context.draft_file.name
    return (
        f"# Granskningsrapport / Review report: {context.source.name}\n\n"
        f"> **Utkast.** Inget här ingår i den publicerade grafen. En person granskar utkastet, flyttar "
        f"`{name}` till `data/` och kör `samverkan build`, som validerar det mot formerna; "
        "först då publiceras det.\n>\n"
        f"> **Draft.** Nothing here is part of the published graph. A person reviews the draft, moves `{name}` "
        f"into `data/` and runs `samverkan build`, which validates it against the shapes; only then is it published.\n"
    )


def _document(draft: Draft, context: ReportContext) -> str:
    if context.seed_in_folder:
        seed = f"`{context.seed_file}` (finns i källmappen / is in the seeds folder)"
    else:
        seed = (
            f"`{context.seed_file}` (föreslaget namn; kopiera texten till källmappen under det namnet / "
            "proposed name; copy the text into the seeds folder under that name)"
        )
    rows = [
        ("Fil / File", f"`{context.source}`"),
        ("Slag / Kind", KINDS[context.kind]),
        ("Utkast / Draft", f"`{context.draft_file}` → `{draft.target}`"),
        ("Källdokument / Source document", _iri(draft.document)),
        ("Källfil / Seed file", seed),
        ("Positioner / Positions", POSITIONS),
    ]
    if context.text_copy is not None:
        note = "PDF:ens textlager; positionerna avser den / the PDF's text layer; positions refer to it"
        rows.append(("Läst text / Text read", f"`{context.text_copy}` ({note})"))
    table = "\n".join(f"| {name} | {value} |" for name, value in rows)
    return f"## Dokument / Document\n\n| | |\n|---|---|\n{table}\n"


def _found(draft: Draft) -> str:
    rows = [
        (
            f"{_cell(f.field_sv)} / {_cell(f.field_en)}",
            _cell(f.value),
            _lines(f.span),
            f"{f.span.start}–{f.span.end}" if f.span else "",
        )
        for f in draft.findings
    ]
    columns = ("Uppgift / Field", "Värde / Value", "Rader / Lines", "Tecken / Characters")
    return _table("Funnet / Found", "", columns, rows)


def _matched(resolutions: Sequence[Resolution]) -> str:
    rows = [
        (_cell(r.text), _iri(r.iri), _cell(r.kind), _cell(r.how), _lines(r.span))
        for r in resolutions
        if r.status == "matched"
    ]
    columns = ("Namn i texten / Name in text", "Resurs / Resource", "Typ / Type", "Hur / How", "Rader / Lines")
    return _table("Matchat mot grafen / Matched to the graph", MATCHED_INTRO, columns, rows)


def _new(resolutions: Sequence[Resolution]) -> str:
    rows = [
        (_iri(r.iri), _cell(r.kind), _cell(r.text), _lines(r.span), _cell(r.how))
        for r in resolutions
        if r.status == "new"
    ]
    columns = ("Resurs / Resource", "Typ / Type", "Namn i texten / Name in text", "Rader / Lines", "Anmärkning / Note")
    return _table("Nytt / New", NEW_INTRO, columns, rows)


def _unsure(draft: Draft, context: ReportContext) -> str:
    items = [f"- {_at(doubt.span)}{doubt.sv} / {doubt.en}" for doubt in draft.doubts]
    for r in draft.resolutions:
        why = f" ({r.how})" if r.how else ""
        if r.status == "ambiguous":
            names = ", ".join(_iri(c) for c in r.candidates)
            items.append(
                f"- {_at(r.span)}\"{_cell(r.text)}\" matchar flera resurser ({names}){why}; inget valdes och inget "
                f"lades till. / \"{_cell(r.text)}\" matches several resources ({names}); none was chosen and nothing "
                "was added."
            )
        elif r.status == "left out":
            items.append(
                f"- {_at(r.span)}\"{_cell(r.text)}\" matchade inget i grafen och togs inte med{why}. / "
                f"\"{_cell(r.text)}\" matched nothing in the graph and was left out."
            )
    for heading, span in context.unread:
        items.append(
            f"- {_at(span)}avsnittet \"{_cell(heading)}\" lästes men blev inga fakta. / "
            f"the section \"{_cell(heading)}\" was read but gave no facts."
        )
    body = "\n".join(items) if items else "Inget. / Nothing."
    return f"## Osäkert / Unsure ({len(items)})\n\n{body}\n"


def _at(span: Span | None) -> str:
    return f"rad / line {span.lines}: " if span is not None else ""


def _validation(context: ReportContext) -> str:
    heading = "## Validering / Validation\n\n"
    if context.violations is None:
        return heading + "Inte kontrollerad (--no-validate). / Not checked (--no-validate).\n"
    blocking = sum(v.blocking for v in context.violations)
    if blocking:
        summary = (
            f"Utkastet bryter mot formerna på {blocking} punkt(er); rätta dem innan det flyttas till data/. / "
            f"The draft breaks the shapes in {blocking} place(s); fix them before moving it into data/.\n"
        )
    else:
        summary = (
            "Utkastet validerar mot formerna tillsammans med projektets data. / "
            "The draft validates against the shapes together with the project's data."
        )
    return heading + "\n".join([summary, *(f"- {v.render()}" for v in context.violations)]) + "\n"


def _next_steps(draft: Draft, context: ReportContext) -> str:
    steps = ["Granska tabellerna ovan mot dokumentet. / Check the tables above against the document."]
    if not context.seed_in_folder:
        where = f"`{context.seeds}`" if context.seeds else "källmappen / the seeds folder"
        source = f"`{context.text_copy or context.source}`"
        steps.append(
            f"Kopiera {source} till {where} som `{context.seed_file}`. / "
            f"Copy {source} into {where} as `{context.seed_file}`."
        )
    steps.append(
        f"Flytta `{context.draft_file}` till `{draft.target}` och kör `samverkan build`. / "
        f"Move `{context.draft_file}` to `{draft.target}` and run `samverkan build`."
    )
    return "## Nästa steg / Next steps\n\n" + "\n".join(f"{i}. {s}" for i, s in enumerate(steps, 1)) + "\n"
