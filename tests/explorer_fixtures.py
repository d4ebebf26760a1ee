"""A project whose labels are markup, for the explorer's escaping tests, and names the tests share.

``tests/fixtures/explorer/hostile.ttl`` adds to the small fixture project a
university labelled ``<img src=x onerror=alert(1)>`` (in Swedish only, so
its English label falls back to it) and an agreement whose labels hold a
script element and HTML.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FIXTURE_PROJECT, FIXTURES, copy_project, settings_for

from graph.build import build
from graph.namespaces import CANONICAL
from graph.settings import Settings
from graph.views import Limits

HOSTILE = CANONICAL.id_base + "org/hostile"
HOSTILE_LABEL = "<img src=x onerror=alert(1)>"
HOSTILE_AGREEMENT = CANONICAL.id_base + "agreement/hostile-huddinge"
HOSTILE_AGREEMENT_LABELS = {"sv": "Avtal <script>alert(2)</script>", "en": 'Agreement "quoted" & <b>bold</b>'}
KI = CANONICAL.id_base + "org/karolinska-institutet"
HUDDINGE = CANONICAL.id_base + "org/huddinge-kommun"
SMALL_LIMITS = Limits(layout=10, summary=100)
"""Low enough that the real data's views are laid out on the server (10 nodes on) or summarised (over 100)."""


def build_hostile_project(target: Path) -> Settings:
    """The fixture project plus ``hostile.ttl``, copied into ``target`` and built."""
    copy_project(FIXTURE_PROJECT, target)
    shutil.copy(FIXTURES / "explorer" / "hostile.ttl", target / "data")
    settings = settings_for(target)
    build(settings)
    return settings
