"""Link every page to the same page in the other edition.

The site is built once per language into ``_build/html/<language>/``. This extension gives
each page's template the URL of the same page in the other language
(``other_language_url``, with ``other_language`` and ``other_language_name``), which
``_templates/language-switch.html`` shows. ``_static/language-switch.js`` adds the reader's
place to that link when it is followed (the address's fragment, else the section in view),
and remembers the language chosen for the root page.

Config values: ``language_switch_languages`` (``{}``), each language of the site mapped to
its own name (``{"en": "English", "zh_CN": "简体中文"}``); a page links to the first other one.

Events: ``html-page-context``.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ConfigError


def _add_switch(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    languages: dict[str, str] = app.config.language_switch_languages
    others = [language for language in languages if language != app.config.language]
    if app.config.language not in languages or not others:
        raise ConfigError(f"language_switch_languages {languages!r} must name {app.config.language!r} and another")
    other = others[0]
    to_site_root = "../" * (pagename.count("/") + 1)
    context["other_language_url"] = f"{to_site_root}{other}/{pagename}{app.builder.link_suffix}"
    context["other_language"] = other
    context["other_language_name"] = languages[other]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("language_switch_languages", {}, "html", types=frozenset({dict}))
    app.connect("html-page-context", _add_switch)
    app.add_js_file("language-switch.js", loading_method="defer")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
