"""Each page links one style sheet, ``docs/_ext/css_bundle.py``'s bundle of the ten.

Its rules on small sheets in a scratch folder, each result read off by hand; then the built
site: every page of both editions links the bundle alone, with its checksum, and what its
``url()``s name exists; and in Chromium, the bundle's rules are those of the separate sheets,
in their order, every address resolving to the same file.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path
from types import SimpleNamespace

import pytest
from css_bundle import BUNDLE, _write, bundle, bundled_sheets, linked_sheets, sheet_text, with_bundle
from editions import LANGUAGES


def _static(tmp_path: Path, sheets: dict[str, str]) -> Path:
    static = tmp_path / "_static"
    for name, text in sheets.items():
        (static / name).parent.mkdir(parents=True, exist_ok=True)
        (static / name).write_text(text, encoding="utf-8")
    return static


def test_a_relative_url_points_where_it_pointed_from_its_own_sheet(tmp_path):
    static = _static(
        tmp_path,
        {
            "styles/a.css": "@font-face{src:url(../vendor/f.woff2)}.x{background:url('img/b.png')}"
            '.y{mask:url("c.svg")}'
        },
    )
    assert sheet_text(static, "styles/a.css") == (
        "@font-face{src:url(vendor/f.woff2)}.x{background:url('styles/img/b.png')}.y{mask:url(\"styles/c.svg\")}"
    )


def test_data_absolute_and_fragment_urls_are_left_as_they_are(tmp_path):
    css = (
        ".a{background:url(\"data:image/svg+xml,%3Csvg stroke='rgba(0, 0, 0, 0.5)'%3E\")}"
        ".b{background:url(https://example.org/x.png)}.c{background:url(/root.png)}.d{filter:url(#f)}"
    )
    static = _static(tmp_path, {"styles/a.css": css})
    assert sheet_text(static, "styles/a.css") == css


def test_an_import_is_replaced_by_its_sheet_with_its_own_urls_rebased(tmp_path):
    static = _static(
        tmp_path,
        {
            "styles/theme.css": '/* theme */\n@import "../basic.css";\n.t{x:1}',
            "basic.css": "@import url('deep/more.css');.b{y:2}",
            "deep/more.css": ".m{background:url(m.png)}",
        },
    )
    assert sheet_text(static, "styles/theme.css") == "/* theme */\n.m{background:url(deep/m.png)}.b{y:2}\n.t{x:1}"


def test_an_import_from_another_host_is_an_error(tmp_path):
    static = _static(tmp_path, {"a.css": '@import "https://cdn.example.org/x.css";'})
    with pytest.raises(ValueError, match="a.css: @import of 'https://cdn.example.org/x.css'"):
        sheet_text(static, "a.css")


def test_the_bundle_opens_with_its_charset_and_its_list_and_keeps_the_order(tmp_path):
    static = _static(
        tmp_path,
        {"b.css": '@charset "UTF-8";\n.b{content:"→"}\n/*# sourceMappingURL=b.css.map */', "a.css": ".a{x:1}"},
    )
    bundled = bundle(static, ["b.css", "a.css"])
    assert bundled_sheets(bundled) == ["b.css", "a.css"] and bundled_sheets(".a{x:1}") is None
    assert bundled == (
        '@charset "UTF-8";\n/* bundle of: b.css a.css */\n/* b.css */\n\n.b{content:"→"}\n\n/* a.css */\n.a{x:1}\n'
    )


_HEAD = """<html><head>
  <script>document.documentElement.dataset.mode = "auto";</script>
  <link href="../_static/styles/theme.css?digest=1" rel="stylesheet" />
  <link rel="stylesheet" type="text/css" href="../_static/a.css?v=2" />
  <script src="../_static/x.js"></script>
</head><body><p>text</p></body></html>"""


def test_a_page_links_the_bundle_where_its_first_sheet_was(tmp_path):
    static = _static(tmp_path, {"styles/theme.css": "", "a.css": ""})
    page = tmp_path / "chapter" / "page.html"
    assert linked_sheets(page, _HEAD, static) == ["styles/theme.css", "a.css"]
    assert with_bundle(_HEAD, page, static, "0000abcd") == (
        "<html><head>\n"
        '  <script>document.documentElement.dataset.mode = "auto";</script>\n'
        '  <link rel="stylesheet" type="text/css" href="../_static/bundle.css?v=0000abcd" />\n'
        '  <script src="../_static/x.js"></script>\n'
        "</head><body><p>text</p></body></html>"
    )


@pytest.mark.parametrize(
    "link, reason",
    [
        ('<link rel="stylesheet" href="../_static/a.css" media="print" />', "a link the bundle cannot stand for"),
        ('<link rel="stylesheet" href="https://cdn.example.org/a.css" />', "a link the bundle cannot stand for"),
        ('<link rel="stylesheet" href="../elsewhere.css" />', "a sheet outside _static: ../elsewhere.css"),
    ],
)
def test_a_link_the_bundle_cannot_stand_for_is_named(tmp_path, link, reason):
    static = _static(tmp_path, {"a.css": ""})
    with pytest.raises(ValueError, match=re.escape(reason)):
        linked_sheets(tmp_path / "chapter" / "page.html", f"<head>{link}", static)


def test_a_rebuild_that_writes_no_page_still_bundles_the_sheets_and_updates_the_checksum(tmp_path):
    outdir = tmp_path / "html"
    static = _static(outdir, {"styles/theme.css": ".t{x:1}", "a.css": ".a{y:2}"})
    page = outdir / "chapter" / "page.html"
    page.parent.mkdir()
    page.write_text(_HEAD, encoding="utf-8")
    app = SimpleNamespace(outdir=str(outdir), builder=SimpleNamespace(name="html"))
    _write(app, None)
    first = page.read_text(encoding="utf-8")
    assert ".t{x:1}" in (static / BUNDLE).read_text(encoding="utf-8") and "styles/theme.css" not in first
    (static / "a.css").write_text(".a{y:3}", encoding="utf-8")  # the sheet changes, the page is not written
    _write(app, None)
    text = (static / BUNDLE).read_text(encoding="utf-8")
    assert ".a{y:3}" in text and ".t{x:1}" in text
    assert f"bundle.css?v={zlib.crc32(text.encode('utf-8')):08x}" in page.read_text(encoding="utf-8")
    assert page.read_text(encoding="utf-8") != first


# -- the built site --------------------------------------------------------------------------


def _head(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    return html[: html.index("</head>")]


@pytest.mark.build
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_links_the_bundle_alone_with_its_checksum(site, language):
    root = site / language
    bundled = (root / "_static" / BUNDLE).read_text(encoding="utf-8")
    checksum = f"{zlib.crc32(bundled.encode('utf-8')):08x}"
    pages = [page for page in root.rglob("*.html") if "_static" not in page.parts]
    assert len(pages) > 50
    for page in pages:
        sheets = re.findall(r'<link\b[^>]*rel="stylesheet"[^>]*href="([^"]*)"', _head(page))
        assert sheets == [f"{'../' * (len(page.relative_to(root).parts) - 1)}_static/{BUNDLE}?v={checksum}"], page


@pytest.mark.build
@pytest.mark.parametrize("language", LANGUAGES)
def test_what_the_bundles_urls_name_is_on_the_site(site, language):
    static = site / language / "_static"
    urls = re.findall(r"url\(\s*[\"']?([^\"')]+)", (static / BUNDLE).read_text(encoding="utf-8"))
    local = {url for url in urls if not url.startswith(("data:", "#"))}
    assert any(url.startswith("katex/fonts/") for url in local) and any("webfonts" in url for url in local)
    assert not [url for url in local if not (static / url.split("?")[0].split("#")[0]).is_file()]


# Every rule of the page's sheets, flattened out of @media, @supports and @import, its url()s
# resolved against the address of the sheet that holds it.
_RULES = """() => {
  const rules = [];
  const walk = (list, base) => { for (const rule of list) {
    if (rule instanceof CSSImportRule) walk(rule.styleSheet.cssRules, rule.styleSheet.href);
    else if (rule.cssRules && !(rule instanceof CSSStyleRule)) walk(rule.cssRules, base);
    else rules.push(rule.cssText.replace(/url\\("([^"]*)"\\)/g, (all, url) => `url("${new URL(url, base).href}")`));
  } };
  for (const sheet of document.styleSheets) walk(sheet.cssRules, sheet.href);
  return rules;
}"""
# The page's own links, put back in place of the bundle's: the sheets it lists, in order.
_UNBUNDLE = """(sheets) => new Promise((resolve) => {
  const bundle = document.querySelector('link[rel="stylesheet"]');
  const base = new URL(".", bundle.href).href;
  let waiting = sheets.length;
  for (const sheet of sheets) {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = base + sheet;
    link.onload = () => { if (--waiting === 0) resolve(); };
    bundle.before(link);
  }
  bundle.remove();
})"""


@pytest.mark.browser
@pytest.mark.parametrize("path", ["en/activations/softmax.html", "zh_CN/api/activations.html"])
def test_the_bundles_rules_are_the_sheets_rules_in_their_order(browser, served_site, site, path):
    listed = bundled_sheets((site / path.split("/")[0] / "_static" / BUNDLE).read_text(encoding="utf-8"))
    assert listed, "the bundle opens with its list of sheets"
    context = browser.new_context()
    bundled, separate = context.new_page(), context.new_page()
    for page in (bundled, separate):
        page.goto(f"{served_site}/{path}", wait_until="networkidle")
    separate.evaluate(_UNBUNDLE, listed)
    ours, theirs = bundled.evaluate(_RULES), separate.evaluate(_RULES)
    assert len(theirs) > 1000
    assert ours == theirs
    context.close()
