"""Sphinx configuration for notes: one source (English), built per language with -D language=…

Every setting of the project's extensions (``_ext/``, each one file, one job) is here;
``python _ext/editions.py`` (``make html``) builds each edition with these settings.
"""

import os
import sys
import tomllib
from importlib.metadata import version as installed_version
from pathlib import Path

DOCS = Path(__file__).parent
REPOSITORY = DOCS.parent
sys.path.insert(0, str(DOCS / "_ext"))

from editions import BOOK_NAME, BOOKS, LANGUAGES, SOURCE_LANGUAGE, TRANSLATIONS, book_path  # noqa: E402
from execution_cache import cache_folder, kernel_profile  # noqa: E402

project = "notes"
author = "The notes developers"
copyright = "2026, The notes developers"
release = version = installed_version("notes")  # the package metadata, from pyproject.toml
language = SOURCE_LANGUAGE

extensions = [
    "notes_source",  # this checkout's package, for autodoc, the doctests and the kernels
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx_autodoc_typehints",
    "sphinxcontrib.katex",  # math typeset at build time
    "sphinx.ext.viewcode",
    "sphinx_copybutton",
    "sphinx_togglebutton",  # exercise answers stay hidden until clicked
    "offline_katex",
    "epub_book",  # the EPUB: formulas as MathML, markup and styles that EPUB 3 allows
    "package_doctests",
    "page_doctests",
    "verified_examples",
    "catalog_copy",
    "language_switch",
    "chinese_search",
    "search_best_bets",
    "glossary_links",
    "sitemap",
    "notebook_outputs",
    "notebook_downloads",
    "performance_figures",
    "parallel_text",
    "search_translations",
    "accessible_names",  # names for the sidebar's and the hidden cells' toggles
    "record_signatures",  # a named tuple's field types once, not again in its signature
    "meta_description",
    "icon_font_subset",  # the theme's icon fonts with only the icons the site shows
    "unused_css",  # the style sheets without the rules no page can match
    "css_bundle",  # one style sheet per page, in place of the ten
    "books",
    "book_downloads",
]

exclude_patterns = ["_build", "_root", "locale", "Thumbs.db", ".DS_Store"]
templates_path = ["_templates"]
html_static_path = ["_static"]

# -- MyST and executable pages -------------------------------------------------------------
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
myst_heading_anchors = 3
nb_execution_mode = "cache"
# A raising cell is a warning naming the page, the cell and the exception; -W makes it fail
# the build (raising instead would end the build in Sphinx's crash report).
nb_execution_raise_on_error = False
nb_execution_show_tb = True
nb_execution_timeout = 120
nb_merge_streams = True
# One cache folder per version of the package source: a change to src/notes re-runs the pages.
nb_execution_cache_path = str(cache_folder(REPOSITORY / "src" / "notes", DOCS / "_build" / "jupyter_cache"))
notes_source_path = str(REPOSITORY / "src")
# The kernels read the build's IPython profile (quiet, no personal start-up files).
os.environ["IPYTHONDIR"] = str(kernel_profile(DOCS / "_build" / "ipython"))

# -- Examples: the package's doctests and the pages' pycon blocks run during the build -----
# The same option flags as `pytest --doctest-modules`, from pyproject.toml.
_PYTEST = tomllib.loads((REPOSITORY / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]
package_doctests_package = "notes"
package_doctests_flags = page_doctests_flags = _PYTEST["ini_options"]["doctest_optionflags"]

# -- API reference -------------------------------------------------------------------------
autodoc_default_options = {"members": True, "member-order": "bysource"}
# Each type once: in the docstring (napoleon, or sphinx_autodoc_typehints from the
# annotation), an attribute's in its signature; "description" would add "Return type" again.
autodoc_typehints = "signature"
napoleon_google_docstring = False
napoleon_use_rtype = False
napoleon_preprocess_types = True  # "int, default -1" is a type and a default, not a class
typehints_document_rtype = False
# No intersphinx: the build never downloads. Names from NumPy and the standard library
# stay plain text instead of links.
nitpick_ignore_regex = [
    ("py:.*", r"(numpy|np|scipy|torch|collections|typing|numbers)(\..*)?"),
    ("py:.*", r"ArrayLike|NDArray|Callable|Iterator|Iterable|Sequence"),
    # NumPy-docstring words that name a kind of value, not a class
    ("py:.*", r"array_like|array-like|sequence|callable|scalar|optional"),
    ("py:.*", r"True|False|None|int|float|bool|str|tuple|list|dict"),
]

# -- Translation ---------------------------------------------------------------------------
# Sphinx compiles catalogs next to themselves: it reads a copy in _build (catalog_copy).
catalog_copy_source = "locale"
catalog_copy_target = "_build/locale"
locale_dirs = [catalog_copy_target]
language_switch_languages = LANGUAGES
parallel_text_languages = TRANSLATIONS  # 中英对照: the English original under each translated block
gettext_compact = False  # one catalog per page, mirroring docs/
gettext_uuid = False
gettext_location = False  # no line numbers: editing a page does not churn every catalog

# -- HTML ----------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "notes"
html_favicon = "_static/favicon.svg"
html_last_updated_fmt = ""
html_css_files = ["notes.css"]
html_js_files = ["search-snippets.js"]  # search results quote the article only
html_context = {"default_mode": "auto"}  # light or dark as the reader's system prefers
# The sidebar's expand toggles, named for screen readers (accessible_names).
accessible_names_toggle = {"en": "Pages in {title}", "zh_CN": "{title}下的各页"}
html_theme_options = {
    "article_header_end": ["article-header-buttons.html", "language-switch.html", "parallel-toggle.html"],
    "use_download_button": True,
    "home_page_in_toc": True,
    "show_navbar_depth": 2,
}

# -- Serving the site offline, searching it, mapping it ----------------------------------------
html_math_renderer = "katex"
katex_prerender = True  # typeset in Node.js while the pages are written: no math script on the page
katex_css_path = "katex/katex.min.css"  # in _static: offline_katex writes it there, with its fonts
offline_katex_dist = str(REPOSITORY / "node_modules" / "katex" / "dist")  # npm katex, from make node-deps
html_search_scorer = str(DOCS / "_ext" / "search_best_bets.js")  # Sphinx's weights, plus best bets
search_best_bets_glossary = glossary_links_page = "glossary"
glossary_links_skip_classes = ["cell_output", "bench-figure", "parallel-en"]  # outputs, figures, 中英对照
performance_figures_file = "performance.json"
# html_baseurl stays empty: the sitemap extension fills it with sitemap_site_url + the language.
sitemap_site_url = os.environ.get("SITE_URL") or "http://127.0.0.1:8000/"
sitemap_languages = list(LANGUAGES)

# -- The books: one PDF (xelatex) and one EPUB per language (editions.py --builder latex|epub) --
latex_engine = "xelatex"
latex_use_xindy = False  # the generated latexmkrc would call xindy, which TeX Live lacks here
latex_documents = [("index", f"{BOOK_NAME}.tex", project, author, "manual")]
latex_appendices = ["errata", "glossary", "notation"]  # books_appendices moves them to the back
latex_show_urls = "footnote"
_CJK_FONTS = r"""
\setCJKmainfont{Noto Serif CJK SC}
\setCJKsansfont{Noto Sans CJK SC}
\setCJKmonofont{Noto Sans Mono CJK SC}
"""
latex_elements = {
    "papersize": "a4paper",
    # xeCJK with Noto CJK in the English book too: its glossary shows each term in Chinese.
    # Curly quotes stay in the English font (xeCJK would set them full width: "site’ s").
    "fontenc": "\\usepackage{xeCJK}" + _CJK_FONTS + '\\xeCJKDeclareCharClass{Default}{"2018, "2019, "201C, "201D}',
    "fvset": "\\fvset{fontsize=\\footnotesize,formatcom=\\xeCJKVerbAddon}",
    "sphinxsetup": "verbatimforcewraps, verbatimmaxunderfull=2",  # long code lines wrap at any character
    "printindex": "",
    # The root page's first toctree caption ("Chapters") would otherwise name the contents.
    "preamble": "\\addto\\captionsenglish{\\renewcommand{\\contentsname}{Contents}}",
}
# ctex sets the Chinese book's type, and its own names: 第 1 章, 目录, 附录.
books_latex_elements = {
    "zh_CN": {
        "babel": "",
        "polyglossia": "",
        "fncychap": "",
        "fontenc": "\\usepackage[fontset=none,heading=true]{ctex}" + _CJK_FONTS,
        "preamble": "\\renewcommand{\\contentsname}{目录}",
    }
}
# Every page links to its language's books, if they were built before the site.
book_downloads = [os.path.relpath(book_path("{language}", builder), DOCS) for builder in BOOKS]
epub_basename = BOOK_NAME
epub_show_urls = "no"
epub_use_index = False
epub_exclude_files = [".buildinfo.bak"]  # Sphinx's record of a previous build's configuration
