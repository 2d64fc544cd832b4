"""The site's editions and the one command that builds them.

``LANGUAGES`` is the one list of the site's languages, each with its own name as the
language switch shows it; English, the first, is the source language. ``conf.py`` gives it
to the extensions that need it, and the tests read it from here.

Run as a script, this module builds the site: ``make html`` calls it, and so do the tests
and ``make bench`` (for a throwaway copy of the repository, that copy's script)::

    python docs/_ext/editions.py                      # every language, then the root page
    python docs/_ext/editions.py --language en -q     # one language; extra options go to Sphinx
    python docs/_ext/editions.py --catalogs           # update the translations' catalogs (make po)
    python docs/_ext/editions.py --builder latex      # each language's book as PDF (make pdf)
    python docs/_ext/editions.py --builder epub       # each language's book as EPUB (make epub)

Each language is built strictly (``-n -W --keep-going``) from ``docs/`` into
``docs/_build/html/<language>/`` with its own doctree folder, one after the other. The
source language runs first, in one process: it executes the pages into the shared
execution cache, whose SQLite index takes one writer at a time. A translation only reads
that cache, so it reads and writes its pages in parallel (``-j auto``).

The books are built with the same command and another builder, each into its own doctree
folder (``docs/_build/doctrees/<builder>-<language>/``), so that building a book never
invalidates the site's environment. ``latex`` writes ``docs/_build/latex/<language>/``,
then ``latexmk`` (``xelatex``) typesets it, and the book is copied to
``docs/_build/pdf/notes-<language>.pdf``; a character the fonts lack ("Missing character"
in the TeX log) or a reference TeX could not resolve fails the build, naming it. ``epub``
writes ``docs/_build/epub/<language>/``, its book copied to
``docs/_build/epub/notes-<language>.epub``. The site links each page to its language's
books when they exist at the time it is built (``docs/_ext/book_downloads.py``).

This is a plain module (no ``setup()``), not an extension.
"""

from __future__ import annotations

import argparse
import os
import re
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
BOOK_NAME = "notes"  # the books' file name; conf.py gives it to latex_documents and epub_basename
#: Each book builder, the folder its finished books go to and their file extension.
BOOKS = {"latex": ("pdf", "pdf"), "epub": ("epub", "epub")}
BUILDERS = ["html", *BOOKS]
#: TeX log lines that mean a book is wrong although xelatex finished: a dropped glyph, a
#: reference or citation left unresolved after latexmk's last run.
TEX_LOG_ERRORS = re.compile(
    r"^(Missing character: .*|LaTeX Warning: (?:Reference|Citation) .* undefined.*)$", re.MULTILINE
)


def sphinx_command(language: str, options: Sequence[str] = (), *, builder: str = "html") -> list[str]:
    """The strict ``sphinx-build`` command for one language of this checkout's site."""
    jobs = "1" if language == SOURCE_LANGUAGE else "auto"
    doctrees = language if builder == "html" else f"{builder}-{language}"
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
        str(BUILD / "doctrees" / doctrees),
        str(DOCS),
        str(BUILD / builder / language),
    ]


def book_path(language: str, builder: str) -> Path:
    """Where the finished book of ``language`` made by ``builder`` (``latex``, ``epub``) goes."""
    folder, extension = BOOKS[builder]
    return BUILD / folder / f"{BOOK_NAME}-{language}.{extension}"


def tex_log_errors(log: str) -> list[str]:
    """The lines of a TeX log that fail a book: missing characters, unresolved references."""
    return sorted(set(TEX_LOG_ERRORS.findall(log)))


def typeset(language: str) -> int:
    """Run ``latexmk`` on the LaTeX builder's output for ``language``, check its log, copy the PDF."""
    folder = BUILD / "latex" / language
    tex = folder / f"{BOOK_NAME}.tex"
    # The latexmkrc Sphinx writes there runs xelatex with LATEXOPTS, as Sphinx's own Makefile does.
    command = ["latexmk", "-xelatex", "-dvi-", "-ps-", "-quiet", tex.name]
    # TeX wraps its log at 79 characters unless max_print_line says otherwise: one message, one line.
    options = "-interaction=nonstopmode -halt-on-error -file-line-error"
    environment = {**os.environ, "LATEXOPTS": options, "max_print_line": "10000"}
    returncode = subprocess.call(command, cwd=folder, env=environment, stdout=subprocess.DEVNULL)
    log = tex.with_suffix(".log")
    if returncode:
        print(f"latexmk failed on {tex}: see {log}", file=sys.stderr)
        return returncode
    errors = tex_log_errors(log.read_text(encoding="utf-8", errors="replace"))
    if errors:
        print(f"{log}:", *errors, sep="\n  ", file=sys.stderr)
        return 1
    book_path(language, "latex").parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(tex.with_suffix(".pdf"), book_path(language, "latex"))
    return 0


def build(languages: Sequence[str], options: Sequence[str], builder: str = "html") -> int:
    """Build ``languages`` in order with ``builder``; the books are then finished and copied
    to :func:`book_path`; the site with every language also gets the root pages."""
    for language in languages:
        print(f"building {language}", flush=True)
        returncode = subprocess.call(sphinx_command(language, options, builder=builder))
        if not returncode and builder == "latex":
            returncode = typeset(language)
        if not returncode and builder == "epub":
            book_path(language, builder).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(BUILD / builder / language / f"{BOOK_NAME}.epub", book_path(language, builder))
        if returncode:
            return returncode
        if builder != "html":
            print(f"wrote {os.path.relpath(book_path(language, builder))}", flush=True)
    if builder == "html" and set(languages) == set(LANGUAGES):
        for page in ROOT_PAGES:
            shutil.copy2(DOCS / "_root" / page, BUILD / "html" / page)
        print(f"open {os.path.relpath(BUILD / 'html' / 'index.html')} (or run: make serve)")
    return 0


def update_catalogs() -> int:
    """Extract the source language's messages, then update each translation's catalogs."""
    templates = BUILD / "gettext"
    extract = [sys.executable, "-m", "sphinx", "-b", "gettext", "-q", str(DOCS), str(templates)]
    returncode = subprocess.call(extract)
    # The templates' strings (sphinx.pot) are Sphinx's own, translated by its catalogs; the
    # project's sphinx.po overrides a few of them by hand and is not generated.
    (templates / "sphinx.pot").unlink(missing_ok=True)
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
        "--builder",
        choices=BUILDERS,
        default="html",
        help="html: the site (default); latex: each language's book as PDF; epub: as EPUB",
    )
    parser.add_argument(
        "--catalogs", action="store_true", help="update the translations' catalogs in docs/locale instead of building"
    )
    arguments, options = parser.parse_known_args(argv)
    if arguments.catalogs:
        return update_catalogs()
    return build(arguments.language or list(LANGUAGES), options, arguments.builder)


if __name__ == "__main__":
    sys.exit(main())
