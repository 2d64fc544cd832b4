"""The books: one PDF (``make pdf``) and one EPUB (``make epub``) per language, and the site's
links to them.

The build tests read the books ``make test`` built before the site (``make pdf epub html``).
Without TeX Live or epubcheck they are skipped with a message saying so, except under
``CI=true``, where a missing tool is a failure.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from babel.messages.pofile import read_po
from book_downloads import megabytes
from editions import BOOKS, LANGUAGES, SOURCE_LANGUAGE, book_path, tex_log_errors
from epub_book import epub_body

from support.pages import parse
from support.paths import DOCS, IN_CI, REPO, SITE

# The commands the books and these tests need (make system-deps installs them).
_TOOLS = ["xelatex", "latexmk", "pdffonts", "pdftotext", "pdfinfo", "epubcheck", "java"]
# The formulas of the pages and docstrings: the TeX a book would show if one reached it untypeset.
_FORMULA = re.compile(r"\$\$(.+?)\$\$|\$([^$\n]+)\$|:math:`([^`]+)`", re.DOTALL)
_FENCE = re.compile(r"^(`{3,}|~{3,})[^\n]*\n(.*?)^\1\s*$", re.MULTILINE | re.DOTALL)


def _require_books(*paths: Path) -> None:
    missing_tools = [tool for tool in _TOOLS if shutil.which(tool) is None]
    if missing_tools:
        message = f"{', '.join(missing_tools)} not found: run make system-deps to build and check the books"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    missing = [str(path.relative_to(REPO)) for path in paths if not path.is_file()]
    assert not missing, f"{missing} not built: run make pdf epub (make test builds them before the site)"


def _pdf_text(language: str) -> str:
    path = book_path(language, "latex")
    _require_books(path)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _without_spaces(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _chapter_titles(language: str) -> list[str]:
    """The chapters the root page lists, each by its page's first heading (Chinese: its catalog's msgstr)."""
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    toctree = index.split(":caption: Chapters", 1)[1].split("```", 1)[0]
    pages = [line.strip() for line in toctree.splitlines() if line.strip() and not line.startswith(":")]
    titles = []
    for page in pages:
        source = (DOCS / f"{page}.md").read_text(encoding="utf-8")
        title = next(line[2:].strip() for line in source.splitlines() if line.startswith("# "))
        if language != SOURCE_LANGUAGE:
            with (DOCS / "locale" / language / "LC_MESSAGES" / f"{page}.po").open("rb") as handle:
                title = read_po(handle)[title].string
        titles.append(title)
    return titles


def _code_listings() -> str:
    """Every code block and code cell of the pages and the package's source (its doctests),
    whitespace removed: where TeX source may rightly appear in a book."""
    code = [block for page in DOCS.rglob("*.md") for _, block in _FENCE.findall(page.read_text(encoding="utf-8"))]
    code += [module.read_text(encoding="utf-8") for module in (REPO / "src" / "notes").rglob("*.py")]
    return _without_spaces("\n".join(code))


def _raw_tex() -> re.Pattern[str]:
    """The control words of every formula on the pages and in the package (``\\frac``, ``\\sum`` …),
    a brace after ``^`` or ``_``, or a formula still between dollars."""
    sources = [*DOCS.rglob("*.md"), *(REPO / "src" / "notes").rglob("*.py")]
    formulas = [
        "".join(part for part in match.groups() if part)
        for source in sources
        for match in _FORMULA.finditer(source.read_text(encoding="utf-8"))
    ]
    words = sorted({word for formula in formulas for word in re.findall(r"\\([A-Za-z]{2,})", formula)})
    return re.compile(rf"\\(?:{'|'.join(words)})\b|\^\{{|_\{{|\$[^$\s][^$\n]*\$")


def test_tex_log_errors_name_missing_characters_and_unresolved_references() -> None:
    log = (
        "Overfull \\hbox (1.2pt too wide) in paragraph at lines 3--4\n"
        "Missing character: There is no 熵 (U+71B5) in font FreeSerif:mode=node;!\n"
        "LaTeX Warning: Reference `softmax:eq-1' on page 3 undefined on input line 12.\n"
        "LaTeX Font Warning: Font shape `TU/FreeSerif(0)/m/scit' undefined\n"
    )
    assert tex_log_errors(log) == [
        "LaTeX Warning: Reference `softmax:eq-1' on page 3 undefined on input line 12.",
        "Missing character: There is no 熵 (U+71B5) in font FreeSerif:mode=node;!",
    ]


# KaTeX 0.16's MathML for \lambda_{\max} and for n \bmod 10, as it writes them.
_KATEX_MAX = "<msub><mi>λ</mi><mi>max</mi><mo>\u2061</mo></msub>"
_KATEX_BMOD = (
    '<mrow><mi>n</mi><mo lspace="0.22em" rspace="0.22em"><mrow><mi mathvariant="normal">m</mi>'
    '<mi mathvariant="normal">o</mi><mi mathvariant="normal">d</mi></mrow></mo><mn>10</mn></mrow>'
)


def test_the_epubs_mathml_gives_a_script_one_child_and_an_operator_text() -> None:
    scripted = ElementTree.fromstring(epub_body(_KATEX_MAX))
    assert [child.tag for child in scripted] == ["mi", "mrow"]  # base, subscript
    assert [child.tag for child in scripted[1]] == ["mi", "mo"] and scripted[1][0].text == "max"
    operator = ElementTree.fromstring(epub_body(_KATEX_BMOD))[1]
    assert operator.tag == "mo" and operator.text == "mod" and len(operator) == 0
    assert operator.attrib == {"lspace": "0.22em", "rspace": "0.22em"}


def test_the_epubs_summaries_hold_no_paragraph_and_its_paragraphs_no_list() -> None:
    toggle = (
        '<details><summary>\n<p class="collapsed">Show</p>\n<p class="expanded">Hide</p>\n</summary>'
        "<p>code</p></details>"
    )
    assert epub_body(toggle) == (
        '<details><summary>\n<span class="collapsed">Show</span>\n<span class="expanded">Hide</span>\n</summary>'
        "<p>code</p></details>"
    )
    returns = '<dd><p><ul class="simple">\n<li><p>a</p></li>\n</ul>\n</p>\n</dd><p>text</p>'
    assert epub_body(returns) == '<dd><ul class="simple">\n<li><p>a</p></li>\n</ul>\n</dd><p>text</p>'


def test_megabytes_are_decimal_with_one_decimal() -> None:
    assert [megabytes(size) for size in (2_345_678, 49_999, 1_000_000)] == ["2.3 MB", "0.0 MB", "1.0 MB"]


@pytest.mark.build
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_pdf_has_at_least_100_pages(language: str) -> None:
    path = book_path(language, "latex")
    _require_books(path)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE).group(1))
    assert pages >= 100, f"{path.name} has {pages} pages"


@pytest.mark.build
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_pdf_embeds_the_noto_cjk_font(language: str) -> None:
    path = book_path(language, "latex")
    _require_books(path)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    # name, type, encoding, emb, sub, uni, object ID: emb and uni must say yes
    cjk = [line.split() for line in fonts.splitlines() if "NotoSerifCJK" in line or "NotoSansCJK" in line]
    assert cjk, f"{path.name} has no Noto CJK font:\n{fonts}"
    assert all(row[-5:-3] == ["yes", "yes"] and row[-3] == "yes" for row in cjk), fonts


@pytest.mark.build
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_pdf_contains_its_languages_chapter_titles(language: str) -> None:
    text = _without_spaces(_pdf_text(language))
    missing = [title for title in _chapter_titles(language) if _without_spaces(title) not in text]
    assert not missing, f"{book_path(language, 'latex').name} lacks the chapters {missing}"


@pytest.mark.build
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_raw_tex_in_a_pdf_outside_code_listings(language: str) -> None:
    listings, raw_tex = _code_listings(), _raw_tex()
    raw = [
        line.strip()
        for line in _pdf_text(language).splitlines()
        if raw_tex.search(line) and _without_spaces(line) not in listings
    ]
    assert not raw, f"{book_path(language, 'latex').name} shows TeX source outside code: {raw[:10]}"


@pytest.mark.build
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_epub_passes_epubcheck(language: str) -> None:
    path = book_path(language, "epub")
    _require_books(path)
    # Debian's epubcheck is the jar itself, which java runs.
    check = subprocess.run(
        ["java", "-jar", str(Path(shutil.which("epubcheck")).resolve()), str(path)],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No errors or warnings detected" in check.stdout, check.stdout


@pytest.mark.build
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_epub_has_its_formulas_as_mathml_with_their_tex(language: str) -> None:
    path = book_path(language, "epub")
    _require_books(path)
    with zipfile.ZipFile(path) as book:
        pages = {name: book.read(name).decode("utf-8") for name in book.namelist() if name.endswith(".xhtml")}
        package = book.read("content.opf").decode("utf-8")
    assert f"<dc:language>{language.replace('_', '-')}</dc:language>" in package, package[:1000]
    mathml = sum(page.count('<math xmlns="http://www.w3.org/1998/Math/MathML"') for page in pages.values())
    tex = sum(page.count('<annotation encoding="application/x-tex">') for page in pages.values())
    assert mathml > 1000 and tex == mathml, f"{mathml} MathML formulas, {tex} with their TeX"
    scripted = [name for name, page in pages.items() if "katex-html" in page or "<script" in page]
    assert not scripted, f"pages with KaTeX's HTML rendering or a script, which e-readers do not run: {scripted}"


@pytest.mark.build
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_links_its_languages_books_with_their_sizes(language: str) -> None:
    books = {builder: book_path(language, builder) for builder in BOOKS}
    _require_books(*books.values())
    pages = sorted((SITE / language).rglob("*.html"))
    assert pages, f"{SITE / language} has no pages: run make html"
    wrong, menus = [], 0
    for page in pages:
        links = {a.attrs.get("class", ""): a for a in parse(page.read_text(encoding="utf-8")).find_all("a")}
        if not any("btn-download-source-button" in classes for classes in links):
            continue  # no download menu: search, index pages
        menus += 1
        for builder, book in books.items():
            found = [a for classes, a in links.items() if f"btn-download-book-{book.suffix[1:]}-button" in classes]
            target = (page.parent / urlsplit(found[0].attrs["href"]).path).resolve() if found else None
            if (
                target is None
                or not target.is_file()
                or target.stat().st_size != book.stat().st_size
                or megabytes(book.stat().st_size) not in found[0].text()
            ):
                wrong.append(f"{page.relative_to(SITE)}: {builder}")
    assert menus > len(pages) / 2, f"only {menus} of {len(pages)} pages have a download menu"
    assert not wrong, f"pages without a working link to their book, with the size: {wrong[:10]}"
