"""Every internal link and anchor of the built site resolves; the inventory lists the API."""

from __future__ import annotations

import re
import zlib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest

from conftest import LANGUAGES
from test_contract import CONTRACT

pytestmark = pytest.mark.build


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name"):
            if attrs.get(key):
                self.ids.add(attrs[key])
        for key in ("href", "src"):
            if attrs.get(key):
                self.hrefs.append(attrs[key])


def _parse(path: Path, cache: dict[Path, _Page]) -> _Page:
    if path not in cache:
        page = _Page()
        page.feed(path.read_text(encoding="utf-8", errors="replace"))
        cache[path] = page
    return cache[path]


def _is_internal(href: str) -> bool:
    return not urlsplit(href).scheme and not href.startswith(("//", "mailto:", "javascript:", "data:"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_internal_link_or_anchor_is_broken(site, language):
    root = site / language
    cache: dict[Path, _Page] = {}
    broken = []
    for page_path in sorted(root.rglob("*.html")):
        if "_static" in page_path.parts:
            continue
        for href in _parse(page_path, cache).hrefs:
            if not _is_internal(href):
                continue
            target, fragment = urldefrag(href)
            target_path = (page_path.parent / unquote(urlsplit(target).path)).resolve() if target else page_path
            if target_path.is_dir():
                target_path = target_path / "index.html"
            where = f"{page_path.relative_to(site)} -> {href}"
            if not target_path.exists():
                broken.append(f"{where} (no such file)")
            elif fragment and target_path.suffix == ".html" and unquote(fragment) not in _parse(target_path, cache).ids:
                broken.append(f"{where} (no such anchor)")
    assert not broken, f"{len(broken)} broken internal links:\n" + "\n".join(broken[:40])


def _inventory_names(path: Path) -> set[str]:
    raw = path.read_bytes()
    header_end = 0
    for _ in range(4):  # four header lines, then zlib-compressed entries
        header_end = raw.index(b"\n", header_end) + 1
    body = zlib.decompress(raw[header_end:]).decode()
    return {line.split(" ", 1)[0] for line in body.splitlines() if re.match(r"\S+ py:", line)}


@pytest.mark.parametrize("language", LANGUAGES)
def test_objects_inv_lists_every_public_name_of_the_contract(site, language):
    names = _inventory_names(site / language / "objects.inv")
    expected = {f"notes.{module}.{name}" for module, members in CONTRACT.items() for name in members}
    missing = sorted(expected - names)
    assert not missing, f"objects.inv of {language} lacks {missing}"


def test_every_public_function_has_a_stable_anchor_on_its_api_page(site):
    page = (site / "en" / "api" / "activations.html").read_text(encoding="utf-8")
    for name in CONTRACT["activations"]:
        assert f'id="notes.activations.{name}"' in page
