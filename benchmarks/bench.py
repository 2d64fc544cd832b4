"""``make bench``: measure the site's builds, the test suite, the package's speed and a
reader's first download in one run, print the figures and write them to
``docs/performance.json``, which the Performance page renders.

* Builds: a throwaway copy of the repository, built from nothing (both languages, no
  execution cache), then again with nothing changed, then after a one-page prose edit.
  Goal: the unchanged rebuild costs at most 15 % of the cold build.
* The test suite: ``make test`` in this checkout (its build step is then a warm rebuild).
* The books: ``make pdf`` and ``make epub`` in a copy with the execution cache
  (``documents.py``): seconds, and each book's size (and pages).
* The softmax family against ``scipy.special`` (``softmax_vs_scipy.py``). Goals: ≤ 0.5 of
  SciPy's time, ≤ 4 passes of ``np.exp`` over the same array.
* Lighthouse (``lighthouse.py``): scores of a few pages per language, mobile, the site
  served gzip-compressed. Goals: performance ≥ 95, layout shift ≤ 0.1, accessibility 100,
  best practices and SEO ≥ 95.
* First view: what Chromium downloads to show a page the first time (HTML, CSS, JS, fonts,
  images), from the cold-built copy. A host serves text compressed (GitHub Pages and Read
  the Docs use gzip), so text is counted gzip-compressed (level 6), fonts and images as
  they are; the uncompressed total is reported too. Goal: ≤ 350 kB per page, in each language.

Exits 1 if a step fails or a goal is missed; the file is written either way. Run it from
the repository root as ``python -m benchmarks.bench`` (``make bench``): it builds, serves
and opens the site with the tests' own helpers (``tests/support``).

``--only SECTION …`` (``make bench ONLY="softmax first_view"``) measures only those sections
and keeps the others' figures from ``docs/performance.json``; without the builds, the first
view and Lighthouse are measured on this checkout's own build (``make html``). The file's
``measured`` names, for each section, the machine, date and commit of the run that measured
it (``null``: no run has), so figures kept from an older run say so.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.documents import measure_documents
from benchmarks.lighthouse import GOALS as LIGHTHOUSE_GOALS
from benchmarks.lighthouse import measure_lighthouse, missed_goals, report_lines
from benchmarks.softmax_vs_scipy import EXP_PASSES_GOAL, softmax_ratios
from benchmarks.softmax_vs_scipy import GOAL as RATIO_GOAL
from tests.support.browser import allow_only, launch_chromium, serve
from tests.support.build import copy_repository, make_html, run_in_own_group
from tests.support.paths import REPO

RESULTS = REPO / "docs" / "performance.json"
WARM_GOAL = 0.15
FIRST_VIEW_GOAL = 350_000
EDITED_PAGE = "information/entropy"
# Each kind of page: the landing, math pages (a short one, a long one), an API page, the search page.
FIRST_VIEW_PAGES = [
    "en/index.html",
    "zh_CN/index.html",
    "en/activations/softmax.html",
    "zh_CN/activations/softmax.html",
    "en/optim/adaptive-methods.html",
    "zh_CN/api/optim.html",
    "zh_CN/search.html",
]
UNCOMPRESSED_KINDS = {"font", "image"}  # already compressed formats; a host sends them as they are


def measure_builds(repository: Path) -> dict:
    cold = make_html(repository)
    warm = make_html(repository)
    page = repository / "docs" / f"{EDITED_PAGE}.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    edit = make_html(repository)
    builds = {}
    for name, build in (("cold", cold), ("warm", warm), ("one_page_edit", edit)):
        if build.returncode:
            raise SystemExit(f"the {name} build failed:\n{build.log[-3000:]}")
        builds[name] = {
            "seconds": build.seconds,
            "executed": len(build.executed),
            "pages_read": sum(language.read for language in build.languages.values()),
        }
    builds["warm_ratio"] = warm.seconds / cold.seconds
    builds["one_page_edit_ratio"] = edit.seconds / cold.seconds
    return builds


def measure_tests() -> dict:
    start = datetime.datetime.now()
    returncode, log = run_in_own_group(
        ["make", "--no-print-directory", "-C", str(REPO), "test", f"VENV={sys.prefix}"], timeout=2 * 60 * 60
    )
    seconds = (datetime.datetime.now() - start).total_seconds()
    summary = re.findall(r"^=* ?(\d+ passed.*?) ?=*$", log, re.M)
    if returncode or not summary:
        raise SystemExit(f"make test failed:\n{log[-3000:]}")
    # make check's pytest run (the fast tests), then the build and browser tests.
    return {"seconds": seconds, "summary": "; ".join(summary)}


def measure_first_view(site: Path) -> list[dict]:
    from playwright.sync_api import sync_playwright

    views = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for path in FIRST_VIEW_PAGES:
            page = browser.new_context().new_page()
            responses = []
            elsewhere = allow_only(page, base)
            page.on("response", lambda response, seen=responses: seen.append(response))  # Playwright tags a function
            page.goto(f"{base}/{path}", wait_until="networkidle")
            page.evaluate("() => document.fonts.ready.then(() => null)")  # the math's fonts, once laid out
            page.wait_for_load_state("networkidle")
            by_kind: dict[str, dict[str, int]] = {}
            for response in responses:
                body = response.body()
                kind = response.request.resource_type
                sent = len(body) if kind in UNCOMPRESSED_KINDS else len(gzip.compress(body, 6))
                totals = by_kind.setdefault(kind, {"files": 0, "bytes": 0, "transferred": 0})
                totals["files"] += 1
                totals["bytes"] += len(body)
                totals["transferred"] += sent
            views.append(
                {
                    "page": path,
                    "kinds": by_kind,
                    "elsewhere": elsewhere,
                    "bytes": sum(k["bytes"] for k in by_kind.values()),
                    "transferred": sum(k["transferred"] for k in by_kind.values()),
                }
            )
            page.context.close()
        browser.close()
    return views


def describe_machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    memory_kb = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    commit = subprocess.run(  # "-dirty" when the working tree has changes not yet committed
        ["git", "-C", str(REPO), "describe", "--always", "--dirty", "--abbrev=7"], capture_output=True, text=True
    ).stdout.strip()
    import sphinx

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(memory_kb / 2**20, 1),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "sphinx": sphinx.__version__,
        "date": datetime.date.today().isoformat(),
        "commit": commit or "unknown",
    }


SECTIONS = ["builds", "documents", "first_view", "softmax", "tests", "lighthouse"]


def provenance(previous: dict, only: set[str], machine: dict) -> dict:
    """Each section's run: ``machine`` for the sections measured now, the ``previous`` run's
    for the others (a run with ``--only`` keeps their figures), ``None`` where no run has."""
    return {section: machine if section in only else previous.get(section) for section in SECTIONS}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=SECTIONS, default=SECTIONS, metavar="SECTION")
    only = set(parser.parse_args(argv).only)
    results = json.loads(RESULTS.read_text(encoding="utf-8")) if only != set(SECTIONS) else {}
    machine = describe_machine()
    results["measured"] = provenance(results.get("measured", {}), only, machine)
    if "builds" in only:
        with tempfile.TemporaryDirectory(prefix="notes-bench-") as scratch:
            repository = copy_repository(Path(scratch) / "repository", with_cache=False)
            print("building a copy from nothing, again unchanged, then after a one-page edit …", flush=True)
            results["builds"] = measure_builds(repository)
            if "first_view" in only:
                print("loading pages in Chromium …", flush=True)
                results["first_view"] = measure_first_view(repository / "docs" / "_build" / "html")
            if "lighthouse" in only:
                print("scoring its pages with Lighthouse …", flush=True)
                pages = measure_lighthouse(repository / "docs" / "_build" / "html")
                results["lighthouse"] = {"goals": LIGHTHOUSE_GOALS, "pages": pages}
    elif "first_view" in only:
        print("loading this checkout's pages in Chromium …", flush=True)
        results["first_view"] = measure_first_view(REPO / "docs" / "_build" / "html")
    if "documents" in only:
        print("building the books (make pdf, make epub) in a copy …", flush=True)
        results["documents"] = measure_documents()
    if "lighthouse" in only and "builds" not in only:
        print("scoring this checkout's pages with Lighthouse …", flush=True)
        pages = measure_lighthouse(REPO / "docs" / "_build" / "html")
        results["lighthouse"] = {"goals": LIGHTHOUSE_GOALS, "pages": pages}
    if "softmax" in only:
        print("timing the softmax family against scipy.special …", flush=True)
        results["softmax"] = softmax_ratios()
    if "tests" in only:
        print("running make test …", flush=True)
        results["tests"] = measure_tests()
    results["goals"] = {
        "warm_ratio": WARM_GOAL,
        "softmax_ratio": RATIO_GOAL,
        "softmax_exp_passes": EXP_PASSES_GOAL,
        "first_view_bytes": FIRST_VIEW_GOAL,
    }
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return report(results, machine)


def report(results: dict, machine: dict) -> int:
    builds, missed = results["builds"], []
    print(
        f"\nthis run: {machine['cpu']}, {machine['cores']} cores, Python {machine['python']}, "
        f"Sphinx {machine['sphinx']}, commit {machine['commit']}"
    )
    print(
        f"{'cold build (en + zh_CN)':<44} {builds['cold']['seconds']:8.1f} s   "
        f"{builds['cold']['executed']} notebook executions"
    )
    for name, label in (("warm", "rebuild, nothing changed"), ("one_page_edit", "rebuild after a one-page edit")):
        build, of_cold = builds[name], builds[name]["seconds"] / builds["cold"]["seconds"]
        print(
            f"{label:<44} {build['seconds']:8.1f} s   {build['executed']} executions, "
            f"{build['pages_read']} pages read, {of_cold:.3f} of cold"
        )
    if builds["warm_ratio"] > WARM_GOAL:
        missed.append(f"warm/cold {builds['warm_ratio']:.3f} > {WARM_GOAL}")
    for build in results.get("documents", []):
        books = ", ".join(
            f"{book['name']} {book['bytes'] / 1e6:.1f} MB" + (f" {book['pages']} pages" if book["pages"] else "")
            for book in build["books"]
        )
        print(f"{build['target'] + ' (en + zh_CN)':<44} {build['seconds']:8.1f} s   {books}")
    if "tests" in results:  # a file written without the tests section has none
        print(f"{'test suite (make test)':<44} {results['tests']['seconds']:8.1f} s   {results['tests']['summary']}")
    for row in results.get("softmax", []):
        print(
            f"{row['function'] + ' ' + row['shape']:<44} {row['ratio']:8.2f}     of scipy.special "
            f"({row['notes_ms']:.2f} ms vs {row['scipy_ms']:.2f} ms), {row['exp_passes']:.2f} passes of np.exp "
            f"({row['exp_ms']:.2f} ms)"
        )
        if row["ratio"] > RATIO_GOAL:
            missed.append(f"{row['function']} {row['shape']} ratio {row['ratio']:.2f} > {RATIO_GOAL}")
        if row["exp_passes"] > EXP_PASSES_GOAL:
            missed.append(f"{row['function']} {row['shape']} {row['exp_passes']:.2f} exp passes > {EXP_PASSES_GOAL}")
    for view in results.get("first_view", []):
        print(
            f"{'first view ' + view['page']:<44} {view['transferred'] / 1e6:8.2f} MB transferred "
            f"({view['bytes'] / 1e6:.2f} MB uncompressed)"
        )
        if view["transferred"] > FIRST_VIEW_GOAL or view["elsewhere"]:
            missed.append(
                f"first view of {view['page']}: {view['transferred']} bytes, requests elsewhere: {view['elsewhere']}"
            )
    lighthouse = results.get("lighthouse", {}).get("pages", [])  # an older file may have none
    print("\n".join(report_lines(lighthouse)))
    missed += missed_goals(lighthouse)
    print(f"\nwrote {RESULTS.relative_to(REPO)}")
    for line in missed:
        print("MISSED:", line)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
