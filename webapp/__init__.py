"""The Samverkan web app: pages over the built store, in Swedish and English.

:func:`create_app` is the application factory; the store is opened in one
place (:mod:`webapp.store`) and each kind of page is a blueprint.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from flask import Config, Flask

from graph.settings import Settings
from webapp import (
    analytics_page,
    descriptions,
    dumps,
    errors,
    explorer,
    home,
    i18n,
    limits,
    logs,
    network_cache,
    ontology_page,
    page_cache,
    query_page,
    resources,
    security,
    sparql,
    store,
    timeline,
    vendor,
)


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Create the app; settings come from the environment unless ``test_config`` overrides them.

    ``SAMVERKAN_SETTINGS`` holds the resolved :class:`~graph.settings.Settings`
    (which store to read); ``STORE_PATH`` and ``DIST_DIR``, when given,
    override its store and dumps directories (see :func:`_settle_paths`).
    """
    app = Flask(__name__)
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True
    app.config.from_mapping(SAMVERKAN_SETTINGS=Settings.load())
    if test_config is not None:
        app.config.from_mapping(test_config)
    _settle_paths(app.config)

    store.init_app(app)
    network_cache.init_app(app)
    i18n.init_app(app)
    errors.init_app(app)
    security.init_app(app)
    limits.init_app(app)
    logs.init_app(app)
    app.register_blueprint(home.bp)
    app.register_blueprint(resources.bp)
    app.register_blueprint(dumps.bp)
    app.register_blueprint(descriptions.bp)
    app.register_blueprint(query_page.bp)
    app.register_blueprint(vendor.bp)
    app.register_blueprint(explorer.bp)
    app.register_blueprint(analytics_page.bp)
    app.register_blueprint(timeline.bp)
    app.register_blueprint(ontology_page.bp)
    sparql.init_app(app)
    page_cache.init_app(app)  # last: the checks and limits above run first, even for a kept answer
    return app


def _settle_paths(config: Config) -> None:
    """Make ``STORE_PATH``/``DIST_DIR`` and the settings agree; the paths win where given."""
    settings: Settings = config["SAMVERKAN_SETTINGS"]
    store_path = Path(config.setdefault("STORE_PATH", str(settings.store)))
    dist_dir = Path(config.setdefault("DIST_DIR", str(settings.dist)))
    config["SAMVERKAN_SETTINGS"] = replace(settings, store=store_path, dist=dist_dir)
