"""The site's editions and the one command that builds them.

``LANGUAGES`` is the one list of the site's languages, each with its own name as the
language switch shows it; English, the first, is the source language. ``conf.py`` gives it
to the extensions that need it, and the tests read it from here.

Run as a script, this module builds the site: ``make html`` calls it, and so do the tests
and ``make bench`` (for a throwaway copy of the repository, that copy's script)::

    python docs/_ext/editions.py                      # every language, then the root page
    python docs/_ext/editions.py --language en -q     # one language; extra options go to Sphinx
    python docs/_ext/editions.py --catalogs           # update the translations' catalogs (make po)

Each language is built strictly (``-n -W --keep-going``) from ``docs/`` into
``docs/_build/html/<language>/`` with its own doctree folder, one after the other. The
source language runs first, in one process: it executes the pages into the shared
execution cache, whose SQLite index takes one writer at a time. A translation only reads
that cache, so it reads and writes its pages in parallel (``-j auto``).

This is a plain module (no ``setup()``), not an extension.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

#: Each language's own name; the first is the source language.
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
SOURCE_LANGUAGE = next(iter(LANGUAGES))
TRANSLATIONS = [language for language in LANGUAGES if language != SOURCE_LANGUAGE]

STRICT = ["-n", "-W", "--keep-going"]
DOCS = Path(__file__).resolve().parents[1]
BUILD = DOCS / "_build"
ROOT_PAGES = ["index.html", "404.html"]  # from docs/_root: they pick or offer a language


def sphinx_command(language: str, options: Sequence[str] = (), *, builder: str = "html") -> list[str]:
    """The strict ``sphinx-build`` command for one language of this checkout's site."""
    jobs = "1" if language == SOURCE_LANGUAGE else "auto"
    return [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        builder,
        *STRICT,
        *options,
        "-j",
        jobs,
        "-D",
        f"language={language}",
        "-d",
        str(BUILD / "doctrees" / language),
        str(DOCS),
        str(BUILD / builder / language),
    ]


def build(languages: Sequence[str], options: Sequence[str]) -> int:
    """Build ``languages`` in order; with every language, also copy the root pages."""
    for language in languages:
        print(f"building {language}", flush=True)
        returncode = subprocess.call(sphinx_command(language, options))
        if returncode:
            return returncode
    if set(languages) == set(LANGUAGES):
        for page in ROOT_PAGES:
            shutil.copy2(DOCS / "_root" / page, BUILD / "html" / page)
        print(f"open {os.path.relpath(BUILD / 'html' / 'index.html')} (or run: make serve)")
    return 0


def update_catalogs() -> int:
    """Extract the source language's messages, then update each translation's catalogs."""
    templates = BUILD / "gettext"
    extract = [sys.executable, "-m", "sphinx", "-b", "gettext", "-q", str(DOCS), str(templates)]
    returncode = subprocess.call(extract)
    for language in TRANSLATIONS:
        if returncode:
            break
        returncode = subprocess.call(
            [
                sys.executable,
                "-m",
                "sphinx_intl",
                "update",
                "-p",
                str(templates),
                "-l",
                language,
                "-d",
                str(DOCS / "locale"),
                "-w",
                "0",
                "--no-obsolete",
            ]
        )
    return returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--language",
        action="append",
        choices=list(LANGUAGES),
        help="build only this language (repeatable); default: all, then the root pages",
    )
    parser.add_argument(
        "--catalogs", action="store_true", help="update the translations' catalogs in docs/locale instead of building"
    )
    arguments, options = parser.parse_known_args(argv)
    if arguments.catalogs:
        return update_catalogs()
    return build(arguments.language or list(LANGUAGES), options)


if __name__ == "__main__":
    sys.exit(main())
