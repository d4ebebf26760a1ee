"""The Samverkan web app: pages over the built store, in Swedish and English.

:func:`create_app` is the application factory; the store is opened in one
place (:mod:`webapp.store`) and each kind of page is a blueprint.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from graph.settings import Settings
from webapp import dumps, errors, home, i18n, resources, store


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Create the app; settings come from the environment unless ``test_config`` overrides them."""
    app = Flask(__name__)
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True
    settings = Settings.load()
    app.config.from_mapping(STORE_PATH=str(settings.store), DIST_DIR=str(settings.dist))
    if test_config is not None:
        app.config.from_mapping(test_config)

    store.init_app(app)
    i18n.init_app(app)
    errors.init_app(app)
    app.register_blueprint(home.bp)
    app.register_blueprint(resources.bp)
    app.register_blueprint(dumps.bp)
    return app
