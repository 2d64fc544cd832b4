"""Link every page to the same page in the other language, and build from a copy of the catalogs.

The site is built once per language into ``_build/html/<language>/``. This extension

* gives each page's template the URL of the same page in the other language
  (``other_language_url``, shown by ``_templates/language-switch.html``);
* for a translated build, copies ``docs/locale`` into the build's doctree folder and points
  ``locale_dirs`` at the copy, because Sphinx compiles ``.po`` into ``.mo`` next to the
  catalog and a build must write nothing into the source tree.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

#: Each language's own name, shown on the switch.
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}


def _other(language: str) -> str:
    return "zh_CN" if language == "en" else "en"


def _use_catalog_copy(app: Sphinx, config: Config) -> None:
    if config.language == "en":
        return
    source = Path(app.confdir) / "locale"
    copy = Path(app.doctreedir) / "locale"  # per build: parallel builds do not collide
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("*.mo"))
    config.locale_dirs = [str(copy)]


def _add_switch(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    other = _other(app.config.language)
    to_site_root = "../" * (pagename.count("/") + 1)
    context["other_language_url"] = f"{to_site_root}{other}/{pagename}{app.builder.link_suffix}"
    context["other_language"] = other
    context["other_language_name"] = LANGUAGES[other]


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _use_catalog_copy)
    app.connect("html-page-context", _add_switch)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
