"""Security headers on every kind of answer, a policy the browser enforces, and pages that live within it."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest
from browser import Visit
from playwright.sync_api import Browser

from graph import queries
from graph.settings import Settings
from webapp import create_app
from webapp.security import CONTENT_SECURITY_POLICY, HEADERS
from webapp.sparql import EXTENSION

TEMPLATES = Path(__file__).resolve().parent.parent / "webapp" / "templates"


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]


def fetch(url: str, *, method: str = "GET", headers: dict[str, str] | None = None) -> Reply:
    """One request over real HTTP, redirects not followed; the status and headers of the answer."""

    class NoRedirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    request = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with urllib.request.build_opener(NoRedirects).open(request, timeout=60) as response:
            response.read()
            return Reply(response.status, dict(response.headers))
    except urllib.error.HTTPError as error:
        with error:
            return Reply(error.code, dict(error.headers))


def assert_secured(reply: Reply) -> None:
    for name, value in HEADERS.items():
        assert reply.headers.get(name) == value, (name, reply.status)


ANSWERS = [
    ("/", "text/html", 200),
    ("/network?lang=en", "text/html", 200),
    ("/api/network?view=partnership", "application/json", 200),
    ("/api/search?q=KI", "application/json", 200),
    ("/api/node?iri=no-such-thing", "application/json", 404),
    ("/api/network?view=sideways", "application/json", 400),
    ("/static/style.css", "*/*", 200),
    ("/static/network.js", "*/*", 200),
    ("/vendor/vis-network-9.1.2/vis-network.min.js", "*/*", 200),
    ("/dumps/manifest.json", "*/*", 200),
    ("/id/org/huddinge-kommun", "text/turtle", 200),
    ("/id/org/huddinge-kommun", "text/html", 200),
    ("/catalog", "text/turtle", 200),
    ("/no/such/page", "text/html", 404),
    ("/no/such/page", "application/json", 404),
    ("/sparql?" + urlencode({"query": "ASK {}"}), "application/sparql-results+json", 200),
    ("/sparql?" + urlencode({"query": "ASK {"}), "text/plain", 400),
    ("/sparql?" + urlencode({"query": "ASK {}"}), "text/html", 303),
]


@pytest.mark.parametrize(("path", "accept", "status"), ANSWERS, ids=[f"{p} {a}" for p, a, _ in ANSWERS])
def test_every_kind_of_answer_carries_the_headers(live_server: str, path: str, accept: str, status: int) -> None:
    reply = fetch(live_server + path, headers={"Accept": accept})
    assert reply.status == status
    assert_secured(reply)


def test_the_endpoint_keeps_its_cors_headers(live_server: str) -> None:
    answer = fetch(live_server + "/sparql?" + urlencode({"query": "ASK {}"}), headers={"Origin": "https://example.org"})
    assert answer.headers["Access-Control-Allow-Origin"] == "*"
    assert "Retry-After" in answer.headers["Access-Control-Expose-Headers"]  # a page elsewhere may read a 429's wait
    assert_secured(answer)
    preflight = fetch(
        live_server + "/sparql",
        method="OPTIONS",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST"},
    )
    assert preflight.status == 200 and "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert_secured(preflight)


def test_an_unexpected_error_carries_the_headers_too(built: Settings) -> None:
    app = create_app({"STORE_PATH": str(built.store), "DIST_DIR": str(built.dist)})  # not TESTING: errors are answered

    @app.get("/fails")
    def fails() -> str:
        raise RuntimeError("a bug")

    reply = app.test_client().get("/fails")
    assert reply.status_code == 500 and b"a bug" not in reply.data
    for name, value in HEADERS.items():
        assert reply.headers[name] == value
    app.extensions[EXTENSION].close()


def test_the_policy_allows_the_app_s_own_origin_only() -> None:
    directives = dict(directive.split(" ", 1) for directive in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["default-src"] == directives["script-src"] == directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'" and HEADERS["X-Frame-Options"] == "DENY"
    assert "unsafe" not in CONTENT_SECURITY_POLICY and "*" not in CONTENT_SECURITY_POLICY


def test_no_template_has_inline_script_or_style() -> None:
    """What the policy would block: found here by name, rather than as a browser's console error."""
    for template in sorted(TEMPLATES.glob("*.html")):
        text = template.read_text(encoding="utf-8")
        for line_number, line in enumerate(text.splitlines(), 1):
            where = f"{template.name}:{line_number}"
            assert " style=" not in line and "<style" not in line, f"{where}: inline style"
            assert not re.search(r"<[^>]*\son[a-z]+\s*=", line), f"{where}: event handler attribute"
            if "<script" in line:
                assert "src=" in line or 'type="application/json"' in line, f"{where}: inline script"


# --- in a browser ---------------------------------------------------------------------------------


def _pages() -> list[str]:
    shipped = queries.shipped()
    first = [f"/queries/{shipped[0].name}"] if shipped else []
    return [
        "/",
        "/network",
        "/network?view=neighbourhood&focus=org/karolinska-institutet&depth=2",
        "/analytics",
        "/timeline",
        "/query",
        "/queries",
        *first,
        "/id/org/huddinge-kommun",
        "/downloads",
        "/ns",
        "/shapes",
    ]


@pytest.mark.parametrize("path", _pages())
def test_pages_work_within_the_policy(visit: Visit, path: str) -> None:
    """A blocked script or style is logged as a console error, which fails the visit."""
    page = visit.open(path)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("() => document.readyState") == "complete"


def test_the_browser_enforces_the_policy(browser: Browser, live_server: str) -> None:
    """An inline script slipped into a page does not run: the policy is in force, not merely sent."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(live_server + "/")
        outcome = page.evaluate(
            """() => new Promise((resolve) => {
                document.addEventListener("securitypolicyviolation", (event) => resolve(event.violatedDirective));
                const script = document.createElement("script");
                script.textContent = "window.ranInline = true;";
                document.body.append(script);
                setTimeout(() => resolve(window.ranInline ? "ran" : "no event"), 2000);
            })"""
        )
        assert outcome.startswith("script-src")
        assert page.evaluate("() => window.ranInline === undefined")
    finally:
        context.close()


def test_no_other_site_can_frame_a_page(browser: Browser, live_server: str) -> None:
    """A page elsewhere (here a blank page of no origin) that frames the home page gets the browser's error instead."""
    context = browser.new_context()
    try:
        page = context.new_page()
        refusals: list[str] = []
        page.on("console", lambda message: refusals.append(message.text) if "frame-ancestors" in message.text else None)
        page.set_content(f'<iframe src="{live_server}/" width="600" height="400"></iframe>')
        page.wait_for_load_state("load")
        page.wait_for_timeout(500)  # let the frame's navigation settle; nothing is measured
        (frame,) = page.main_frame.child_frames
        assert frame.url != live_server + "/"
        assert refusals and "'none'" in refusals[0]
    finally:
        context.close()
