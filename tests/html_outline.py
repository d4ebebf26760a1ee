"""A small reader of the elements a page test looks at, by one of their attributes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attributes: dict[str, str]
    text: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)
    """(href, text) of the links inside, in order."""

    @property
    def words(self) -> str:
        """The text with its whitespace folded, as a reader sees it."""
        return re.sub(r"\s+", " ", self.text).strip()


class Outline(HTMLParser):
    """Every element carrying ``attribute``, in document order, with its whole text and links."""

    def __init__(self, html: str, attribute: str) -> None:
        super().__init__(convert_charrefs=True)
        self.attribute = attribute
        self.found: list[Element] = []
        self._open: list[tuple[str, Element | None]] = []
        self._link: tuple[str, list[str]] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        element = Element(tag, attributes) if self.attribute in attributes else None
        if element is not None:
            self.found.append(element)
        if tag == "a" and "href" in attributes:
            self._link = (attributes["href"], [])
        if tag not in VOID:
            self._open.append((tag, element))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            href, parts = self._link
            for _, element in self._open:
                if element is not None:
                    element.links.append((href, re.sub(r"\s+", " ", "".join(parts)).strip()))
            self._link = None
        while self._open:
            opened, _ = self._open.pop()
            if opened == tag:
                break

    def handle_data(self, data: str) -> None:
        for _, element in self._open:
            if element is not None:
                element.text += data
        if self._link is not None:
            self._link[1].append(data)


def outline(html: str, attribute: str) -> list[Element]:
    return Outline(html, attribute).found
