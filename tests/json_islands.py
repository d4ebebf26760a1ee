"""Reading a page's JSON data islands (``<script type="application/json">``), for tests of what pages embed."""

from __future__ import annotations

from html.parser import HTMLParser


class IslandParser(HTMLParser):
    """Collects the text of every JSON island in ``islands``; subclasses look at the other tags too."""

    def __init__(self, **options: bool) -> None:
        super().__init__(**options)
        self.islands: list[str] = []
        self._island: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and dict(attrs).get("type") == "application/json":
            self._island = []

    def handle_data(self, data: str) -> None:
        if self._island is not None:
            self._island.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._island is not None:
            self.islands.append("".join(self._island))
            self._island = None
