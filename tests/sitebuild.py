"""Build throwaway copies of the site, read from the build log what each build did, serve
a built site and open it in Chromium.

Used by the tests and by ``make bench`` (``benchmarks/bench.py``), so that what the tests
assert and what the benchmark reports are counted the same way.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LANGUAGES = ("en", "zh_CN")
CHROMIUM = Path("/usr/bin/chromium")

# MyST-NB logs "<source path>: Executing notebook using local CWD" when it runs a page's
# kernel, and "Using cached notebook" when the execution cache answers instead.
_EXECUTING = re.compile(r"^(?P<source>\S+?)\.(?:md|ipynb): Executing notebook", re.M)
_READING = re.compile(r"updating environment: (?:\[[^]]*\] )?(\d+) added, (\d+) changed, (\d+) removed")
_LANGUAGE_START = re.compile(r"^building (\S+)$", re.M)  # echoed by `make html` per language


def copy_repository(destination: Path, *, with_cache: bool = True) -> Path:
    """Copy what a build needs (package, docs, project file, Makefile), without build output.

    With ``with_cache``, the execution cache of the real build comes along: it is keyed on
    the package source, so the copy re-executes only the pages a test changes.
    """
    ignore = shutil.ignore_patterns("_build", "__pycache__", "*.mo", "*.egg-info")
    for part in ("src", "docs"):
        shutil.copytree(REPO / part, destination / part, ignore=ignore)
    for name in ("pyproject.toml", "Makefile"):
        shutil.copy2(REPO / name, destination / name)
    cache = REPO / "docs" / "_build" / "jupyter_cache"
    if with_cache and cache.is_dir():
        shutil.copytree(cache, destination / "docs" / "_build" / "jupyter_cache")
    return destination


def sphinx_build(repository: Path, language: str = "en") -> subprocess.CompletedProcess:
    """Build one language of a repository copy strictly, as ``make html`` does."""
    out = repository / "docs" / "_build"
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-n", "-W", "--keep-going", "-q",
               "-D", f"language={language}", "-d", str(out / "doctrees" / language),
               str(repository / "docs"), str(out / "html" / language)]
    return subprocess.run(command, capture_output=True, text=True, timeout=600)


@dataclass
class LanguageBuild:
    """What one language's ``sphinx-build`` did, as its log tells."""

    executed: list[str] = field(default_factory=list)  # pages whose kernel ran, e.g. "optim/adam"
    read: int | None = None  # pages read (parsed): added + changed; None if the log never says


@dataclass
class SiteBuild:
    """One ``make html`` of a repository copy: both languages."""

    returncode: int
    seconds: float
    log: str
    languages: dict[str, LanguageBuild]

    @property
    def executed(self) -> list[str]:
        return [page for build in self.languages.values() for page in build.executed]


def make_html(repository: Path) -> SiteBuild:
    """Run ``make html`` in a repository copy with this interpreter's virtualenv, verbosely.

    The virtualenv is taken as installed (``make -o``): a copy must not reinstall it.
    """
    venv = Path(sys.prefix)
    command = ["make", "-C", str(repository), "-o", f"{venv}/.installed", "html", f"VENV={venv}",
               "SPHINXOPTS=-n -W --keep-going"]
    # Plain text to parse: Sphinx colours its log under CI=true unless told not to.
    environment = {**os.environ, "NO_COLOR": "1"}
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, timeout=1800, env=environment)
    seconds = time.perf_counter() - start
    log = result.stdout + result.stderr
    return SiteBuild(result.returncode, seconds, log, _per_language(log, repository / "docs"))


def _per_language(log: str, docs: Path) -> dict[str, LanguageBuild]:
    starts = list(_LANGUAGE_START.finditer(log))
    languages = {}
    for start, end in zip(starts, [*starts[1:], None]):
        part = log[start.end(): end.start() if end else None]
        build = LanguageBuild()
        for match in _EXECUTING.finditer(part):
            build.executed.append(Path(match["source"]).resolve().relative_to(docs.resolve()).as_posix())
        reading = _READING.search(part)
        if reading:
            build.read = int(reading[1]) + int(reading[2])
        languages[start[1]] = build
    return languages


def executable_pages(docs: Path) -> set[str]:
    """The pages with code cells, found in their source (not from any build)."""
    return {page.relative_to(docs).with_suffix("").as_posix()
            for page in docs.rglob("*.md")
            if "_build" not in page.parts and "```{code-cell}" in page.read_text(encoding="utf-8")}


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 while the block runs; gives the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def launch_chromium(playwright):
    """Headless Debian Chromium, with nothing of its own reaching the network."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM),
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--no-first-run", "--disable-sync"],
    )
