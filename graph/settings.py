"""Settings, declared once as (name, default, help).

Each setting can be given as an environment variable ``SAMVERKAN_<NAME>``
and, where the command line offers it, as an option that wins over the
environment. Paths default to places under the project root, so moving the
root moves them all.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from graph.errors import SamverkanError
from graph.namespaces import CANONICAL_BASE, Site

REPOSITORY_ROOT = Path(__file__).resolve().parent.parent
"""The checkout this package was installed from (editable installs) or sits in."""


@dataclass(frozen=True)
class Setting:
    """One setting: its name, its default (``{root}`` is the project root) and what it is for."""

    name: str
    default: str
    help: str
    choices: tuple[str, ...] = ()

    @property
    def env_var(self) -> str:
        return f"SAMVERKAN_{self.name.upper()}"

    @property
    def option(self) -> str:
        return "--" + self.name.replace("_", "-")


STORE_KINDS = ("disk", "memory", "endpoint")

SETTINGS: tuple[Setting, ...] = (
    Setting("root", str(REPOSITORY_ROOT), "Project root holding ontology/, data/ and shapes/."),
    Setting("store", "{root}/var/store", "Directory of the built Oxigraph store."),
    Setting("dist", "{root}/dist", "Directory of the published dumps."),
    Setting(
        "store_kind",
        "disk",
        "Which store the app and queries use: the embedded Oxigraph store on disk, "
        "the graph loaded into memory, or an external SPARQL 1.1 endpoint.",
        STORE_KINDS,
    ),
    Setting("endpoint_query", "", "Query URL of the external SPARQL endpoint (store kind 'endpoint', and `samverkan publish`)."),
    Setting("endpoint_store", "", "Graph Store Protocol URL of the external endpoint (used by `samverkan publish`)."),
    Setting("query_timeout", "30", "Seconds a SPARQL query may run on the public endpoint before it is stopped."),
    Setting("result_limit", "10000", "Most result rows (or triples) the public endpoint returns; it says when it cuts."),
    Setting("query_workers", "2", "Worker processes that run public SPARQL queries, each stoppable on time-out."),
    Setting(
        "base",
        CANONICAL_BASE,
        "Base IRI of the published graph: instance, named-graph and dataset IRIs are minted under it, "
        "and the web app serves them. The data files are written under the canonical base; "
        "the build rewrites those IRIs to this one.",
    ),
    Setting("host", "127.0.0.1", "Address the web server listens on."),
    Setting("port", "5000", "Port the web server listens on."),
)


@dataclass(frozen=True)
class Settings:
    """Resolved settings, as the rest of the code uses them."""

    root: Path
    store: Path
    dist: Path
    store_kind: str
    endpoint_query: str
    endpoint_store: str
    query_timeout: float
    result_limit: int
    query_workers: int
    base: str
    host: str
    port: int

    @property
    def site(self) -> Site:
        """The IRIs this deployment mints and serves."""
        return Site(self.base)

    @classmethod
    def load(
        cls,
        overrides: Mapping[str, str | None] | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> Settings:
        """Resolve every setting: an override, else its environment variable, else its default."""
        overrides = overrides or {}
        environ = os.environ if environ is None else environ
        raw: dict[str, str] = {}
        for setting in SETTINGS:
            value = overrides.get(setting.name)
            if value is None:
                value = environ.get(setting.env_var) or setting.default
            raw[setting.name] = value
        root = Path(raw["root"]).expanduser().resolve()
        store_kind = raw["store_kind"]
        if store_kind not in STORE_KINDS:
            raise SamverkanError(f"The store kind must be one of {', '.join(STORE_KINDS)}, not {store_kind!r}.")
        return cls(
            root=root,
            store=_path(raw["store"], root),
            dist=_path(raw["dist"], root),
            store_kind=store_kind,
            endpoint_query=raw["endpoint_query"],
            endpoint_store=raw["endpoint_store"],
            query_timeout=_number(raw, "query_timeout", float),
            result_limit=_number(raw, "result_limit", int),
            query_workers=_number(raw, "query_workers", int),
            base=_base(raw["base"]),
            host=raw["host"],
            port=_number(raw, "port", int),
        )


def _number(raw: Mapping[str, str], name: str, kind: Callable[[str], Any]) -> Any:
    """The setting ``name`` as a positive number of ``kind``, or a message naming it."""
    try:
        value = kind(raw[name])
    except ValueError:
        value = None
    if value is None or value <= 0:
        option = setting(name)
        raise SamverkanError(
            f"{option.option} / {option.env_var} must be a positive number, not {raw[name]!r}."
        )
    return value


def _base(value: str) -> str:
    """The base IRI, which must be absolute http(s) and end in ``/`` so that paths append to it."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise SamverkanError(
            f"--base / SAMVERKAN_BASE must be an http(s) IRI without query or fragment, not {value!r}."
        )
    return value if value.endswith("/") else value + "/"


def _path(value: str, root: Path) -> Path:
    """Expand ``{root}``; made absolute but not resolved, since the store and dist are symlinks."""
    return Path(value.replace("{root}", str(root))).expanduser().absolute()


def setting(name: str) -> Setting:
    """The declared setting called ``name`` (for option help and env var names)."""
    return next(s for s in SETTINGS if s.name == name)
