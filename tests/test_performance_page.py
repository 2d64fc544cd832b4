"""The Performance page's figures, as ``docs/_ext/performance_figures.py`` formats them."""

from __future__ import annotations

from performance_figures import NOT_MEASURED, formatted, lookup


def test_figures_are_shown_with_their_units():
    assert formatted("builds.cold.seconds", 61.04) == "61.0\u00a0s"
    assert formatted("softmax.0.exp_passes", 3.456) == "3.46"
    assert formatted("softmax.0.ratio", 0.4949) == "0.49"
    assert formatted("first_view.0.transferred", 312_345) == "0.31\u00a0MB"
    assert formatted("documents.1.books.0.bytes", 2_345_678) == "2.35\u00a0MB"
    assert formatted("lighthouse.pages.0.performance_runs", [86, 88, 92]) == "86, 88, 92"


def test_a_section_the_last_run_did_not_measure_shows_a_dash():
    figures = {"builds": {"cold": {"seconds": 61.0}}, "softmax": [{"ratio": 0.5}]}
    assert lookup(figures, "tests.seconds") is None and formatted("tests.seconds", None) == NOT_MEASURED
    assert lookup(figures, "softmax.3.ratio") is None  # a shorter list than the page's table
    assert lookup(figures, "builds.cold.seconds") == 61.0


def test_a_section_no_run_has_measured_shows_a_dash_for_its_machine():
    figures = {"measured": {"builds": {"commit": "abc1234"}, "tests": None}}
    assert lookup(figures, "measured.tests.commit") is None
    assert lookup(figures, "measured.builds.commit") == "abc1234"
