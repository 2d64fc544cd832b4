"""Link every page to the same page in the other language, and build from a copy of the catalogs.

The site is built once per language into ``_build/html/<language>/``. This extension

* gives each page's template the URL of the same page in the other language
  (``other_language_url``, shown by ``_templates/language-switch.html``);
* for a translated build, keeps a copy of ``docs/locale`` in the build's doctree folder and
  points ``locale_dirs`` at it, because Sphinx compiles ``.po`` into ``.mo`` next to the
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
    _sync_catalogs(source, copy)
    config.locale_dirs = [str(copy)]


def _sync_catalogs(source: Path, copy: Path) -> None:
    """Make ``copy`` hold the ``.po`` files of ``source``, touching only those that changed.

    An unchanged catalog keeps its compiled ``.mo``, so Sphinx neither recompiles it nor
    reads its page again: a rebuild with nothing changed stays cheap.
    """
    wanted = {path.relative_to(source) for path in source.rglob("*.po")}
    if copy.is_dir():
        for path in copy.rglob("*.po"):
            if path.relative_to(copy) not in wanted:
                path.unlink()
                path.with_suffix(".mo").unlink(missing_ok=True)
    for relative in wanted:
        target = copy / relative
        if target.is_file() and target.read_bytes() == (source / relative).read_bytes():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / relative, target)
        target.with_suffix(".mo").unlink(missing_ok=True)


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
