"""The Chinese catalogs: one per page, complete, with every formula kept intact and every
glossary term translated as the glossary says."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from editions import TRANSLATIONS
from glossary import TermMatcher, glossary_rows, term_regex

from support.paths import DOCS, GLOSSARY_SOURCE, IN_CI, REPO

CATALOGS = DOCS / "locale" / "zh_CN" / "LC_MESSAGES"
PAGES = sorted(
    p for suffix in ("*.md", "*.rst") for p in DOCS.rglob(suffix) if not p.relative_to(DOCS).parts[0].startswith("_")
)

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

# One term, one translation: the glossary is the source of truth.
GLOSSARY = glossary_rows(GLOSSARY_SOURCE)
# Longer terms that contain a glossary term but name something else; inside them the
# glossary term is not required, their own Chinese form is. Keep this list short.
OTHER_TERMS = {
    "root mean squared error": "均方根误差",  # RMSE is not the MSE (均方误差) it contains
}
# What is not prose, so no term in it needs translating: math, code and URLs. Roles are
# handled apart, since their explicit title (`title <target>`) is prose.
NOT_PROSE = [
    re.compile(r"``.+?``", re.S),
    re.compile(r"`[^`]+`"),
    *PROTECTED,
    re.compile(r"<?https?://[^\s>)]+>?"),
    re.compile(r"(?<=\])\([^()\s]*\)"),  # the target of a Markdown link [text](target)
]


def _catalog(page: Path) -> Path:
    return CATALOGS / page.relative_to(DOCS).with_suffix(".po")


def _messages(catalog: Path):
    with catalog.open("rb") as handle:
        return [m for m in read_po(handle) if m.id]


ALL_CATALOGS = sorted(CATALOGS.rglob("*.po"))
# sphinx.po translates Sphinx's own JavaScript strings (the search page), not a page.
SPHINX_CATALOG = CATALOGS / "sphinx.po"
PAGE_CATALOGS = [catalog for catalog in ALL_CATALOGS if catalog != SPHINX_CATALOG]


def _is_formula(msgid: str) -> bool:
    """A display formula, such as the body of a ``math`` block: LaTeX with no prose around it."""
    return "$" not in msgid and "`" not in msgid and bool(LATEX_COMMAND.search(msgid))


def _prose(text: str) -> str:
    """``text`` with math, code, URLs and role targets blanked out; role titles are kept."""

    def title(match: re.Match) -> str:
        explicit = re.fullmatch(r"(?s)(.+?)\s+<[^<>\s]+>", match.group(2))
        return f" {explicit.group(1)} " if explicit and "math" not in match.group(1) else " "

    text = ROLE.sub(title, text)
    for pattern in NOT_PROSE:
        text = pattern.sub(" ", text)
    return text


# One matcher for every term, the glossary's own (``docs/_ext/glossary.py``): the links
# and the search find a term exactly as this test does.
MATCHER = TermMatcher([*(row["english"] for row in GLOSSARY), *OTHER_TERMS])
CHINESE = {**{row["english"]: row["chinese"] for row in GLOSSARY}, **OTHER_TERMS}


def _required_terms(msgid: str) -> list[tuple[str, str]]:
    """The (English, Chinese) terms the prose of ``msgid`` uses. A longer term covers the
    terms inside it: "binary cross-entropy" asks for 二元交叉熵, not also 交叉熵 and 熵."""
    return [(english, CHINESE[english]) for english in MATCHER.found(_prose(msgid))]


def _uses(msgstr: str, chinese: str) -> bool:
    """Whether the prose of ``msgstr`` uses ``chinese``; a Latin form (ReLU, logits) in any
    case or inflection, as Chinese text writes it."""
    return re.search(term_regex(chinese), _prose(msgstr), re.I) is not None


def _role_target(match: re.Match) -> tuple[str, str]:
    """A role and its target: ``{ref}`a title <label>``` gives ``("{ref}", "label")``."""
    role, content = match.groups()
    explicit = re.fullmatch(r"(?s).*<([^<>]+)>", content)
    return role, explicit.group(1) if explicit else content


def test_the_catalogs_are_those_of_the_sites_translations():
    folders = sorted(path.name for path in (DOCS / "locale").iterdir() if path.is_dir())
    assert folders == sorted(TRANSLATIONS), "docs/locale and docs/_ext/editions.py name different languages"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_every_page_has_a_catalog_at_the_mirrored_path(page):
    assert _catalog(page).is_file(), f"no catalog for {page.relative_to(DOCS)}: run `make po`"


@pytest.mark.parametrize("catalog", PAGE_CATALOGS, ids=lambda p: str(p.relative_to(CATALOGS)))
def test_every_catalog_belongs_to_a_page(catalog):
    page = DOCS / catalog.relative_to(CATALOGS).with_suffix("")
    assert any(page.with_suffix(suffix).is_file() for suffix in (".md", ".rst")), (
        f"{catalog.relative_to(REPO)} is left over from a page that no longer exists"
    )


@pytest.mark.parametrize("catalog", ALL_CATALOGS, ids=lambda p: str(p.relative_to(CATALOGS)))
def test_catalog_is_fully_translated(catalog):
    messages = _messages(catalog)
    untranslated = [m.id for m in messages if not m.string]
    fuzzy = [m.id for m in messages if m.fuzzy]
    assert not untranslated and not fuzzy, (
        f"{catalog.relative_to(REPO)}: {len(untranslated)} untranslated, {len(fuzzy)} fuzzy; "
        f"first: {(untranslated + fuzzy)[0][:80]!r}"
    )


@pytest.mark.parametrize("catalog", ALL_CATALOGS, ids=lambda p: str(p.relative_to(CATALOGS)))
def test_msgfmt_finds_the_catalog_clean(catalog):
    """GNU gettext's own check, independent of the Babel reader the other tests use."""
    if shutil.which("msgfmt") is None:
        message = "msgfmt not found: install Debian's gettext (apt-get install gettext)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(catalog)], capture_output=True, text=True
    )
    report = result.stderr.strip()
    assert result.returncode == 0, report
    assert re.fullmatch(r"\d+ translated messages?\.", report), f"{catalog.relative_to(REPO)}: {report}"


@pytest.mark.parametrize("catalog", PAGE_CATALOGS, ids=lambda p: str(p.relative_to(CATALOGS)))
def test_math_and_references_survive_translation(catalog):
    for message in _messages(catalog):
        if not message.string:
            continue
        for pattern in PROTECTED:
            for span in pattern.findall(message.id):
                assert span in message.string, (
                    f"{catalog.relative_to(REPO)}: {span!r} is missing from the translation of {message.id[:60]!r}"
                )
        translated_roles = {_role_target(match) for match in ROLE.finditer(message.string)}
        for match in ROLE.finditer(message.id):
            assert _role_target(match) in translated_roles, (
                f"{catalog.relative_to(REPO)}: {match.group(0)!r} is missing "
                f"from the translation of {message.id[:60]!r}"
            )
        if _is_formula(message.id):
            assert message.string == message.id, f"{catalog.relative_to(REPO)}: formula changed: {message.id[:60]!r}"


def test_glossary_terms_are_found_as_a_reader_reads_them():
    assert len(GLOSSARY) >= 40
    assert _required_terms("Two saddle points and the gradients there") == [
        ("saddle point", "鞍点"),
        ("gradient", "梯度"),
    ]
    assert _required_terms("binary cross-entropy, not the binary entropy of $H(p)$") == [
        ("binary cross-entropy", "二元交叉熵"),
        ("binary entropy", "二元熵"),
    ]
    assert _required_terms("The root mean squared error is not the mean squared error.") == [
        ("root mean squared error", "均方根误差"),
        ("mean squared error", "均方误差"),
    ]
    assert _required_terms("Iterate over the rows, then iterate once over the columns; the iterates converge") == [
        ("iterate", "迭代点")
    ]
    assert _required_terms("Logistic regression, also called logit regression, outputs one logit") == [
        ("logistic regression", "逻辑回归"),
        ("logits", "logits"),
    ]
    assert _required_terms(
        "{func}`notes.optim.momentum` with `lr`, $\\nabla L$ and "
        "{ref}`the learning rate <optim-lr>`, see https://example.org/entropy"
    ) == [("learning rate", "学习率")]


@pytest.mark.parametrize("catalog", PAGE_CATALOGS, ids=lambda p: str(p.relative_to(CATALOGS)))
def test_glossary_terms_are_translated_as_the_glossary_says(catalog):
    is_glossary = catalog == CATALOGS / "glossary.po"
    english_column = {row["english"] for row in GLOSSARY}
    wrong = []
    for message in _messages(catalog):
        if _is_formula(message.id) or not message.string:
            continue
        if is_glossary and message.id in english_column and message.string == message.id:
            continue  # the glossary's English column stays English in both editions
        for english, chinese in _required_terms(message.id):
            if not _uses(message.string, chinese):
                wrong.append(f"{english!r} must be translated {chinese!r} in {message.id[:60]!r}")
    assert not wrong, f"{catalog.relative_to(REPO)}:\n" + "\n".join(wrong)
