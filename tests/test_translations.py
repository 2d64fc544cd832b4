"""The Chinese catalogs: one per page, complete, and with every formula kept intact."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from conftest import REPO

DOCS = REPO / "docs"
CATALOGS = DOCS / "locale" / "zh_CN" / "LC_MESSAGES"
PAGES = sorted(p for suffix in ("*.md", "*.rst") for p in DOCS.rglob(suffix)
               if not p.relative_to(DOCS).parts[0].startswith("_"))

# Inline math and roles whose content must not change in translation (myst-parser #980:
# a translated formula can silently come out empty).
PROTECTED = [
    re.compile(r"\$\$.+?\$\$", re.S),
    re.compile(r"(?<!\$)\$(?!\$).+?(?<!\$)\$(?!\$)", re.S),
]
# A cross-reference keeps its role and target; an explicit title (`title <target>`) is text
# and is translated.
ROLE = re.compile(r"(\{\w+\}|:[\w:]+:)`([^`]+)`")
LATEX_COMMAND = re.compile(r"\\[A-Za-z]+")


def _catalog(page: Path) -> Path:
    return CATALOGS / page.relative_to(DOCS).with_suffix(".po")


def _messages(catalog: Path):
    with catalog.open("rb") as handle:
        return [m for m in read_po(handle) if m.id]


ALL_CATALOGS = sorted(CATALOGS.rglob("*.po"))


def _role_target(match: re.Match) -> tuple[str, str]:
    """A role and its target: ``{ref}`a title <label>``` gives ``("{ref}", "label")``."""
    role, content = match.groups()
    explicit = re.fullmatch(r"(?s).*<([^<>]+)>", content)
    return role, explicit.group(1) if explicit else content


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_every_page_has_a_catalog_at_the_mirrored_path(page):
    assert _catalog(page).is_file(), f"no catalog for {page.relative_to(DOCS)}: run `make po`"


@pytest.mark.parametrize("catalog", ALL_CATALOGS, ids=lambda p: str(p.relative_to(CATALOGS)))
def test_every_catalog_belongs_to_a_page(catalog):
    page = DOCS / catalog.relative_to(CATALOGS).with_suffix("")
    assert any(page.with_suffix(suffix).is_file() for suffix in (".md", ".rst")), (
        f"{catalog.relative_to(REPO)} is left over from a page that no longer exists")


@pytest.mark.parametrize("catalog", ALL_CATALOGS, ids=lambda p: str(p.relative_to(CATALOGS)))
def test_catalog_is_fully_translated(catalog):
    messages = _messages(catalog)
    untranslated = [m.id for m in messages if not m.string]
    fuzzy = [m.id for m in messages if m.fuzzy]
    assert not untranslated and not fuzzy, (
        f"{catalog.relative_to(REPO)}: {len(untranslated)} untranslated, {len(fuzzy)} fuzzy; "
        f"first: {(untranslated + fuzzy)[0][:80]!r}")


@pytest.mark.parametrize("catalog", ALL_CATALOGS, ids=lambda p: str(p.relative_to(CATALOGS)))
def test_math_and_references_survive_translation(catalog):
    for message in _messages(catalog):
        if not message.string:
            continue
        for pattern in PROTECTED:
            for span in pattern.findall(message.id):
                assert span in message.string, (
                    f"{catalog.relative_to(REPO)}: {span!r} is missing from the translation of {message.id[:60]!r}")
        translated_roles = {_role_target(match) for match in ROLE.finditer(message.string)}
        for match in ROLE.finditer(message.id):
            assert _role_target(match) in translated_roles, (
                f"{catalog.relative_to(REPO)}: {match.group(0)!r} is missing from the translation of {message.id[:60]!r}")
        is_formula = "$" not in message.id and "`" not in message.id and LATEX_COMMAND.search(message.id)
        if is_formula:
            assert message.string == message.id, f"{catalog.relative_to(REPO)}: formula changed: {message.id[:60]!r}"
