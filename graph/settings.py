"""Settings, declared once as (name, default, help).

Each setting can be given in a TOML config file (``config``: keys are the
setting names), as an environment variable ``SAMVERKAN_<NAME>`` that wins
over the file and, where the command line offers it, as an option that wins
over both. Paths default to places under the project root, so moving the
root moves them all; a relative path in the config file is taken from the
file's folder, so that the file can move with what it names.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from ipaddress import IPv4Network, IPv6Network, ip_address, ip_network
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
    Setting("threads", "8", "Threads of the web server (waitress): how many requests it answers at the same time."),
    Setting(
        "sparql_rate",
        "60/minute",
        "Most SPARQL queries one client address may run, through /sparql and the query page, as N/second, "
        "N/minute, N/hour or N/day (several separated by ';'); 'off' for no limit.",
    ),
    Setting(
        "sparql_rate_exempt",
        "127.0.0.0/8, ::1",
        "Client addresses or networks the SPARQL rate limit leaves alone, separated by commas; 'none' for none.",
    ),
    Setting(
        "trusted_proxy",
        "",
        "Address of a reverse proxy in front of the server whose X-Forwarded-For/-Proto/-Host/-Port headers "
        "are believed, so that logs and the rate limit see the client's address. Empty: no proxy.",
    ),
    Setting("log_file", "", "File the JSON-lines access and query logs are appended to; empty for standard error."),
    Setting(
        "config",
        "",
        "TOML file of settings, keyed by setting name (port = 8080); environment variables and options win over it.",
    ),
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
    threads: int
    sparql_rate: str | None
    """``None`` when the rate limit is off."""
    sparql_rate_exempt: tuple[IPv4Network | IPv6Network, ...]
    trusted_proxy: str
    log_file: Path | None
    config: Path | None

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
        """Resolve every setting: an override, else its environment variable, else the config file, else the default."""
        overrides = overrides or {}
        environ = os.environ if environ is None else environ
        from_file = _config_file(overrides, environ)
        raw: dict[str, str] = {}
        for setting in SETTINGS:
            value = overrides.get(setting.name)
            if value is None:
                value = environ.get(setting.env_var) or from_file.get(setting.name) or setting.default
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
            threads=_number(raw, "threads", int),
            sparql_rate=_rate(raw["sparql_rate"]),
            sparql_rate_exempt=_networks(raw["sparql_rate_exempt"]),
            trusted_proxy=_proxy(raw["trusted_proxy"]),
            log_file=_path(raw["log_file"], root) if raw["log_file"] else None,
            config=Path(raw["config"]).expanduser().absolute() if raw["config"] else None,
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


RATE = re.compile(r"[1-9]\d*\s*(?:/|per)\s*(?:[1-9]\d*\s*)?(?:second|minute|hour|day)s?", re.IGNORECASE)
"""One rate as flask-limiter reads it: ``60/minute``, ``1000 per day``, ``10/5 seconds``."""


def _rate(value: str) -> str | None:
    """The SPARQL rate limit, or ``None`` for ``off``."""
    if value.strip().lower() == "off":
        return None
    if not all(RATE.fullmatch(part.strip()) for part in value.split(";")):
        raise SamverkanError(
            "--sparql-rate / SAMVERKAN_SPARQL_RATE must be a rate such as 60/minute or 1000/day"
            f" (several separated by ';'), or off, not {value!r}."
        )
    return value.strip()


def _networks(value: str) -> tuple[IPv4Network | IPv6Network, ...]:
    """The addresses the rate limit leaves alone (an address is a network of one)."""
    parts = [part.strip() for part in value.split(",") if part.strip()]
    if [part.lower() for part in parts] == ["none"]:
        return ()
    try:
        return tuple(ip_network(part, strict=False) for part in parts)
    except ValueError as error:
        raise SamverkanError(
            "--sparql-rate-exempt / SAMVERKAN_SPARQL_RATE_EXEMPT must be IP addresses or networks"
            f" separated by commas (127.0.0.0/8, ::1), or none: {error}."
        ) from None


def _proxy(value: str) -> str:
    """The reverse proxy's address, checked, since waitress would only say so when it starts."""
    if value:
        try:
            ip_address(value)
        except ValueError:
            raise SamverkanError(
                f"--trusted-proxy / SAMVERKAN_TRUSTED_PROXY must be an IP address, not {value!r}."
            ) from None
    return value


PATH_SETTINGS = frozenset({"root", "store", "dist", "log_file"})


def _config_file(overrides: Mapping[str, str | None], environ: Mapping[str, str]) -> dict[str, str]:
    """The settings the TOML config file gives, as strings; each key and value is checked, naming file, line and key."""
    name = overrides.get("config") or environ.get(setting("config").env_var)
    if not name:
        return {}
    path = Path(name).expanduser().absolute()
    try:
        text = path.read_text(encoding="utf-8")
        table = tomllib.loads(text)
    except OSError as error:
        raise SamverkanError(f"Cannot read the config file {path}: {error.strerror}.") from None
    except UnicodeDecodeError as error:
        raise SamverkanError(f"{path}: not UTF-8 (byte {error.start + 1}).") from None
    except tomllib.TOMLDecodeError as error:
        raise SamverkanError(f"{path}: not valid TOML: {error}.") from None
    names = [declared.name for declared in SETTINGS if declared.name != "config"]
    values: dict[str, str] = {}
    for key, value in table.items():
        line = _line_of(text, key)
        where = f"{path}:{line}" if line else str(path)
        if key not in names:
            raise SamverkanError(f"{where}: {key!r} is not a setting; the settings are {', '.join(names)}.")
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise SamverkanError(f"{where}: {key} must be a string or a number, not {value!r}.")
        given = str(value)
        if key in PATH_SETTINGS and given and not given.startswith(("{root}", "~")):
            given = str(path.parent / given)  # an absolute path stays as it is
        try:
            Settings.load({key: given}, environ={})  # the value on its own, so that the message can name the key
        except SamverkanError as error:
            raise SamverkanError(f"{where}: {key} = {value!r}: {error}") from None
        values[key] = given
    return values


def _line_of(text: str, key: str) -> int | None:
    """The line of the config file where ``key`` is set (tomllib gives no positions for good TOML)."""
    match = re.search(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*=", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _path(value: str, root: Path) -> Path:
    """Expand ``{root}``; made absolute but not resolved, since the store and dist are symlinks."""
    return Path(value.replace("{root}", str(root))).expanduser().absolute()


def setting(name: str) -> Setting:
    """The declared setting called ``name`` (for option help and env var names)."""
    return next(s for s in SETTINGS if s.name == name)
