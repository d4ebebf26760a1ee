"""The ``samverkan`` command: build, validate, query, describe, export, publish and serve the graph.

Every problem a user can cause is a :class:`~graph.errors.SamverkanError`;
the command group turns it into one line on standard error and an exit code
(2 for bad input, 1 for data that fails validation), never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from graph import queries, sources
from graph.build import build as build_graph
from graph.dist import export as export_files
from graph.dist import published_files
from graph.errors import SamverkanError, ValidationFailed
from graph.guard import check_query
from graph.namespaces import shorten
from graph.publish import publish as publish_graph
from graph.results import FORMATS, render
from graph.settings import Settings, setting
from graph.stats import collect
from graph.ingest.command import ingest
from graph.store import EndpointStore, open_store
from graph.validate import render_json, render_text
from graph.validate import validate as validate_data


class SamverkanGroup(click.Group):
    """A click group that reports user errors as messages instead of tracebacks."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SamverkanError as error:
            click.echo(f"Error: {error}", err=True)
            ctx.exit(error.exit_code)
        except OSError as error:
            # The file system refused (a read-only or full disk, a directory not there): the user's to fix.
            click.echo(f"Error: {_os_problem(error)}", err=True)
            ctx.exit(SamverkanError.exit_code)


def _os_problem(error: OSError) -> str:
    """What the operating system refused, naming the path it refused, kept short."""
    reason = error.strerror or str(error)
    if error.filename is None:
        return f"{reason}."
    name = str(error.filename)
    shown = name if len(name) <= 200 else name[:199] + "…"
    return f"cannot use {shown}: {reason}."


Command = TypeVar("Command", bound=Callable[..., Any])


def _setting_option(name: str, **kwargs: Any) -> Callable[[Command], Command]:
    """A command-line option for a declared setting, documented by its declaration."""
    declared = setting(name)
    if declared.choices:
        kwargs.setdefault("type", click.Choice(declared.choices))
    return click.option(
        declared.option, name, envvar=declared.env_var, show_envvar=True, help=declared.help, **kwargs
    )


@click.group(cls=SamverkanGroup, context_settings={"help_option_names": ["-h", "--help"]})
@_setting_option("root", type=click.Path(file_okay=False, path_type=Path))
@_setting_option("store", type=click.Path(path_type=Path))
@_setting_option("dist", type=click.Path(path_type=Path))
@_setting_option("store_kind")
@_setting_option("endpoint_query")
@_setting_option("endpoint_store")
@_setting_option("base")
@_setting_option("config", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def main(ctx: click.Context, **overrides: Any) -> None:
    """Build, check, query and serve the Samverkan knowledge graph.

    Sources are read from the project root (ontology/, data/, shapes/); the
    build writes an Oxigraph store and downloadable dumps. Queries, stats
    and the web app read the store --store-kind names: the built store on
    disk, the sources loaded into memory, or an external SPARQL engine.
    """
    ctx.meta[OVERRIDES] = _given(overrides)
    ctx.obj = Settings.load(ctx.meta[OVERRIDES])


OVERRIDES = "samverkan.overrides"


def _given(options: dict[str, Any]) -> dict[str, str]:
    """The setting options the user gave, as the strings Settings.load reads."""
    return {key: str(value) for key, value in options.items() if value is not None}


@main.command()
@click.pass_obj
def build(settings: Settings) -> None:
    """Parse, validate, and publish the store and the dumps.

    Nothing is written unless every file parses and the data passes its
    shapes; the previous store and dumps stay as they were until then.
    """
    try:
        result = build_graph(settings)
    except ValidationFailed as failed:
        click.echo(render_text(failed.violations), err=True, nl=False)
        raise
    click.echo(render_text(result.warnings), err=True, nl=False)
    click.echo(
        f"Built {result.triples} triples in {result.graphs} named graphs into {result.store};"
        f" {len(published_files(result.manifest))} files in {result.dist}."
    )


@main.command()
@click.option(
    "--to",
    "target",
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory to write into (default: the dumps directory, --dist).",
)
@click.pass_obj
def export(settings: Settings, target: Path | None) -> None:
    """Write the dumps, network files, VoID, DCAT record and manifest from the store.

    Reads the store --store-kind names (the built one by default), so an
    external SPARQL engine can be exported too. The target directory is
    replaced in one step, as the build replaces the dumps: a directory
    holding other files is refused rather than overwritten.
    """
    target = (target or settings.dist).absolute()
    manifest = export_files(open_store(settings), target, datetime.now(UTC).date(), settings.site)
    click.echo(f"Exported {len(published_files(manifest))} files to {target}.")


@main.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def validate(settings: Settings, files: tuple[Path, ...], output: str) -> None:
    """Check the data against the SHACL shapes (exit status 1 on violations).

    With FILES, those data files are checked in place of the project's files
    of the same name, against the rest of the project, and only results
    about nodes they describe are shown. Without, all data is checked.
    """
    project = sources.discover(settings.root)
    if files:
        project = project.with_data(files)
    loaded = sources.load(project)
    graphs = [sources.data_file(path).graph for path in files] if files else None
    results = validate_data(loaded, graphs)
    click.echo(render_json(results) if output == "json" else render_text(results), nl=False)
    blocking = sum(result.blocking for result in results)
    if blocking:
        raise ValidationFailed(f"{blocking} SHACL violation(s).", results)
    if output == "text":
        click.echo(f"OK: the data conforms to the shapes ({len(results)} warning(s) or note(s)).", err=True)


@main.command()
@click.argument("query", required=False)
@click.option("--format", "output", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--list", "list_queries", is_flag=True, help="List the shipped queries and exit.")
@click.pass_obj
def query(settings: Settings, query: str | None, output: str, list_queries: bool) -> None:
    """Run QUERY on the store: a .rq file, SPARQL text, or a shipped query's name or number.

    The default graph is the union of all named graphs, and the prefixes
    sv, org, skos, dcterms, foaf, prov, time, owl, rdfs, rdf, xsd, cv, dcat
    and void are predeclared.
    """
    if list_queries:
        for shipped in queries.shipped():
            click.echo(
                f"{shipped.name}\n  sv: {shipped.titles.get('sv', '')}\n  en: {shipped.titles.get('en', '')}"
            )
        return
    if query is None:
        raise click.UsageError("Missing argument 'QUERY' (or use --list).")
    sparql = queries.resolve(query, site=settings.site)
    check_query(sparql)  # as on the web: no update, no SERVICE, no nesting deep enough to crash the engine
    result = open_store(settings).query(sparql)
    click.echo(render(result, output), nl=False)


@main.command()
@click.pass_obj
def stats(settings: Settings) -> None:
    """Show the size of the graph: triples, named graphs, instances per class."""
    figures = collect(open_store(settings))
    click.echo(f"triples (distinct, all graphs)  {figures.triples}")
    click.echo(f"quads                           {figures.quads}")
    click.echo(f"\nnamed graphs ({len(figures.graphs)}):")
    for graph, count in figures.graphs.items():
        click.echo(f"  {count:>8}  {graph}")
    click.echo(f"\ninstances per class ({len(figures.classes)}):")
    for cls, count in figures.classes.items():
        click.echo(f"  {count:>8}  {shorten(cls)}")


@main.command()
@_setting_option("config", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_setting_option("host")
@_setting_option("port", type=int)
@_setting_option("threads", type=int)
@_setting_option("query_timeout", type=float)
@_setting_option("result_limit", type=int)
@_setting_option("query_workers", type=int)
@_setting_option("sparql_rate")
@_setting_option("sparql_rate_exempt")
@_setting_option("trusted_proxy")
@_setting_option("log_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dev", is_flag=True, help="Run Flask's development server with the reloader instead; never in production.")
@click.pass_context
def serve(ctx: click.Context, dev: bool, **overrides: Any) -> None:
    """Serve the web app with waitress on the store --store-kind names (the built one by default).

    Logs go to standard error (or --log-file) as JSON lines: one record per
    request and one per SPARQL query. Ctrl-C or SIGTERM stops the server.
    """
    from graph.serve import run

    run(Settings.load({**ctx.meta[OVERRIDES], **_given(overrides)}), dev=dev)


@main.command()
@click.pass_obj
def publish(settings: Settings) -> None:
    """Load the built graph into an external SPARQL engine, named graph by named graph.

    Give the engine's Graph Store Protocol URL (--endpoint-store) and query
    URL (--endpoint-query) before the command. Each named graph of the built
    store replaces the engine's graph of that name; the engine's graphs under
    https://w3id.org/samverkan/graph/ that the build no longer has are
    deleted; other graphs are left alone. Build first: the sources are not
    read, so only validated data is published.
    """
    published = publish_graph(settings)
    triples = sum(published.replaced.values())
    click.echo(
        f"Published {len(published.replaced)} named graphs ({triples} triples)"
        f" from {settings.store} to {settings.endpoint_store}:"
    )
    for graph, count in published.replaced.items():
        click.echo(f"  replaced  {graph}  ({count} triples)")
    for graph in published.removed:
        click.echo(f"  removed   {graph}")
    EndpointStore.connect(settings.endpoint_query, timeout=settings.query_timeout)
    click.echo("The engine's default graph is the union of its named graphs, as the app needs.")


main.add_command(ingest)
