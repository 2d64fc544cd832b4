"""Every internal link and anchor of the built site resolves; the inventory lists the API."""

from __future__ import annotations

import re
import zlib
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest
from editions import LANGUAGES

from support.api import PUBLIC_NAMES
from support.pages import Element, parse

pytestmark = pytest.mark.build


def _targets(page: Element) -> tuple[set[str], list[str]]:
    """The anchors a page has (``id`` and ``name``) and the URLs it points to (``href``, ``src``)."""
    elements = list(page.iter())
    ids = {element.attrs[key] for element in elements for key in ("id", "name") if element.attrs.get(key)}
    urls = [element.attrs[key] for element in elements for key in ("href", "src") if element.attrs.get(key)]
    return ids, urls


def _read(path: Path, cache: dict[Path, tuple[set[str], list[str]]]) -> tuple[set[str], list[str]]:
    if path not in cache:
        cache[path] = _targets(parse(path))
    return cache[path]


def _is_internal(href: str) -> bool:
    return not urlsplit(href).scheme and not href.startswith(("//", "mailto:", "javascript:", "data:"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_internal_link_or_anchor_is_broken(site, language):
    root = site / language
    cache: dict[Path, tuple[set[str], list[str]]] = {}
    broken = []
    for page_path in sorted(root.rglob("*.html")):
        if "_static" in page_path.parts:
            continue
        for href in _read(page_path, cache)[1]:
            if not _is_internal(href):
                continue
            target, fragment = urldefrag(href)
            target_path = (page_path.parent / unquote(urlsplit(target).path)).resolve() if target else page_path
            if target_path.is_dir():
                target_path = target_path / "index.html"
            where = f"{page_path.relative_to(site)} -> {href}"
            if not target_path.exists():
                broken.append(f"{where} (no such file)")
            elif fragment and target_path.suffix == ".html" and unquote(fragment) not in _read(target_path, cache)[0]:
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
def test_objects_inv_lists_every_public_name(site, language):
    names = _inventory_names(site / language / "objects.inv")
    expected = {f"notes.{module}.{name}" for module, members in PUBLIC_NAMES.items() for name in members}
    missing = sorted(expected - names)
    assert not missing, f"objects.inv of {language} lacks {missing}"


def test_every_public_function_has_a_stable_anchor_on_its_api_page(site):
    page = parse(site / "en" / "api" / "activations.html")
    ids = {element.attrs.get("id") for element in page.iter()}
    missing = [name for name in PUBLIC_NAMES["activations"] if f"notes.activations.{name}" not in ids]
    assert not missing, f"api/activations.html has no anchor for {missing}"
