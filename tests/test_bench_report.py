"""make bench's report and record of a run that measured some sections only (``ONLY="…"``),
its file holding no figures, or older figures, of the others."""

from __future__ import annotations

import json

from benchmarks.bench import RESULTS, SECTIONS, provenance, report
from benchmarks.lighthouse import median_run


def test_a_section_no_run_has_measured_is_left_out_of_the_report(capsys):
    results = json.loads(RESULTS.read_text(encoding="utf-8"))
    for section in ("tests", "softmax", "first_view", "lighthouse", "documents"):
        results.pop(section, None)
    report(results, results["measured"]["builds"])
    printed = capsys.readouterr().out
    assert "cold build (en + zh_CN)" in printed
    for line in ("test suite", "of scipy.special", "first view", "lighthouse", "make pdf"):
        assert line not in printed, line


def test_each_section_names_the_run_that_measured_it():
    older, now = {"cpu": "older machine"}, {"cpu": "this machine"}
    measured = provenance({"builds": older, "softmax": older}, {"softmax", "lighthouse"}, now)
    assert set(measured) == set(SECTIONS)
    assert measured["softmax"] is now and measured["lighthouse"] is now  # measured again
    assert measured["builds"] is older  # figures kept, with their run
    assert measured["tests"] is None  # no run has measured it


def test_the_committed_results_name_a_run_for_every_section_they_hold():
    results = json.loads(RESULTS.read_text(encoding="utf-8"))
    assert set(results["measured"]) == set(SECTIONS)
    for section in SECTIONS:
        assert (results["measured"][section] is None) == (section not in results), section


def test_a_page_keeps_the_figures_of_its_median_run():
    runs = [{"scores": {"performance": score}, "lcp_seconds": lcp} for score, lcp in ((91, 2.1), (67, 3.0), (86, 2.4))]
    assert median_run(runs) == {"scores": {"performance": 86}, "lcp_seconds": 2.4}
