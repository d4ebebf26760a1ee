"""Driving Debian's Chromium with Playwright, for every browser test.

Never a browser Playwright downloads: the tests use Debian's ``chromium``
(or the one ``SAMVERKAN_CHROMIUM`` names). Without it they are skipped with
the reason, except in CI (``CI=true``), where a missing browser fails them.
Every tab is watched: a request to anywhere but the app, a script error or
an error logged to the console fails the test, since pages must work
offline and cleanly. Screenshots go to ``test-artifacts/`` (or
``SAMVERKAN_ARTIFACTS``) for people to look at.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Response, sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ASSETS = {"script", "stylesheet", "image", "font"}
NETWORK_STATUS = "Failed to load resource:"
"""How Chromium logs an HTTP error status; an answer the page expects (a 400 for a bad query) is no error."""
ARTIFACTS = Path(os.environ.get("SAMVERKAN_ARTIFACTS", Path(__file__).resolve().parent.parent / "test-artifacts"))


def chromium() -> str | None:
    """Debian's Chromium, or the one ``SAMVERKAN_CHROMIUM`` names."""
    return os.environ.get("SAMVERKAN_CHROMIUM") or shutil.which("chromium")


@contextmanager
def launched_browser() -> Iterator[Browser]:
    path = chromium()
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must run the browser tests: install Debian's chromium (apt-get install chromium)")
        pytest.skip("no Chromium: install Debian's chromium, or name one in SAMVERKAN_CHROMIUM")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Visit:
    """A browser tab on one server, with every request it made and every error it raised or logged."""

    page: Page
    origin: str
    requests: list[tuple[str, str]] = field(default_factory=list)
    """(method, URL without its query string) of every request the tab made."""
    errors: list[str] = field(default_factory=list)
    """Script errors, errors logged to the console, and page assets (scripts, styles, images) that failed."""

    def open(self, path: str) -> Page:
        self.page.goto(self.origin + path)
        return self.page

    def posted_to(self, path: str) -> bool:
        """Whether the page sent a POST to ``path`` itself (with fetch), rather than leaving for it."""
        return ("POST", self.origin + path) in self.requests

    def elsewhere(self) -> list[str]:
        """Requests that left the app's origin (a download's ``blob:`` URL of the page's own stays)."""
        own = (self.origin + "/", f"blob:{self.origin}/")
        return [url for _, url in self.requests if not url.startswith(own)]

    def screenshot(self, name: str) -> Path:
        """Save the whole page as ``{name}.png`` among the test artefacts."""
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


@contextmanager
def visiting(browser: Browser, origin: str, *, width: int = 1200, height: int = 900) -> Iterator[Visit]:
    """A fresh tab on ``origin``; on leaving, no request may have left it and nothing may have failed."""
    context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
    visit = Visit(context.new_page(), origin)
    context.on("request", lambda request: visit.requests.append((request.method, request.url.split("?")[0])))
    visit.page.on("pageerror", lambda error: visit.errors.append(str(error)))
    visit.page.on("console", lambda message: _console(visit, message))
    context.on("response", lambda response: _asset(visit, response))
    try:
        yield visit
    finally:
        context.close()
    assert visit.elsewhere() == [] and visit.errors == []


def _console(visit: Visit, message: ConsoleMessage) -> None:
    if message.type == "error" and not message.text.startswith(NETWORK_STATUS):
        visit.errors.append(message.text)


def _asset(visit: Visit, response: Response) -> None:
    if response.status >= 400 and response.request.resource_type in ASSETS:
        visit.errors.append(f"{response.status} for {response.url}")
