"""Settings are declared once, documented, and read from options, environment or defaults."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from graph.cli import main
from graph.settings import REPOSITORY_ROOT, SETTINGS, Settings


def test_every_setting_is_documented_in_the_help(runner: CliRunner) -> None:
    help_text = runner.invoke(main, ["--help"]).stdout + runner.invoke(main, ["serve", "--help"]).stdout
    for setting in SETTINGS:
        assert setting.help
        assert setting.option in help_text and setting.env_var in help_text


def test_defaults_follow_the_root(tmp_path: Path) -> None:
    settings = Settings.load({"root": str(tmp_path)}, environ={})
    assert (settings.store, settings.dist) == (tmp_path / "var" / "store", tmp_path / "dist")
    assert (settings.host, settings.port) == ("127.0.0.1", 5000)
    assert Settings.load(environ={}).root == REPOSITORY_ROOT


def test_environment_and_overrides(tmp_path: Path) -> None:
    environ = {"SAMVERKAN_ROOT": str(tmp_path), "SAMVERKAN_PORT": "8080", "SAMVERKAN_DIST": "/srv/dumps"}
    settings = Settings.load({"port": "9090"}, environ=environ)
    assert (settings.root, settings.port, settings.dist) == (tmp_path, 9090, Path("/srv/dumps"))
