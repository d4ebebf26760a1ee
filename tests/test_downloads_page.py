"""The downloads page over real HTTP: every published file and what a downloader needs to know, in both languages."""

from __future__ import annotations

import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

from conftest import serving

from graph.dist import GROUPS, published_files, read_manifest
from graph.settings import Settings
from webapp import create_app
from webapp.i18n import MESSAGES


class Links(HTMLParser):
    """The page's language and the targets of its links."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.lang: str | None = None
        self.hrefs: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.lang = found.get("lang")
        if tag == "a" and found.get("href"):
            self.hrefs.append(found["href"] or "")


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers["Content-Type"], error.read()


def test_page_lists_every_file_with_format_size_count_and_checksum(live_server: str, built: Settings) -> None:
    status, _, body = fetch(f"{live_server}/downloads")
    html = body.decode("utf-8")
    page = Links(html)
    assert status == 200 and page.lang == "sv"
    assert MESSAGES["sv"]["downloads_title"] in html
    manifest = read_manifest(built.dist)
    assert manifest is not None
    for name in published_files(manifest):
        assert f"/dumps/{name}" in page.hrefs, name
        status, _, content = fetch(f"{live_server}/dumps/{name}")
        assert status == 200 and content == (built.dist / name).read_bytes()
    for group in GROUPS:
        for entry in manifest[group]:
            assert entry["sha256"] in html and entry["format"] in html and entry["title"]["sv"] in html
            assert entry.get("gzip", {}).get("sha256", "") in html
    for entry in manifest["dumps"]:
        count, unit = (entry["quads"], "kvadrupler") if "quads" in entry else (entry["triples"], "tripler")
        assert f"{count:,} {unit}".replace(",", " ") in html
    for address in ("/.well-known/void", "/catalog", "/context.jsonld", "/catalog?format=jsonld"):
        assert address in page.hrefs


def test_page_is_in_english_one_click_away(live_server: str) -> None:
    swedish = Links(fetch(f"{live_server}/downloads")[2].decode("utf-8"))
    assert "/downloads?lang=en" in swedish.hrefs
    status, _, body = fetch(f"{live_server}/downloads?lang=en")
    html = body.decode("utf-8")
    assert status == 200 and Links(html).lang == "en"
    assert MESSAGES["en"]["downloads_title"] in html and "triples" in html


def test_every_page_links_to_the_downloads(live_server: str) -> None:
    home = fetch(f"{live_server}/")[2].decode("utf-8")
    assert Links(home).hrefs.count("/downloads") == 2  # the navigation and the home page's list of dumps
    assert MESSAGES["sv"]["nav_downloads"] in home


def test_without_a_build_the_page_says_so(built: Settings, tmp_path: Path) -> None:
    app = create_app({"TESTING": True, "STORE_PATH": str(built.store), "DIST_DIR": str(tmp_path / "none")})
    with serving(app) as url:
        status, _, body = fetch(f"{url}/downloads")
        assert status == 200 and MESSAGES["sv"]["no_downloads"] in body.decode("utf-8")
        assert fetch(f"{url}/dumps/samverkan.ttl")[0] == 404
        for address in ("/catalog", "/.well-known/void", "/context.jsonld"):
            status, media_type, _ = fetch(f"{url}{address}")
            assert status == 503 and media_type.startswith("text/html")
