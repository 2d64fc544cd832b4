"""Lighthouse's scores of a few pages in each language, as a reader on a phone would load them.

npm ``lighthouse`` (``node_modules/.bin/lighthouse``, from ``make node-deps``) drives Debian's
Chromium, headless and with nothing of its own reaching the network, over the built site
served the way a static host serves it: text gzip-compressed (level 6). Lighthouse's default
is a mobile device on a throttled connection, simulated. For each page it records the four
category scores (0-100) and the three figures the performance score weighs most: cumulative
layout shift, largest contentful paint and total blocking time; and Lighthouse's benchmark
index of the machine (its measure of the CPU's speed: the simulated phone's CPU is this
machine's, slowed down 4×, so a slower machine scores lower on the same pages). A shared
machine's speed varies from minute to minute, so each page is audited ``RUNS`` times and
keeps its median run's figures, with every run's performance score.

``make bench`` runs it as its ``lighthouse`` section; ``python -m benchmarks.lighthouse``
scores this checkout's own build (``make html``) and prints the figures.
"""

from __future__ import annotations

import gzip
import http.server
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from tests.support.browser import CHROMIUM, serve
from tests.support.paths import REPO, SITE

LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
PAGES = [
    f"{language}/{page}"
    for language in ("en", "zh_CN")
    for page in ("index.html", "activations/softmax.html", "optim/adaptive-methods.html")
]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
GOALS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 95, "cls": 0.1}
# Those of tests/support/browser.py: Chromium's own requests (updates, sync) stay off.
CHROME_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
_COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Files as a static host sends them: text gzip-compressed when the browser accepts it."""

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        if (
            not path.is_file()
            or "gzip" not in self.headers.get("Accept-Encoding", "")
            or not content_type.startswith(_COMPRESSED_TYPES)
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def audit(url: str) -> dict[str, Any]:
    """Lighthouse's scores and key figures for one page."""
    with tempfile.TemporaryDirectory(prefix="notes-lighthouse-") as scratch:
        report = Path(scratch) / "report.json"
        command = [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={' '.join(CHROME_FLAGS)}",
        ]
        environment = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
        result = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=300)
        if result.returncode or not report.is_file():
            raise SystemExit(f"lighthouse failed on {url}:\n{(result.stdout + result.stderr)[-3000:]}")
        data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    return {
        "scores": {name: round(100 * data["categories"][name]["score"]) for name in CATEGORIES},
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "lcp_seconds": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "benchmark_index": data["environment"]["benchmarkIndex"],
        "failed": [  # the audits of the other categories that did not pass
            f"{name}: {ref['id']}"
            for name in CATEGORIES[1:]
            for ref in data["categories"][name]["auditRefs"]
            if ref["weight"] and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
        ],
    }


#: Audits of each page; its figures are those of the audit with the median performance score.
RUNS = 3


def median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The audit whose performance score is the median of ``runs`` (an odd number of them):
    one audit's figures, not a mix, as Lighthouse's guide to its variability advises."""
    return sorted(runs, key=lambda run: run["scores"]["performance"])[len(runs) // 2]


def measure_lighthouse(site: Path) -> list[dict[str, Any]]:
    """Audit each of ``PAGES`` of the built ``site`` ``RUNS`` times, the pages taking turns, and
    keep each page's median run, with the performance scores of all its runs."""
    with serve(site, _GzipHandler) as base:
        runs: dict[str, list[dict[str, Any]]] = {page: [] for page in PAGES}
        for _ in range(RUNS):
            for page in PAGES:
                runs[page].append(audit(f"{base}/{page}"))
    return [
        {"page": page, **median_run(audits), "performance_runs": [run["scores"]["performance"] for run in audits]}
        for page, audits in runs.items()
    ]


def missed_goals(rows: list[dict[str, Any]]) -> list[str]:
    """A line for each page and goal it misses."""
    missed = []
    for row in rows:
        for name in CATEGORIES:
            if row["scores"][name] < GOALS[name]:
                missed.append(f"lighthouse {row['page']}: {name} {row['scores'][name]} < {GOALS[name]}")
        if row["cls"] > GOALS["cls"]:
            missed.append(f"lighthouse {row['page']}: layout shift {row['cls']:.3f} > {GOALS['cls']}")
    return missed


def report_lines(rows: list[dict[str, Any]]) -> list[str]:
    """One line per page: the four scores, then CLS, LCP and TBT (and the benchmark index and
    the runs' performance scores, which a file written before they were recorded lacks)."""
    return [
        f"{'lighthouse ' + row['page']:<44} "
        + " ".join(f"{name} {row['scores'][name]:3d}" for name in CATEGORIES)
        + f"   CLS {row['cls']:.3f}, LCP {row['lcp_seconds']:.1f} s, TBT {row['tbt_ms']:.0f} ms"
        + (f", CPU index {row['benchmark_index']:.0f}" if "benchmark_index" in row else "")
        + (f", performance of its runs {row['performance_runs']}" if "performance_runs" in row else "")
        for row in rows
    ]


def main() -> int:
    rows = measure_lighthouse(SITE)
    print("\n".join(report_lines(rows)))
    for row in rows:
        if row["failed"]:
            print(f"{row['page']}: {', '.join(row['failed'])}")
    missed = missed_goals(rows)
    for line in missed:
        print("MISSED:", line)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
