"""Read a built page: a small element tree made with the standard library's ``html.parser``.

>>> page = parse('<p class="a b">Hi <a href="x.html#y">there</a><br>!</p>')
>>> [link.attrs["href"] for link in page.find_all("a")]
['x.html#y']
>>> page.find_all("p")[0].classes == {"a", "b"}, page.text()
(True, 'Hi there!')
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# Elements that never have content (and so no end tag).
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass(eq=False)
class Element:
    """One element: its tag, its attributes and its children (elements and text)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)
    parent: Element | None = field(default=None, repr=False)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self) -> Iterator[Element]:
        """This element and every element inside it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, *, class_: str | None = None) -> list[Element]:
        """The elements inside this one (itself included) with that tag and that class."""
        return [
            element
            for element in self.iter()
            if (tag is None or element.tag == tag) and (class_ is None or class_ in element.classes)
        ]

    def ancestors(self) -> Iterator[Element]:
        parent = self.parent
        while parent is not None:
            yield parent
            parent = parent.parent

    def text(self, *, skip: Callable[[Element], bool] = lambda element: False, separator: str = "") -> str:
        """The text inside this element, leaving out the elements ``skip`` says to; its pieces
        (one per run of text between tags) joined by ``separator``."""
        return separator.join(self._texts(skip))

    def _texts(self, skip: Callable[[Element], bool]) -> Iterator[str]:
        for child in self.children:
            if isinstance(child, str):
                yield child
            elif not skip(child):
                yield from child._texts(skip)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs}, parent=self.open[-1])
        self.open[-1].children.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()

    def handle_endtag(self, tag: str) -> None:
        # An end tag closes its element and any left open inside it; a stray one is ignored.
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.open[-1].children.append(data)


def parse(source: str | Path) -> Element:
    """The element tree of an HTML document, given as text or as the path of a file."""
    if isinstance(source, Path):
        source = source.read_text(encoding="utf-8", errors="replace")
    builder = _TreeBuilder()
    builder.feed(source)
    builder.close()
    return builder.root
