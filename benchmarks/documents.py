"""Time ``make pdf`` and ``make epub``: each language's books, built from a throwaway copy.

The copy starts with no doctrees and no book, but with this checkout's execution cache, so
the figures are the cost of making the books (reading the pages, writing LaTeX or EPUB,
typesetting with xelatex), not of executing the pages, which the site's build measures.
``make bench`` (``bench.py``) runs it as its ``documents`` section.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.support.build import copy_repository, run_in_own_group

#: Each builder, the make target that runs it and the folder its books go to.
BUILDERS = {"latex": ("make pdf", "pdf"), "epub": ("make epub", "epub")}


def _pages(pdf: Path) -> int | None:
    if pdf.suffix != ".pdf":
        return None
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE).group(1))


def measure_documents() -> list[dict]:
    """Per builder: the seconds of the build (both languages) and each book's size and pages."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="notes-bench-books-") as scratch:
        repository = copy_repository(Path(scratch) / "repository")
        editions = repository / "docs" / "_ext" / "editions.py"
        for builder, (target, folder) in BUILDERS.items():
            start = time.perf_counter()
            returncode, log = run_in_own_group(
                [sys.executable, str(editions), "--builder", builder, "-q"], timeout=3600
            )
            seconds = time.perf_counter() - start
            if returncode:
                raise SystemExit(f"{target} failed:\n{log[-3000:]}")
            books = sorted((repository / "docs" / "_build" / folder).glob("notes-*.*"))
            rows.append(
                {
                    "target": target,
                    "seconds": seconds,
                    "books": [
                        {"name": book.name, "bytes": book.stat().st_size, "pages": _pages(book)} for book in books
                    ],
                }
            )
    return rows
