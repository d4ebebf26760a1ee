"""``samverkan ingest``: draft data from minute extracts and agreements, for a person to review.

Registered on the main command group (``main.add_command(ingest)``); it also
runs on its own, reading the settings from the environment, which is how
the tests call it.
"""

from __future__ import annotations

from pathlib import Path

import click

from graph.errors import SamverkanError
from graph.ingest.catalogue import Catalogue
from graph.ingest.pipeline import KINDS, Ingester, Written
from graph.settings import Settings

DEFAULT_OUT = "{root}/drafts"
DEFAULT_SEEDS = "{root}/../shared/seeds"


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help=f"Directory the drafts and reports are written to (default: {DEFAULT_OUT}). Never data/.",
)
@click.option(
    "--seeds",
    type=click.Path(file_okay=False, path_type=Path),
    help=f"Folder of the source documents, to name the document as the graph's sv:seedFile (default: {DEFAULT_SEEDS}).",
)
@click.option("--kind", type=click.Choice(KINDS), default="auto", show_default=True, help="What the documents are.")
@click.option("--no-validate", is_flag=True, help="Do not check the drafts against the shapes.")
@click.pass_context
def ingest(
    ctx: click.Context, files: tuple[Path, ...], out: Path | None, seeds: Path | None, kind: str, no_validate: bool
) -> None:
    """Draft graph data from FILES: minute extracts or agreements, as text or PDF.

    For each document a Turtle draft in the project's ontology and a review
    report (Markdown, Swedish and English) are written to the drafts
    directory. Every drafted fact records the lines and characters of the
    words it came from. Names are matched to what data/ already holds; the
    rest is proposed as new, and what the reader could not settle is listed
    as unsure. Nothing enters the published graph until a person moves a
    draft into data/ and builds. A draft that breaks the shapes is still
    written, with the problems listed in its report. A document that cannot
    be read, or is neither a minute extract nor an agreement, gets an error
    and no draft; the exit status is then 2.
    """
    try:
        settings = ctx.find_object(Settings) or Settings.load()
        root = settings.root
        ingester = Ingester(
            root=root,
            out=(out or Path(DEFAULT_OUT.replace("{root}", str(root)))).absolute(),
            seeds=(seeds or Path(DEFAULT_SEEDS.replace("{root}", str(root)))).absolute(),
            catalogue=Catalogue.load(root),
            check=not no_validate,
        )
    except SamverkanError as error:
        click.echo(f"Error: {error}", err=True)
        ctx.exit(error.exit_code)
    failed = 0
    for path in files:
        try:
            written = ingester.ingest(path, kind)
        except SamverkanError as error:
            click.echo(f"Error: {error}", err=True)
            failed += 1
            continue
        click.echo(_summary(written))
    if failed:
        click.echo(f"{failed} of {len(files)} document(s) gave no draft.", err=True)
        ctx.exit(2)


def _summary(written: Written) -> str:
    kind = "minute extract" if written.kind == "minute" else "agreement"
    if written.violations is None:
        check = "not validated"
    elif written.blocking:
        check = f"{written.blocking} shape violation(s), listed in the report"
    else:
        check = "validates"
    return (
        f"{written.source}: {kind} -> {written.draft}, {written.report} "
        f"({written.found} found, {written.matched} matched, {written.new} new, {written.unsure} unsure; {check})"
    )
