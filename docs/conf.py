"""Sphinx configuration for notes: one source (English), built per language with -D language=…"""

import sys
from pathlib import Path

DOCS = Path(__file__).parent
sys.path.insert(0, str(DOCS / "_ext"))

project = "notes"
author = "The notes developers"
copyright = "2026, The notes developers"
release = version = "0.1.0"
language = "en"

extensions = [
    "notes_source",  # first: the build must import this checkout's package
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx_autodoc_typehints",
    "sphinx.ext.mathjax",
    "sphinx.ext.viewcode",
    "sphinx_copybutton",
    "sphinx_togglebutton",  # exercise answers stay hidden until clicked
    "offline_mathjax",
    "package_doctests",
    "language_switch",
    "chinese_search",
    "search_best_bets",
    "glossary_links",
    "sitemap",
    "notebook_downloads",
    "performance_figures",
    "parallel_text",
    "search_translations",
]

exclude_patterns = ["_build", "_root", "locale", "Thumbs.db", ".DS_Store"]
templates_path = ["_templates"]
html_static_path = ["_static"]

# -- MyST and executable pages -------------------------------------------------------------
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
myst_heading_anchors = 3
nb_execution_mode = "cache"
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_execution_timeout = 120
nb_merge_streams = True
# nb_execution_cache_path is set by the notes_source extension (keyed on src/notes).

# -- API reference -------------------------------------------------------------------------
autodoc_default_options = {"members": True, "member-order": "bysource"}
autodoc_typehints = "description"
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
    ("py:.*", r"array_like|array-like|sequence|callable|scalar|optional|True|False|None|int|float|bool|str|tuple|list|dict"),
]

# -- Translation ---------------------------------------------------------------------------
locale_dirs = ["locale"]  # the language_switch extension builds from a copy in _build
gettext_compact = False  # one catalog per page, mirroring docs/
gettext_uuid = False
gettext_location = False  # no line numbers: editing a page does not churn every catalog

# -- HTML ----------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "notes"
html_favicon = "_static/favicon.svg"
html_last_updated_fmt = ""
html_css_files = ["notes.css"]
html_context = {"default_mode": "auto"}  # light or dark as the reader's system prefers
html_theme_options = {
    "article_header_end": ["article-header-buttons.html", "language-switch.html", "parallel-toggle.html"],
    "use_download_button": True,
    "home_page_in_toc": True,
    "show_navbar_depth": 2,
}
