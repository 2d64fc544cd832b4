"""Build a translation from a copy of its catalogs, so a build writes nothing into ``docs/``.

Sphinx compiles each ``.po`` catalog into a ``.mo`` file next to it. The catalogs
translators edit live in ``docs/locale``; ``conf.py`` points ``locale_dirs`` at a copy in
the build folder instead, and this extension keeps that copy in step, touching only the
catalogs that changed. An unchanged catalog keeps its compiled ``.mo``, so Sphinx neither
recompiles it nor reads its page again: a rebuild with nothing changed stays cheap.

Config values (paths relative to the configuration directory):

* ``catalog_copy_source`` (``"locale"``): the catalogs as translators edit them;
* ``catalog_copy_target`` (``"_build/locale"``): the copy, which ``locale_dirs`` names.

Events: ``config-inited`` (refreshes the copy of the language being built, and reloads
Sphinx's own messages if their catalog, ``sphinx.po``, changed; nothing for the source
language).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import translators


def sync_catalogs(source: Path, copy: Path) -> set[Path]:
    """Make ``copy`` hold the ``.po`` files of ``source``, touching only those that changed;
    the paths (relative to ``source``) of those copied."""
    wanted = {path.relative_to(source) for path in source.rglob("*.po")}
    if copy.is_dir():
        for path in copy.rglob("*.po"):
            if path.relative_to(copy) not in wanted:
                path.unlink()
                path.with_suffix(".mo").unlink(missing_ok=True)
    copied = set()
    for relative in wanted:
        target = copy / relative
        if target.is_file() and target.read_bytes() == (source / relative).read_bytes():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / relative, target)
        target.with_suffix(".mo").unlink(missing_ok=True)
        copied.add(relative)
    return copied


def _refresh_copy(app: Sphinx, config: Config) -> None:
    language = config.language
    source = Path(app.confdir, config.catalog_copy_source, language)
    if not source.is_dir():
        return
    copied = sync_catalogs(source, Path(app.confdir, config.catalog_copy_target, language))
    if Path("LC_MESSAGES", "sphinx.po") in copied:
        # Sphinx loads the translations of its own messages (the project's sphinx.po first)
        # before this event, from the copy as it was: none on a first build, the previous
        # version after an edit. Load them again from the copy as it is now.
        translators.pop(("general", "sphinx"), None)
        app._init_i18n()


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("catalog_copy_source", "locale", "", types=frozenset({str}))
    app.add_config_value("catalog_copy_target", "_build/locale", "", types=frozenset({str}))
    app.connect("config-inited", _refresh_copy)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
