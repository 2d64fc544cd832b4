"""Complete the translation of Sphinx's JavaScript strings (the search page's status lines).

Job: Sphinx 8.2's search script asks for strings that its own Chinese catalog lacks ("Search
finished, found one page matching the search query." and its plural), so a Chinese reader
would see them in English. After an HTML build of a translated edition, this extension adds
the messages of the project's catalog ``<locale_dir>/<language>/LC_MESSAGES/sphinx.po`` to the
build's ``_static/translations.js``; Sphinx's own translations stay as they are unless the
project's catalog gives the same message.

Config values: none; the catalog is looked up in ``locale_dirs``, as Sphinx looks up its
own.

Events: ``build-finished``.
"""

from __future__ import annotations

import json
from pathlib import Path

from babel.messages.pofile import read_po
from sphinx.application import Sphinx

__version__ = "1.0"

_PREFIX = "Documentation.addTranslations("


def _messages(catalog_path: Path) -> dict[str, str | list[str]]:
    with catalog_path.open("rb") as handle:
        catalog = read_po(handle)
    messages: dict[str, str | list[str]] = {}
    for message in catalog:
        if not message.id or not message.string or message.fuzzy:
            continue
        if isinstance(message.id, tuple):  # singular and plural: keyed by the singular
            messages[message.id[0]] = list(message.string)
        else:
            messages[message.id] = message.string
    return messages


def _complete_translations_js(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name != "html" or app.config.language == "en":
        return
    catalogs = [
        Path(app.srcdir, folder, app.config.language, "LC_MESSAGES", "sphinx.po") for folder in app.config.locale_dirs
    ]
    catalog = next((path for path in catalogs if path.is_file()), None)
    script = Path(app.outdir) / "_static" / "translations.js"
    if catalog is None or not script.is_file():
        return
    text = script.read_text(encoding="utf-8")
    data = json.loads(text[text.index(_PREFIX) + len(_PREFIX) : text.rindex(")")])
    data["messages"].update(_messages(catalog))
    script.write_text(
        f"{_PREFIX}{json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)});\n", encoding="utf-8"
    )


def setup(app: Sphinx) -> dict:
    app.connect("build-finished", _complete_translations_js)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
