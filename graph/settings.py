"""Settings, declared once as (name, default, help).

Each setting can be given as an environment variable ``SAMVERKAN_<NAME>``
and, where the command line offers it, as an option that wins over the
environment. Paths default to places under the project root, so moving the
root moves them all.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from graph.errors import SamverkanError

REPOSITORY_ROOT = Path(__file__).resolve().parent.parent
"""The checkout this package was installed from (editable installs) or sits in."""


@dataclass(frozen=True)
class Setting:
    """One setting: its name, its default (``{root}`` is the project root) and what it is for."""

    name: str
    default: str
    help: str

    @property
    def env_var(self) -> str:
        return f"SAMVERKAN_{self.name.upper()}"


SETTINGS: tuple[Setting, ...] = (
    Setting("root", str(REPOSITORY_ROOT), "Project root holding ontology/, data/ and shapes/."),
    Setting("store", "{root}/var/store", "Directory of the built Oxigraph store."),
    Setting("dist", "{root}/dist", "Directory of the published dumps."),
    Setting("host", "127.0.0.1", "Address the web server listens on."),
    Setting("port", "5000", "Port the web server listens on."),
)


@dataclass(frozen=True)
class Settings:
    """Resolved settings, as the rest of the code uses them."""

    root: Path
    store: Path
    dist: Path
    host: str
    port: int

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
        try:
            port = int(raw["port"])
        except ValueError:
            raise SamverkanError(f"The port must be a number, not {raw['port']!r}.") from None
        return cls(
            root=root,
            store=_path(raw["store"], root),
            dist=_path(raw["dist"], root),
            host=raw["host"],
            port=port,
        )


def _path(value: str, root: Path) -> Path:
    """Expand ``{root}``; made absolute but not resolved, since the store and dist are symlinks."""
    return Path(value.replace("{root}", str(root))).expanduser().absolute()


def setting(name: str) -> Setting:
    """The declared setting called ``name`` (for option help and env var names)."""
    return next(s for s in SETTINGS if s.name == name)
