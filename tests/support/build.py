"""Build throwaway copies of the site and read from the build log what each build did.

A copy is built by its own ``docs/_ext/editions.py``, the command ``make html`` runs, so
the tests and ``make bench`` build exactly as a developer does, and count what a build did
the same way.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .paths import REPO

# MyST-NB logs "<source path>: Executing notebook using local CWD" when it runs a page's
# kernel, and "Using cached notebook" when the execution cache answers instead.
_EXECUTING = re.compile(r"^(?P<source>\S+?)\.(?:md|ipynb): Executing notebook", re.M)
_READING = re.compile(r"updating environment: (?:\[[^]]*\] )?(\d+) added, (\d+) changed, (\d+) removed")
_LANGUAGE_START = re.compile(r"^building (\S+)$", re.M)  # printed by editions.py per language
# Plain text to parse: Sphinx colours its log under CI=true unless told not to.
_UNCOLOURED = {**os.environ, "NO_COLOR": "1"}


def copy_repository(destination: Path, *, with_cache: bool = True) -> Path:
    """Copy what a build needs (package, docs, the PyTorch reference outputs two pages read,
    project files, Makefile; the Node.js tools are linked), without build output.

    With ``with_cache``, the execution cache of the real build comes along: it is keyed on
    the package source, so the copy re-executes only the pages a test changes.
    """
    ignore = shutil.ignore_patterns("_build", "__pycache__", "*.mo", "*.egg-info")
    for part in ("src", "docs", "tests/golden"):
        shutil.copytree(REPO / part, destination / part, ignore=ignore)
    for name in ("pyproject.toml", "Makefile", "package.json", "package-lock.json"):
        shutil.copy2(REPO / name, destination / name)
    (destination / "node_modules").symlink_to(REPO / "node_modules")  # KaTeX typesets the math
    cache = REPO / "docs" / "_build" / "jupyter_cache"
    if with_cache and cache.is_dir():
        shutil.copytree(cache, destination / "docs" / "_build" / "jupyter_cache")
    return destination


def sphinx_build(repository: Path, language: str = "en") -> subprocess.CompletedProcess[str]:
    """Build one language of a repository copy strictly, with the command ``make html`` uses."""
    command = [sys.executable, str(repository / "docs" / "_ext" / "editions.py"), "--language", language, "-q"]
    returncode, output = run_in_own_group(command, timeout=600)
    return subprocess.CompletedProcess(command, returncode, stdout=output, stderr="")


@dataclass
class LanguageBuild:
    """What one language's ``sphinx-build`` did, as its log tells."""

    executed: list[str] = field(default_factory=list)  # pages whose kernel ran, e.g. "optim/adam"
    read: int | None = None  # pages read (parsed): added + changed; None if the log never says


@dataclass
class SiteBuild:
    """One ``make html`` of a repository copy: every language."""

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
    command = [
        "make",
        "--no-print-directory",
        "-C",
        str(repository),
        "-o",
        f"{venv}/.installed",
        "html",
        f"VENV={venv}",
        "SPHINXOPTS=",
    ]
    start = time.perf_counter()
    returncode, log = run_in_own_group(command, timeout=1800)
    seconds = time.perf_counter() - start
    return SiteBuild(returncode, seconds, log, _per_language(log, repository / "docs"))


def run_in_own_group(command: list[str], *, timeout: float) -> tuple[int, str]:
    """Run a command in a process group of its own; its exit status and its output.

    The output goes to a file, not a pipe: a process the command leaves behind holding its
    output open (a kernel starts a session of its own) would keep a pipe from ever ending.
    A command that outlives ``timeout`` is not left running: the machine's processes (what
    hangs: a kernel, a render server, a worker) are appended to its output, its group is
    killed and the status is -9, so the test fails showing them.
    """
    with tempfile.TemporaryFile("w+", encoding="utf-8") as output:
        process = subprocess.Popen(
            command, stdout=output, stderr=subprocess.STDOUT, env=_UNCOLOURED, start_new_session=True
        )
        try:
            returncode = process.wait(timeout=timeout)
            alive = ""
        except subprocess.TimeoutExpired:
            processes = ["ps", "-e", "--forest", "-o", "pid,ppid,pgid,etime,time,stat,args"]
            alive = subprocess.run(processes, capture_output=True, text=True, check=False).stdout
            alive = f"\n{command[0]} still running after {timeout:.0f} s:\n{alive}"
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            returncode = -9
        output.seek(0)
        return returncode, output.read() + alive


def _per_language(log: str, docs: Path) -> dict[str, LanguageBuild]:
    starts = list(_LANGUAGE_START.finditer(log))
    languages = {}
    for start, end in zip(starts, [*starts[1:], None], strict=True):
        part = log[start.end() : end.start() if end else None]
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
    return {
        page.relative_to(docs).with_suffix("").as_posix()
        for page in docs.rglob("*.md")
        if "_build" not in page.parts and "```{code-cell}" in page.read_text(encoding="utf-8")
    }
